from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Period(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERIOD_UNSPECIFIED: _ClassVar[Period]
    PERIOD_24H: _ClassVar[Period]
    PERIOD_7D: _ClassVar[Period]
    PERIOD_30D: _ClassVar[Period]
PERIOD_UNSPECIFIED: Period
PERIOD_24H: Period
PERIOD_7D: Period
PERIOD_30D: Period

class Count(_message.Message):
    __slots__ = ("value", "exact", "error")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    EXACT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    value: int
    exact: bool
    error: _status_pb2.Status
    def __init__(self, value: _Optional[int] = ..., exact: _Optional[bool] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

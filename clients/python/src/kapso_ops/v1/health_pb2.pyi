import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from google.rpc import status_pb2 as _status_pb2
from kapso_ops.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_INFO: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_CRITICAL: _ClassVar[Severity]
SEVERITY_UNSPECIFIED: Severity
SEVERITY_INFO: Severity
SEVERITY_WARNING: Severity
SEVERITY_CRITICAL: Severity

class PhoneNumber(_message.Message):
    __slots__ = ("id", "internal_id", "phone_number_id", "name", "business_account_id", "display_phone_number", "verified_name", "quality_rating", "status", "throughput_tier", "code_verification_status", "name_status", "is_coexistence", "webhook_verified_at", "created_at", "updated_at", "is_coexistence_json")
    ID_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    QUALITY_RATING_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    THROUGHPUT_TIER_FIELD_NUMBER: _ClassVar[int]
    CODE_VERIFICATION_STATUS_FIELD_NUMBER: _ClassVar[int]
    NAME_STATUS_FIELD_NUMBER: _ClassVar[int]
    IS_COEXISTENCE_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_VERIFIED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    IS_COEXISTENCE_JSON_FIELD_NUMBER: _ClassVar[int]
    id: str
    internal_id: str
    phone_number_id: str
    name: str
    business_account_id: str
    display_phone_number: str
    verified_name: str
    quality_rating: str
    status: str
    throughput_tier: str
    code_verification_status: str
    name_status: str
    is_coexistence: bool
    webhook_verified_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    is_coexistence_json: _struct_pb2.Value
    def __init__(self, id: _Optional[str] = ..., internal_id: _Optional[str] = ..., phone_number_id: _Optional[str] = ..., name: _Optional[str] = ..., business_account_id: _Optional[str] = ..., display_phone_number: _Optional[str] = ..., verified_name: _Optional[str] = ..., quality_rating: _Optional[str] = ..., status: _Optional[str] = ..., throughput_tier: _Optional[str] = ..., code_verification_status: _Optional[str] = ..., name_status: _Optional[str] = ..., is_coexistence: _Optional[bool] = ..., webhook_verified_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., is_coexistence_json: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class GetProjectOverviewRequest(_message.Message):
    __slots__ = ("period",)
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    period: _common_pb2.Period
    def __init__(self, period: _Optional[_Union[_common_pb2.Period, str]] = ...) -> None: ...

class ProjectOverview(_message.Message):
    __slots__ = ("phone_numbers", "phone_numbers_total", "phone_numbers_error", "period", "api_calls_total", "api_calls_failed", "webhook_deliveries_total", "webhook_deliveries_failed")
    PHONE_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBERS_ERROR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    API_CALLS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    API_CALLS_FAILED_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_DELIVERIES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_DELIVERIES_FAILED_FIELD_NUMBER: _ClassVar[int]
    phone_numbers: _containers.RepeatedCompositeFieldContainer[PhoneNumber]
    phone_numbers_total: int
    phone_numbers_error: _status_pb2.Status
    period: _common_pb2.Period
    api_calls_total: _common_pb2.Count
    api_calls_failed: _common_pb2.Count
    webhook_deliveries_total: _common_pb2.Count
    webhook_deliveries_failed: _common_pb2.Count
    def __init__(self, phone_numbers: _Optional[_Iterable[_Union[PhoneNumber, _Mapping]]] = ..., phone_numbers_total: _Optional[int] = ..., phone_numbers_error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., period: _Optional[_Union[_common_pb2.Period, str]] = ..., api_calls_total: _Optional[_Union[_common_pb2.Count, _Mapping]] = ..., api_calls_failed: _Optional[_Union[_common_pb2.Count, _Mapping]] = ..., webhook_deliveries_total: _Optional[_Union[_common_pb2.Count, _Mapping]] = ..., webhook_deliveries_failed: _Optional[_Union[_common_pb2.Count, _Mapping]] = ...) -> None: ...

class CheckPhoneNumberHealthRequest(_message.Message):
    __slots__ = ("phone_number_id",)
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    def __init__(self, phone_number_id: _Optional[str] = ...) -> None: ...

class PhoneNumberHealth(_message.Message):
    __slots__ = ("status", "timestamp", "retry_after", "error", "checks", "findings", "most_actionable_entity", "cache_age")
    class ChecksEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: HealthCheck
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[HealthCheck, _Mapping]] = ...) -> None: ...
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    RETRY_AFTER_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    MOST_ACTIONABLE_ENTITY_FIELD_NUMBER: _ClassVar[int]
    CACHE_AGE_FIELD_NUMBER: _ClassVar[int]
    status: str
    timestamp: _timestamp_pb2.Timestamp
    retry_after: _timestamp_pb2.Timestamp
    error: str
    checks: _containers.MessageMap[str, HealthCheck]
    findings: _containers.RepeatedCompositeFieldContainer[HealthFinding]
    most_actionable_entity: MessagingEntity
    cache_age: _duration_pb2.Duration
    def __init__(self, status: _Optional[str] = ..., timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., retry_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[str] = ..., checks: _Optional[_Mapping[str, HealthCheck]] = ..., findings: _Optional[_Iterable[_Union[HealthFinding, _Mapping]]] = ..., most_actionable_entity: _Optional[_Union[MessagingEntity, _Mapping]] = ..., cache_age: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class HealthCheck(_message.Message):
    __slots__ = ("passed", "details", "error", "overall_status")
    PASSED_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    OVERALL_STATUS_FIELD_NUMBER: _ClassVar[int]
    passed: _wrappers_pb2.BoolValue
    details: _struct_pb2.Struct
    error: str
    overall_status: str
    def __init__(self, passed: _Optional[_Union[_wrappers_pb2.BoolValue, _Mapping]] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., error: _Optional[str] = ..., overall_status: _Optional[str] = ...) -> None: ...

class HealthFinding(_message.Message):
    __slots__ = ("check", "severity", "summary")
    CHECK_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    check: str
    severity: Severity
    summary: str
    def __init__(self, check: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., summary: _Optional[str] = ...) -> None: ...

class MessagingEntity(_message.Message):
    __slots__ = ("entity_type", "id", "can_send_message", "additional_info", "errors")
    ENTITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    CAN_SEND_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_INFO_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    entity_type: str
    id: str
    can_send_message: str
    additional_info: _containers.RepeatedScalarFieldContainer[str]
    errors: _containers.RepeatedCompositeFieldContainer[MessagingEntityError]
    def __init__(self, entity_type: _Optional[str] = ..., id: _Optional[str] = ..., can_send_message: _Optional[str] = ..., additional_info: _Optional[_Iterable[str]] = ..., errors: _Optional[_Iterable[_Union[MessagingEntityError, _Mapping]]] = ...) -> None: ...

class MessagingEntityError(_message.Message):
    __slots__ = ("error_code", "error_description", "possible_solution")
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    ERROR_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    POSSIBLE_SOLUTION_FIELD_NUMBER: _ClassVar[int]
    error_code: int
    error_description: str
    possible_solution: str
    def __init__(self, error_code: _Optional[int] = ..., error_description: _Optional[str] = ..., possible_solution: _Optional[str] = ...) -> None: ...

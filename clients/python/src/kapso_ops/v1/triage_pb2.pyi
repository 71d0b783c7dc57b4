import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from kapso_ops.v1 import common_pb2 as _common_pb2
from kapso_ops.v1 import message_debug_pb2 as _message_debug_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ApiLog(_message.Message):
    __slots__ = ("id", "endpoint", "http_method", "response_status", "response_time_ms", "ip_address", "error_message", "created_at", "api_key_id", "api_key_name")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    HTTP_METHOD_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_STATUS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    IP_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    API_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    API_KEY_NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    endpoint: str
    http_method: str
    response_status: int
    response_time_ms: float
    ip_address: str
    error_message: str
    created_at: _timestamp_pb2.Timestamp
    api_key_id: str
    api_key_name: str
    def __init__(self, id: _Optional[str] = ..., endpoint: _Optional[str] = ..., http_method: _Optional[str] = ..., response_status: _Optional[int] = ..., response_time_ms: _Optional[float] = ..., ip_address: _Optional[str] = ..., error_message: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., api_key_id: _Optional[str] = ..., api_key_name: _Optional[str] = ...) -> None: ...

class WebhookDelivery(_message.Message):
    __slots__ = ("id", "event", "status", "response_status", "delivered_at", "failed_at", "last_attempt_at", "attempt_count", "created_at", "webhook_id", "webhook_url", "whatsapp_config_id", "phone_number_id", "conversation_phone_number")
    ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_STATUS_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_AT_FIELD_NUMBER: _ClassVar[int]
    FAILED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ATTEMPT_AT_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_ID_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    WHATSAPP_CONFIG_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    id: str
    event: str
    status: str
    response_status: int
    delivered_at: _timestamp_pb2.Timestamp
    failed_at: _timestamp_pb2.Timestamp
    last_attempt_at: _timestamp_pb2.Timestamp
    attempt_count: int
    created_at: _timestamp_pb2.Timestamp
    webhook_id: str
    webhook_url: str
    whatsapp_config_id: str
    phone_number_id: str
    conversation_phone_number: str
    def __init__(self, id: _Optional[str] = ..., event: _Optional[str] = ..., status: _Optional[str] = ..., response_status: _Optional[int] = ..., delivered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., failed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_attempt_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempt_count: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., webhook_id: _Optional[str] = ..., webhook_url: _Optional[str] = ..., whatsapp_config_id: _Optional[str] = ..., phone_number_id: _Optional[str] = ..., conversation_phone_number: _Optional[str] = ...) -> None: ...

class ListMessageErrorsRequest(_message.Message):
    __slots__ = ("period", "limit", "phone_number", "phone_number_id")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    period: _common_pb2.Period
    limit: int
    phone_number: str
    phone_number_id: str
    def __init__(self, period: _Optional[_Union[_common_pb2.Period, str]] = ..., limit: _Optional[int] = ..., phone_number: _Optional[str] = ..., phone_number_id: _Optional[str] = ...) -> None: ...

class ListMessageErrorsResponse(_message.Message):
    __slots__ = ("failed_messages", "api_errors", "delivery_errors")
    FAILED_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    API_ERRORS_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_ERRORS_FIELD_NUMBER: _ClassVar[int]
    failed_messages: FailedMessages
    api_errors: ApiErrors
    delivery_errors: DeliveryErrors
    def __init__(self, failed_messages: _Optional[_Union[FailedMessages, _Mapping]] = ..., api_errors: _Optional[_Union[ApiErrors, _Mapping]] = ..., delivery_errors: _Optional[_Union[DeliveryErrors, _Mapping]] = ...) -> None: ...

class FailedMessages(_message.Message):
    __slots__ = ("messages", "has_more", "error")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[_message_debug_pb2.Message]
    has_more: bool
    error: _status_pb2.Status
    def __init__(self, messages: _Optional[_Iterable[_Union[_message_debug_pb2.Message, _Mapping]]] = ..., has_more: _Optional[bool] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class ApiErrors(_message.Message):
    __slots__ = ("api_logs", "has_more", "error")
    API_LOGS_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    api_logs: _containers.RepeatedCompositeFieldContainer[ApiLog]
    has_more: bool
    error: _status_pb2.Status
    def __init__(self, api_logs: _Optional[_Iterable[_Union[ApiLog, _Mapping]]] = ..., has_more: _Optional[bool] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class DeliveryErrors(_message.Message):
    __slots__ = ("deliveries", "has_more", "error")
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[WebhookDelivery]
    has_more: bool
    error: _status_pb2.Status
    def __init__(self, deliveries: _Optional[_Iterable[_Union[WebhookDelivery, _Mapping]]] = ..., has_more: _Optional[bool] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class ListApiLogsRequest(_message.Message):
    __slots__ = ("period", "endpoint", "status_code", "errors_only", "page_size", "page_token")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    ERRORS_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    period: _common_pb2.Period
    endpoint: str
    status_code: int
    errors_only: bool
    page_size: int
    page_token: str
    def __init__(self, period: _Optional[_Union[_common_pb2.Period, str]] = ..., endpoint: _Optional[str] = ..., status_code: _Optional[int] = ..., errors_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListApiLogsResponse(_message.Message):
    __slots__ = ("api_logs", "next_page_token")
    API_LOGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    api_logs: _containers.RepeatedCompositeFieldContainer[ApiLog]
    next_page_token: str
    def __init__(self, api_logs: _Optional[_Iterable[_Union[ApiLog, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListWebhookDeliveriesRequest(_message.Message):
    __slots__ = ("period", "status", "event", "webhook_id", "errors_only", "page_size", "page_token")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_ID_FIELD_NUMBER: _ClassVar[int]
    ERRORS_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    period: _common_pb2.Period
    status: str
    event: str
    webhook_id: str
    errors_only: bool
    page_size: int
    page_token: str
    def __init__(self, period: _Optional[_Union[_common_pb2.Period, str]] = ..., status: _Optional[str] = ..., event: _Optional[str] = ..., webhook_id: _Optional[str] = ..., errors_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListWebhookDeliveriesResponse(_message.Message):
    __slots__ = ("deliveries", "next_page_token")
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[WebhookDelivery]
    next_page_token: str
    def __init__(self, deliveries: _Optional[_Iterable[_Union[WebhookDelivery, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

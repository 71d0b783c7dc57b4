import datetime

from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WebhookScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEBHOOK_SCOPE_UNSPECIFIED: _ClassVar[WebhookScope]
    WEBHOOK_SCOPE_CONFIG: _ClassVar[WebhookScope]
    WEBHOOK_SCOPE_PROJECT: _ClassVar[WebhookScope]
WEBHOOK_SCOPE_UNSPECIFIED: WebhookScope
WEBHOOK_SCOPE_CONFIG: WebhookScope
WEBHOOK_SCOPE_PROJECT: WebhookScope

class Webhook(_message.Message):
    __slots__ = ("id", "url", "kind", "events", "active", "secret_key", "headers", "payload_version", "buffer_enabled", "buffer_window_seconds", "max_buffer_size", "buffer_events", "inactivity_minutes", "project_id", "phone_number_id", "created_at", "updated_at", "headers_json")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    SECRET_KEY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_VERSION_FIELD_NUMBER: _ClassVar[int]
    BUFFER_ENABLED_FIELD_NUMBER: _ClassVar[int]
    BUFFER_WINDOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MAX_BUFFER_SIZE_FIELD_NUMBER: _ClassVar[int]
    BUFFER_EVENTS_FIELD_NUMBER: _ClassVar[int]
    INACTIVITY_MINUTES_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    HEADERS_JSON_FIELD_NUMBER: _ClassVar[int]
    id: str
    url: str
    kind: str
    events: _containers.RepeatedScalarFieldContainer[str]
    active: bool
    secret_key: str
    headers: _containers.ScalarMap[str, str]
    payload_version: str
    buffer_enabled: bool
    buffer_window_seconds: int
    max_buffer_size: int
    buffer_events: _containers.RepeatedScalarFieldContainer[str]
    inactivity_minutes: int
    project_id: str
    phone_number_id: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    headers_json: _struct_pb2.Struct
    def __init__(self, id: _Optional[str] = ..., url: _Optional[str] = ..., kind: _Optional[str] = ..., events: _Optional[_Iterable[str]] = ..., active: _Optional[bool] = ..., secret_key: _Optional[str] = ..., headers: _Optional[_Mapping[str, str]] = ..., payload_version: _Optional[str] = ..., buffer_enabled: _Optional[bool] = ..., buffer_window_seconds: _Optional[int] = ..., max_buffer_size: _Optional[int] = ..., buffer_events: _Optional[_Iterable[str]] = ..., inactivity_minutes: _Optional[int] = ..., project_id: _Optional[str] = ..., phone_number_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., headers_json: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ListWebhooksRequest(_message.Message):
    __slots__ = ("phone_number_id", "scope", "kind", "url_contains", "active", "created_after", "created_before", "page_size", "page_token")
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    URL_CONTAINS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    scope: WebhookScope
    kind: str
    url_contains: str
    active: bool
    created_after: _timestamp_pb2.Timestamp
    created_before: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    def __init__(self, phone_number_id: _Optional[str] = ..., scope: _Optional[_Union[WebhookScope, str]] = ..., kind: _Optional[str] = ..., url_contains: _Optional[str] = ..., active: _Optional[bool] = ..., created_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListWebhooksResponse(_message.Message):
    __slots__ = ("webhooks", "next_page_token", "total_size")
    WEBHOOKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    webhooks: _containers.RepeatedCompositeFieldContainer[Webhook]
    next_page_token: str
    total_size: int
    def __init__(self, webhooks: _Optional[_Iterable[_Union[Webhook, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetWebhookRequest(_message.Message):
    __slots__ = ("phone_number_id", "scope", "webhook_id")
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_ID_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    scope: WebhookScope
    webhook_id: str
    def __init__(self, phone_number_id: _Optional[str] = ..., scope: _Optional[_Union[WebhookScope, str]] = ..., webhook_id: _Optional[str] = ...) -> None: ...

class CreateWebhookRequest(_message.Message):
    __slots__ = ("phone_number_id", "scope", "webhook")
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    scope: WebhookScope
    webhook: Webhook
    def __init__(self, phone_number_id: _Optional[str] = ..., scope: _Optional[_Union[WebhookScope, str]] = ..., webhook: _Optional[_Union[Webhook, _Mapping]] = ...) -> None: ...

class UpdateWebhookRequest(_message.Message):
    __slots__ = ("phone_number_id", "scope", "webhook_id", "webhook", "update_mask")
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_ID_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    scope: WebhookScope
    webhook_id: str
    webhook: Webhook
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, phone_number_id: _Optional[str] = ..., scope: _Optional[_Union[WebhookScope, str]] = ..., webhook_id: _Optional[str] = ..., webhook: _Optional[_Union[Webhook, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteWebhookRequest(_message.Message):
    __slots__ = ("phone_number_id", "scope", "webhook_id")
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_ID_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    scope: WebhookScope
    webhook_id: str
    def __init__(self, phone_number_id: _Optional[str] = ..., scope: _Optional[_Union[WebhookScope, str]] = ..., webhook_id: _Optional[str] = ...) -> None: ...

class TestWebhookRequest(_message.Message):
    __slots__ = ("webhook_id", "event_type")
    WEBHOOK_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    webhook_id: str
    event_type: str
    def __init__(self, webhook_id: _Optional[str] = ..., event_type: _Optional[str] = ...) -> None: ...

class TestWebhookResponse(_message.Message):
    __slots__ = ("success",)
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    success: bool
    def __init__(self, success: _Optional[bool] = ...) -> None: ...

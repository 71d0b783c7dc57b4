import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Message(_message.Message):
    __slots__ = ("id", "timestamp", "type", "to", "context", "text", "image", "video", "audio", "document", "location", "sticker", "interactive", "button", "template", "reaction", "contacts", "order", "kapso", "delivery_timeline")
    ID_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    AUDIO_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    STICKER_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVE_FIELD_NUMBER: _ClassVar[int]
    BUTTON_FIELD_NUMBER: _ClassVar[int]
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    REACTION_FIELD_NUMBER: _ClassVar[int]
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    KAPSO_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_TIMELINE_FIELD_NUMBER: _ClassVar[int]
    id: str
    timestamp: str
    type: str
    to: str
    context: _struct_pb2.Struct
    text: TextContent
    image: _struct_pb2.Struct
    video: _struct_pb2.Struct
    audio: _struct_pb2.Struct
    document: _struct_pb2.Struct
    location: _struct_pb2.Struct
    sticker: _struct_pb2.Struct
    interactive: _struct_pb2.Struct
    button: _struct_pb2.Struct
    template: _struct_pb2.Struct
    reaction: _struct_pb2.Struct
    contacts: _struct_pb2.ListValue
    order: _struct_pb2.Struct
    kapso: KapsoMessageInfo
    delivery_timeline: _containers.RepeatedCompositeFieldContainer[DeliveryEvent]
    def __init__(self, id: _Optional[str] = ..., timestamp: _Optional[str] = ..., type: _Optional[str] = ..., to: _Optional[str] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., text: _Optional[_Union[TextContent, _Mapping]] = ..., image: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., video: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., audio: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., document: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., location: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., sticker: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., interactive: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., button: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., template: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., reaction: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., contacts: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., order: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., kapso: _Optional[_Union[KapsoMessageInfo, _Mapping]] = ..., delivery_timeline: _Optional[_Iterable[_Union[DeliveryEvent, _Mapping]]] = ..., **kwargs) -> None: ...

class TextContent(_message.Message):
    __slots__ = ("body",)
    BODY_FIELD_NUMBER: _ClassVar[int]
    body: str
    def __init__(self, body: _Optional[str] = ...) -> None: ...

class KapsoMessageInfo(_message.Message):
    __slots__ = ("direction", "status", "processing_status", "origin", "phone_number", "phone_number_id", "has_media", "whatsapp_conversation_id", "contact_name", "content", "statuses", "media_data", "media_url", "transcript", "statuses_json")
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_STATUS_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    HAS_MEDIA_FIELD_NUMBER: _ClassVar[int]
    WHATSAPP_CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    MEDIA_DATA_FIELD_NUMBER: _ClassVar[int]
    MEDIA_URL_FIELD_NUMBER: _ClassVar[int]
    TRANSCRIPT_FIELD_NUMBER: _ClassVar[int]
    STATUSES_JSON_FIELD_NUMBER: _ClassVar[int]
    direction: str
    status: str
    processing_status: str
    origin: str
    phone_number: str
    phone_number_id: str
    has_media: bool
    whatsapp_conversation_id: str
    contact_name: str
    content: str
    statuses: _containers.RepeatedCompositeFieldContainer[MetaStatusEvent]
    media_data: _struct_pb2.Struct
    media_url: str
    transcript: _struct_pb2.Struct
    statuses_json: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    def __init__(self, direction: _Optional[str] = ..., status: _Optional[str] = ..., processing_status: _Optional[str] = ..., origin: _Optional[str] = ..., phone_number: _Optional[str] = ..., phone_number_id: _Optional[str] = ..., has_media: _Optional[bool] = ..., whatsapp_conversation_id: _Optional[str] = ..., contact_name: _Optional[str] = ..., content: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[MetaStatusEvent, _Mapping]]] = ..., media_data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., media_url: _Optional[str] = ..., transcript: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., statuses_json: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ...) -> None: ...

class MetaStatusEvent(_message.Message):
    __slots__ = ("id", "status", "timestamp", "recipient_id", "conversation", "pricing", "errors")
    ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    PRICING_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    id: str
    status: str
    timestamp: str
    recipient_id: str
    conversation: _struct_pb2.Struct
    pricing: _struct_pb2.Struct
    errors: _containers.RepeatedCompositeFieldContainer[MetaError]
    def __init__(self, id: _Optional[str] = ..., status: _Optional[str] = ..., timestamp: _Optional[str] = ..., recipient_id: _Optional[str] = ..., conversation: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., pricing: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., errors: _Optional[_Iterable[_Union[MetaError, _Mapping]]] = ...) -> None: ...

class MetaError(_message.Message):
    __slots__ = ("code", "title", "message", "error_data", "href")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ERROR_DATA_FIELD_NUMBER: _ClassVar[int]
    HREF_FIELD_NUMBER: _ClassVar[int]
    code: int
    title: str
    message: str
    error_data: _struct_pb2.Struct
    href: str
    def __init__(self, code: _Optional[int] = ..., title: _Optional[str] = ..., message: _Optional[str] = ..., error_data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., href: _Optional[str] = ...) -> None: ...

class DeliveryEvent(_message.Message):
    __slots__ = ("status", "time", "errors")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    status: str
    time: _timestamp_pb2.Timestamp
    errors: _containers.RepeatedCompositeFieldContainer[MetaError]
    def __init__(self, status: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., errors: _Optional[_Iterable[_Union[MetaError, _Mapping]]] = ...) -> None: ...

class Conversation(_message.Message):
    __slots__ = ("id", "phone_number", "status", "last_active_at", "created_at", "updated_at", "metadata", "phone_number_id", "business_scoped_user_id", "username", "kapso")
    ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_SCOPED_USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    KAPSO_FIELD_NUMBER: _ClassVar[int]
    id: str
    phone_number: str
    status: str
    last_active_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    metadata: _struct_pb2.Struct
    phone_number_id: str
    business_scoped_user_id: str
    username: str
    kapso: ConversationSummary
    def __init__(self, id: _Optional[str] = ..., phone_number: _Optional[str] = ..., status: _Optional[str] = ..., last_active_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., metadata: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., phone_number_id: _Optional[str] = ..., business_scoped_user_id: _Optional[str] = ..., username: _Optional[str] = ..., kapso: _Optional[_Union[ConversationSummary, _Mapping]] = ...) -> None: ...

class ConversationSummary(_message.Message):
    __slots__ = ("contact_name", "messages_count", "last_message_id", "last_message_type", "last_message_timestamp", "last_message_text", "last_inbound_at", "last_outbound_at")
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_COUNT_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_TEXT_FIELD_NUMBER: _ClassVar[int]
    LAST_INBOUND_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_OUTBOUND_AT_FIELD_NUMBER: _ClassVar[int]
    contact_name: str
    messages_count: int
    last_message_id: str
    last_message_type: str
    last_message_timestamp: _timestamp_pb2.Timestamp
    last_message_text: str
    last_inbound_at: _timestamp_pb2.Timestamp
    last_outbound_at: _timestamp_pb2.Timestamp
    def __init__(self, contact_name: _Optional[str] = ..., messages_count: _Optional[int] = ..., last_message_id: _Optional[str] = ..., last_message_type: _Optional[str] = ..., last_message_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_message_text: _Optional[str] = ..., last_inbound_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_outbound_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListMessagesRequest(_message.Message):
    __slots__ = ("phone_number_id", "conversation_id", "phone_number", "direction", "status", "message_type", "has_media", "page_size", "page_token")
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    HAS_MEDIA_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    phone_number_id: str
    conversation_id: str
    phone_number: str
    direction: str
    status: str
    message_type: str
    has_media: bool
    page_size: int
    page_token: str
    def __init__(self, phone_number_id: _Optional[str] = ..., conversation_id: _Optional[str] = ..., phone_number: _Optional[str] = ..., direction: _Optional[str] = ..., status: _Optional[str] = ..., message_type: _Optional[str] = ..., has_media: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMessagesResponse(_message.Message):
    __slots__ = ("messages", "next_page_token")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[Message]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[Message, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetMessageRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class ListConversationsRequest(_message.Message):
    __slots__ = ("phone_number", "phone_number_id", "status", "page_size", "page_token")
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    phone_number: str
    phone_number_id: str
    status: str
    page_size: int
    page_token: str
    def __init__(self, phone_number: _Optional[str] = ..., phone_number_id: _Optional[str] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListConversationsResponse(_message.Message):
    __slots__ = ("conversations", "next_page_token")
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversations: _containers.RepeatedCompositeFieldContainer[Conversation]
    next_page_token: str
    def __init__(self, conversations: _Optional[_Iterable[_Union[Conversation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetConversationRequest(_message.Message):
    __slots__ = ("conversation_id",)
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    def __init__(self, conversation_id: _Optional[str] = ...) -> None: ...

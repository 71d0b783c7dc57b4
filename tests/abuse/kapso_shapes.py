"""Well-formed Kapso answers (docs/contracts.md, sandbox/README.md): the
envelopes {"data": ...} with page `meta` or cursor `paging`."""
import json

PHONE_NUMBER_ID = "1000000000000001"
WEBHOOK_ID = "0a000000-0000-4000-8000-000000000001"


def message(message_id: str, status_timestamp: str = "1700000100") -> dict:
    return {
        "id": message_id, "timestamp": "1700000000", "type": "text",
        "from": "15550100001", "to": "15550100101", "text": {"body": "hello"},
        "kapso": {"direction": "outbound", "status": "delivered",
                  "phone_number_id": PHONE_NUMBER_ID,
                  "statuses": [{"id": message_id, "status": "sent",
                                "timestamp": status_timestamp,
                                "recipient_id": "15550100101"}]},
    }


def webhook(webhook_id: str = WEBHOOK_ID) -> dict:
    return {"id": webhook_id, "url": "https://hooks.example.com/k", "kind": "kapso",
            "events": ["whatsapp.message.received"], "active": True,
            "phone_number_id": PHONE_NUMBER_ID, "payload_version": "v2",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}


def conversation(conversation_id: str, created_at: str = "2026-01-01T00:00:00Z") -> dict:
    return {"id": conversation_id, "phone_number": "15550100101", "status": "active",
            "phone_number_id": PHONE_NUMBER_ID, "created_at": created_at,
            "updated_at": "2026-01-01T00:00:00Z", "last_active_at": "2026-01-01T00:00:00Z"}


def item(data) -> dict:
    return {"data": data}


def cursor_page(items, next_cursor=None) -> dict:
    return {"data": items, "paging": {"cursors": {"before": None, "after": next_cursor},
                                      "next": next_cursor, "previous": None}}


def page_list(items, page=1, total_pages=1) -> dict:
    return {"data": items, "meta": {"page": page, "per_page": 100, "total_pages": total_pages,
                                    "total_count": len(items)}}


def nested_message_body(message_id: str, depth: int) -> bytes:
    """A message whose `context` Struct holds `depth` levels of arrays
    (about 2 bytes per level): 20,000 levels is a 40 KB body."""
    head = json.dumps(item(message(message_id)))[:-2]  # strip the closing "}}"
    nested = b"[" * depth + b"]" * depth
    return head.encode() + b', "context": {"a": ' + nested + b"}}}"

"""The four mutating Webhooks RPCs with valid requests, and the upstream
request each one makes."""
from google.protobuf import field_mask_pb2

import kapso_shapes as shapes
from kapso_ops.v1 import webhooks_pb2

PN, WH = shapes.PHONE_NUMBER_ID, shapes.WEBHOOK_ID
NUMBER_WEBHOOKS = rf"/whatsapp/phone_numbers/{PN}/webhooks"
ONE_WEBHOOK = rf"{NUMBER_WEBHOOKS}/{WH}"
NEW_WEBHOOK = webhooks_pb2.Webhook(url="https://hooks.example.com/new", kind="kapso",
                                   events=["whatsapp.message.received"])


def create(stubs, timeout=5):
    return stubs.webhooks.CreateWebhook(
        webhooks_pb2.CreateWebhookRequest(phone_number_id=PN, webhook=NEW_WEBHOOK), timeout=timeout)


def update(stubs, timeout=5):
    return stubs.webhooks.UpdateWebhook(webhooks_pb2.UpdateWebhookRequest(
        phone_number_id=PN, webhook_id=WH, webhook=webhooks_pb2.Webhook(url="https://h.example/u"),
        update_mask=field_mask_pb2.FieldMask(paths=["url"])), timeout=timeout)


def delete(stubs, timeout=5):
    return stubs.webhooks.DeleteWebhook(
        webhooks_pb2.DeleteWebhookRequest(phone_number_id=PN, webhook_id=WH), timeout=timeout)


def fire_test(stubs, timeout=5):
    return stubs.webhooks.TestWebhook(webhooks_pb2.TestWebhookRequest(webhook_id=WH),
                                      timeout=timeout)


WRITES = {  # name: (call, HTTP method, path regex)
    "create-POST": (create, "POST", NUMBER_WEBHOOKS),
    "update-PATCH": (update, "PATCH", ONE_WEBHOOK),
    "delete-DELETE": (delete, "DELETE", ONE_WEBHOOK),
    "test-POST": (fire_test, "POST", rf"/whatsapp/webhooks/{WH}/test"),
}

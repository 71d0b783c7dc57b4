// Webhook create/update/delete/test through both collections, with Kapso's
// validation (422), conflicts (409), plan gate (402) and scoping (404).
#include <string>

#include "sandbox/sandbox_test_fixture.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

const std::string kNumberHooks = std::string("/whatsapp/phone_numbers/") + kSupport + "/webhooks";

json Hook(json fields = json::object()) {
  json hook = {{"url", "https://example.com/hook"},
               {"secret_key", "s3cret"},
               {"events", {"whatsapp.message.received"}}};
  hook.update(fields);
  return {{"whatsapp_webhook", hook}};
}

class WebhookRoutesTest : public SandboxTest {};

TEST_F(WebhookRoutesTest, CreateGetUpdateTestDelete) {
  json created = SendJson("POST", kNumberHooks, Hook(), 201)["data"];
  std::string id = created["id"];
  EXPECT_EQ(created["phone_number_id"], kSupport);
  EXPECT_EQ(created["kind"], "kapso");
  EXPECT_EQ(created["payload_version"], "v2");
  EXPECT_EQ(created["buffer_window_seconds"], 5);
  EXPECT_EQ(created["inactivity_minutes"], 60);
  EXPECT_EQ(GetJson(kNumberHooks + "/" + id)["data"], created);
  EXPECT_EQ(GetJson("/whatsapp/webhooks/" + id)["data"]["id"], id);

  json patch = {{"whatsapp_webhook", {{"active", false}, {"max_buffer_size", 10}}}};
  json updated = SendJson("PATCH", kNumberHooks + "/" + id, patch, 200)["data"];
  EXPECT_FALSE(updated["active"].get<bool>());
  EXPECT_EQ(updated["max_buffer_size"], 10);
  EXPECT_EQ(updated["url"], created["url"]);
  SendJson("PATCH", "/whatsapp/webhooks/" + id, {{"whatsapp_webhook", {{"kind", "meta"}}}}, 422);

  std::string test = "/whatsapp/webhooks/" + id + "/test";
  json ok = SendJson("POST", test, {{"event_type", "whatsapp.message.received"}}, 200);
  EXPECT_EQ(ok, json({{"data", {{"success", true}}}}));
  SendJson("POST", test + "?event_type=whatsapp.message.received", nullptr, 200);
  SendJson("POST", test, {{"event_type", "whatsapp.message.read"}}, 422);
  SendJson("POST", test, json::object(), 200);

  httplib::Result deleted = client_->Delete(("/platform/v1" + kNumberHooks + "/" + id).c_str());
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_TRUE(deleted->body.empty());
  GetJson(kNumberHooks + "/" + id, 404);
  SendJson("DELETE", "/whatsapp/webhooks/" + id, nullptr, 404);
  SendJson("POST", "/whatsapp/webhooks/nope/test", json::object(), 404);
}

TEST_F(WebhookRoutesTest, InvalidBodiesAre422) {
  const json bad[] = {
      {{"url", "http://example.com/hook"}},
      {{"url", "not a url"}},
      {{"events", {"whatsapp.message.exploded"}}},
      {{"events", json::array()}},
      {{"buffer_window_seconds", 61}},
      {{"buffer_window_seconds", 0}},
      {{"max_buffer_size", 101}},
      {{"inactivity_minutes", 1441}},
      {{"payload_version", "v3"}},
      {{"kind", "slack"}},
      {{"active", "yes"}},
      {{"secret_key", nullptr}},
      {{"events", {"whatsapp.config.created"}}},  // v1 only
  };
  for (const json& fields : bad) {
    SCOPED_TRACE(fields.dump());
    json body = SendJson("POST", kNumberHooks, Hook(fields), 422);
    EXPECT_TRUE(body["error"].is_string());
  }
  SendJson("POST", kNumberHooks, json({{"url", "https://x.example"}}), 422);
  httplib::Result malformed =
      client_->Post(("/platform/v1" + kNumberHooks).c_str(), "{oops", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
}

TEST_F(WebhookRoutesTest, ConflictsAre409) {
  SendJson("POST", kNumberHooks, Hook({{"url", "https://hooks.acme.example/kapso/messages"}}), 409);
  SendJson("POST", kNumberHooks, Hook({{"kind", "meta"}, {"url", "https://example.com/meta2"}}),
           409);
  // The same URL on another number is fine.
  SendJson("POST", std::string("/whatsapp/phone_numbers/") + kAlerts + "/webhooks",
           Hook({{"url", "https://hooks.acme.example/kapso/messages"}}), 201);
  json meta = SendJson("POST", std::string("/whatsapp/phone_numbers/") + kAlerts + "/webhooks",
                       Hook({{"kind", "meta"}, {"url", "https://example.com/meta"}}), 201)["data"];
  EXPECT_EQ(meta["events"], json::array());
  SendJson("PATCH", "/whatsapp/webhooks/0a000000-0000-4000-8000-000000000002",
           {{"whatsapp_webhook", {{"url", "https://hooks.acme.example/kapso/messages"}}}}, 409);
}

TEST_F(WebhookRoutesTest, ProjectCollection) {
  json hook = {
      {"whatsapp_webhook",
       {{"url", "https://ops.example/numbers"}, {"events", {"whatsapp.phone_number.deleted"}}}}};
  json created = SendJson("POST", "/whatsapp/webhooks", hook, 201)["data"];
  EXPECT_TRUE(created["phone_number_id"].is_null());
  EXPECT_EQ(GetJson("/whatsapp/webhooks")["meta"]["total_count"], 7);
  SendJson(
      "POST", "/whatsapp/webhooks",
      {{"whatsapp_webhook", {{"url", "https://ops.example/p"}, {"events", {"project.event"}}}}},
      402);
  // Message events need a number; meta webhooks too.
  SendJson("POST", "/whatsapp/webhooks",
           {{"whatsapp_webhook",
             {{"url", "https://ops.example/m"}, {"events", {"whatsapp.message.received"}}}}},
           422);
  SendJson("POST", "/whatsapp/webhooks",
           {{"whatsapp_webhook", {{"url", "https://ops.example/m"}, {"kind", "meta"}}}}, 422);
  json scoped = SendJson("POST", "/whatsapp/webhooks",
                         {{"whatsapp_webhook",
                           {{"url", "https://ops.example/m"},
                            {"phone_number_id", kSales},
                            {"events", {"whatsapp.message.received"}}}}},
                         201)["data"];
  EXPECT_EQ(scoped["phone_number_id"], kSales);
  SendJson("POST", "/whatsapp/webhooks",
           {{"whatsapp_webhook",
             {{"url", "https://ops.example/x"},
              {"phone_number_id", "999"},
              {"events", {"whatsapp.message.received"}}}}},
           404);
}

TEST_F(WebhookRoutesTest, NumberPathsOnlySeeTheirNumbersWebhooks) {
  std::string sales_hook = "0a000000-0000-4000-8000-000000000004";
  GetJson(kNumberHooks + "/" + sales_hook, 404);
  SendJson("PATCH", kNumberHooks + "/" + sales_hook, {{"whatsapp_webhook", {{"active", false}}}},
           404);
  SendJson("DELETE", kNumberHooks + "/" + sales_hook, nullptr, 404);
  GetJson(std::string("/whatsapp/phone_numbers/") + kSales + "/webhooks/" + sales_hook);
  GetJson("/whatsapp/phone_numbers/999/webhooks/" + sales_hook, 404);
  json seeded = GetJson(kNumberHooks + "/0a000000-0000-4000-8000-000000000001")["data"];
  EXPECT_EQ(seeded["secret_key"], "sandbox-secret-1");
  EXPECT_EQ(seeded["events"].size(), 5u);
}

}  // namespace
}  // namespace kapso::sandbox

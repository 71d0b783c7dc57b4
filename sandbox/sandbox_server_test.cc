// The Kapso contract as served: paging in both styles, filters, health and
// auth. Real HTTP over loopback against a sandbox on port 0.
#include <string>
#include <vector>

#include "sandbox/sandbox_test_fixture.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

class SandboxServerTest : public SandboxTest {
 protected:
  // Follows `next` cursors from `path` (which already has a query) and
  // returns every id, checking the paging object on the way.
  std::vector<std::string> Walk(const std::string& path) {
    std::vector<std::string> ids;
    std::string next;
    for (int page = 0; page < 100; ++page) {
      json body = GetJson(next.empty() ? path : path + "&after=" + next);
      for (const json& item : body["data"]) ids.push_back(item["id"]);
      if (page == 0) {
        EXPECT_TRUE(body["paging"]["previous"].is_null());
      }
      if (body["paging"]["next"].is_null()) break;
      next = body["paging"]["next"].get<std::string>();
    }
    return ids;
  }
  size_t CountAll(const std::string& path) { return Walk(path).size(); }
};

TEST_F(SandboxServerTest, PageBasedPagingWalksProjectWebhooks) {
  httplib::Result res = client_->Get("/platform/v1/whatsapp/webhooks?per_page=4");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Total"), "6");
  EXPECT_EQ(res->get_header_value("X-Total-Pages"), "2");
  EXPECT_EQ(res->get_header_value("X-Per-Page"), "4");
  EXPECT_EQ(res->get_header_value("X-Page"), "1");
  EXPECT_NE(res->get_header_value("Link").find("rel=\"next\""), std::string::npos);
  json first = json::parse(res->body);
  EXPECT_EQ(first["data"].size(), 4u);
  EXPECT_EQ(first["meta"],
            json({{"page", 1}, {"per_page", 4}, {"total_pages", 2}, {"total_count", 6}}));
  EXPECT_EQ(GetJson("/whatsapp/webhooks?per_page=4&page=2")["data"].size(), 2u);
  EXPECT_EQ(GetJson("/whatsapp/webhooks?per_page=4&page=3")["data"].size(), 0u);
  GetJson("/whatsapp/webhooks?page=0", 400);
  GetJson("/whatsapp/webhooks?per_page=x", 400);
}

TEST_F(SandboxServerTest, NumberWebhooksFilter) {
  std::string base = std::string("/whatsapp/phone_numbers/") + kSupport + "/webhooks";
  EXPECT_EQ(GetJson(base)["meta"]["total_count"], 3);
  json meta = GetJson(base + "?kind=meta")["data"];
  ASSERT_EQ(meta.size(), 1u);
  EXPECT_EQ(meta[0]["id"], "0a000000-0000-4000-8000-000000000003");
  EXPECT_EQ(GetJson(base + "?active=false")["data"][0]["id"],
            "0a000000-0000-4000-8000-000000000002");
  EXPECT_EQ(GetJson(base + "?url_contains=CONVERSATIONS")["data"].size(), 1u);
  EXPECT_EQ(GetJson(base + "?created_after=2000-01-01T00:00:00Z")["data"].size(), 3u);
  EXPECT_EQ(GetJson(base + "?created_before=2000-01-01T00:00:00Z")["data"].size(), 0u);
  GetJson(base + "?kind=other", 422);
  GetJson("/whatsapp/phone_numbers/999/webhooks", 404);
  EXPECT_EQ(GetJson("/whatsapp/webhooks?kind=meta")["data"].size(), 1u);
}

TEST_F(SandboxServerTest, CursorPagingWalksAllMessagesBothWays) {
  std::vector<std::string> ids = Walk("/whatsapp/messages?limit=10");
  ASSERT_EQ(ids.size(), 45u);
  EXPECT_EQ(ids.front(), "wamid.SANDBOX0001");
  EXPECT_EQ(ids.back(), "wamid.SANDBOX0045");
  json second =
      GetJson("/whatsapp/messages?limit=10&after=" +
              GetJson("/whatsapp/messages?limit=10")["paging"]["next"].get<std::string>());
  EXPECT_EQ(second["data"][0]["id"], "wamid.SANDBOX0011");
  json back = GetJson("/whatsapp/messages?limit=10&before=" +
                      second["paging"]["previous"].get<std::string>());
  EXPECT_EQ(back["data"][0]["id"], "wamid.SANDBOX0001");
  EXPECT_TRUE(back["paging"]["previous"].is_null());
  json last = GetJson("/whatsapp/messages?limit=100");
  EXPECT_TRUE(last["paging"]["next"].is_null());
  EXPECT_TRUE(last["paging"]["cursors"]["after"].is_string());
}

TEST_F(SandboxServerTest, CursorParametersAreValidated) {
  for (const char* query :
       {"limit=0", "limit=101", "limit=ten", "after=%%%", "after=bm90LWpzb24="}) {
    SCOPED_TRACE(query);
    json body = GetJson(std::string("/whatsapp/messages?") + query, 400);
    EXPECT_TRUE(body["error"].is_string());
  }
  EXPECT_EQ(GetJson("/api_logs?limit=100")["data"].size(), 60u);
}

TEST_F(SandboxServerTest, LegacyOffsetPagingIsCapped) {
  json page = GetJson("/whatsapp/messages?page=2&per_page=10");
  EXPECT_EQ(page["data"][0]["id"], "wamid.SANDBOX0011");
  EXPECT_FALSE(page["paging"]["next"].is_null());
  for (const char* query : {"page=51&per_page=1", "page=2&per_page=5000", "page=0"}) {
    SCOPED_TRACE(query);
    GetJson(std::string("/whatsapp/conversations?") + query, 400);
  }
  json capped = GetJson("/api_logs?page=51&per_page=10", 400);
  EXPECT_EQ(capped["message"], "legacy_offset_pagination_limit_exceeded");
}

TEST_F(SandboxServerTest, MessageFilters) {
  std::vector<std::string> failed =
      Walk("/whatsapp/messages?direction=outbound&status=failed&limit=100");
  EXPECT_GE(failed.size(), 5u);
  EXPECT_EQ(failed[0], "wamid.SANDBOX0002");
  EXPECT_EQ(failed[1], "wamid.SANDBOX0003");
  // Kept in a local: a range-for over a temporary's ["data"] reads freed memory.
  json with_media = GetJson("/whatsapp/messages?has_media=true&limit=100");
  for (const json& m : with_media["data"]) {
    EXPECT_TRUE(m["kapso"]["has_media"].get<bool>());
  }
  json by_phone = GetJson("/whatsapp/messages?limit=100&phone_number=%2B1%20555-010-0101");
  ASSERT_FALSE(by_phone["data"].empty());
  for (const json& m : by_phone["data"]) {
    EXPECT_EQ(m["kapso"]["whatsapp_conversation_id"], "c0000000-0000-4000-8000-000000000001");
  }
  EXPECT_EQ(CountAll("/whatsapp/messages?limit=100&conversation_id="
                     "c0000000-0000-4000-8000-000000000001"),
            by_phone["data"].size());
  EXPECT_EQ(GetJson("/whatsapp/messages?message_type=template&limit=100")["data"][0]["id"],
            "wamid.SANDBOX0002");
  EXPECT_GT(CountAll(std::string("/whatsapp/messages?limit=100&phone_number_id=") + kSales), 0u);
  EXPECT_GT(CountAll("/whatsapp/messages?limit=100&direction=inbound"), 0u);
  GetJson("/whatsapp/messages?direction=sideways", 422);
  GetJson("/whatsapp/messages?has_media=maybe", 422);
}

TEST_F(SandboxServerTest, GetMessageShowsStatusTimeline) {
  json read = GetJson("/whatsapp/messages/wamid.SANDBOX0001")["data"];
  EXPECT_EQ(read["type"], "text");
  EXPECT_EQ(read["kapso"]["statuses"].size(), 3u);
  EXPECT_EQ(read["kapso"]["statuses"][2]["status"], "read");
  EXPECT_TRUE(read["timestamp"].is_string());
  json failed = GetJson("/whatsapp/messages/wamid.SANDBOX0002")["data"];
  EXPECT_EQ(failed["type"], "template");
  EXPECT_EQ(failed["kapso"]["statuses"][0]["errors"][0]["code"], 131047);
  json undeliverable = GetJson("/whatsapp/messages/wamid.SANDBOX0003")["data"];
  EXPECT_EQ(undeliverable["kapso"]["statuses"][0]["errors"][0]["code"], 131026);
  EXPECT_TRUE(GetJson("/whatsapp/messages/wamid.NOPE", 404)["error"].is_string());
}

TEST_F(SandboxServerTest, ConversationFilters) {
  EXPECT_EQ(CountAll("/whatsapp/conversations?limit=2"), 6u);
  EXPECT_EQ(CountAll("/whatsapp/conversations?status=active"), 3u);
  EXPECT_EQ(CountAll(std::string("/whatsapp/conversations?phone_number_id=") + kSales), 2u);
  EXPECT_EQ(CountAll("/whatsapp/conversations?phone_number=15550100101"), 1u);
  EXPECT_EQ(CountAll("/whatsapp/conversations?last_active_after=2000-01-01T00:00:00Z"), 6u);
  json c1 = GetJson("/whatsapp/conversations/c0000000-0000-4000-8000-000000000001")["data"];
  EXPECT_EQ(c1["phone_number"], "15550100101");
  EXPECT_EQ(c1["phone_number_id"], kSupport);
  EXPECT_EQ(c1["status"], "active");
  EXPECT_EQ(c1["kapso"]["last_message_id"], "wamid.SANDBOX0001");
  GetJson("/whatsapp/conversations/c0000000-0000-4000-8000-000000000999", 404);
  GetJson("/whatsapp/conversations?status=open", 422);
}

TEST_F(SandboxServerTest, ApiLogsByPeriodAndErrors) {
  EXPECT_EQ(CountAll("/api_logs?limit=25"), 60u);
  EXPECT_EQ(CountAll("/api_logs?limit=100&errors_only=true"), 12u);
  EXPECT_EQ(CountAll("/api_logs?limit=100&period=7d"), 90u);
  EXPECT_EQ(CountAll("/api_logs?limit=100&period=30d"), 90u);
  json not_found = GetJson("/api_logs?limit=100&status_code=404");
  for (const json& log : not_found["data"]) {
    EXPECT_EQ(log["response_status"], 404);
  }
  json health = GetJson("/api_logs?limit=100&endpoint=HEALTH");
  for (const json& log : health["data"]) {
    EXPECT_NE(log["endpoint"].get<std::string>().find("/health"), std::string::npos);
  }
  GetJson("/api_logs?period=1y", 422);
}

TEST_F(SandboxServerTest, WebhookDeliveriesByPeriodAndErrors) {
  EXPECT_EQ(CountAll("/webhook_deliveries?limit=100"), 50u);
  EXPECT_EQ(CountAll("/webhook_deliveries?limit=100&errors_only=true"), 8u);
  EXPECT_EQ(CountAll("/webhook_deliveries?limit=100&status=failed"), 8u);
  EXPECT_EQ(CountAll("/webhook_deliveries?limit=100&period=7d"), 70u);
  std::string hook = "0a000000-0000-4000-8000-000000000001";
  json deliveries = GetJson("/webhook_deliveries?limit=100&webhook_id=" + hook);
  for (const json& d : deliveries["data"]) {
    EXPECT_EQ(d["webhook_id"], hook);
  }
  EXPECT_GT(CountAll("/webhook_deliveries?event=whatsapp.message.received"), 0u);
  GetJson("/webhook_deliveries?status=lost", 422);
}

TEST_F(SandboxServerTest, PhoneNumbersAndHealth) {
  json numbers = GetJson("/whatsapp/phone_numbers");
  ASSERT_EQ(numbers["data"].size(), 3u);
  EXPECT_EQ(numbers["data"][0]["id"], kSupport);
  EXPECT_EQ(numbers["meta"]["total_count"], 3);
  EXPECT_EQ(GetJson(std::string("/whatsapp/phone_numbers/") + kAlerts)["data"]["status"],
            "PENDING");
  httplib::Result res = client_->Get(
      (std::string("/platform/v1/whatsapp/phone_numbers/") + kSupport + "/health").c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Health-RateLimit-Minute-Limit"), "60");
  json healthy = json::parse(res->body);
  EXPECT_FALSE(healthy.contains("data"));
  EXPECT_EQ(healthy["status"], "healthy");
  EXPECT_EQ(healthy["checks"]["messaging_health"]["overall_status"], "AVAILABLE");
  json degraded = GetJson(std::string("/whatsapp/phone_numbers/") + kSales + "/health");
  EXPECT_EQ(degraded["status"], "degraded");
  EXPECT_EQ(degraded["checks"]["messaging_health"]["overall_status"], "LIMITED");
  json unhealthy = GetJson(std::string("/whatsapp/phone_numbers/") + kAlerts + "/health");
  EXPECT_EQ(unhealthy["status"], "unhealthy");
  EXPECT_FALSE(unhealthy["checks"]["phone_number_access"]["passed"].get<bool>());
  const json& entity = unhealthy["checks"]["messaging_health"]["details"]["entities"][0];
  EXPECT_EQ(entity["entity_type"], "PHONE_NUMBER");
  EXPECT_EQ(entity["errors"][0]["error_code"], "141000");
  EXPECT_TRUE(unhealthy["timestamp"].is_string());
  GetJson("/whatsapp/phone_numbers/999/health", 404);
}

TEST_F(SandboxServerTest, ApiKeyIsRequired) {
  httplib::Client anonymous(sandbox_->base_url());
  httplib::Result missing = anonymous.Get("/platform/v1/whatsapp/messages");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_TRUE(json::parse(missing->body)["error"].is_string());
  httplib::Result wrong = anonymous.Get("/platform/v1/whatsapp/messages", {{"X-API-Key", "nope"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  httplib::Result admin = anonymous.Get("/__sandbox/stats");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
}

TEST_F(SandboxServerTest, EveryAnswerCarriesRateLimitAndRequestId) {
  for (const char* path : {"/platform/v1/whatsapp/messages", "/platform/v1/no/such/path"}) {
    SCOPED_TRACE(path);
    httplib::Result res = client_->Get(path);
    ASSERT_TRUE(res);
    EXPECT_FALSE(res->get_header_value("X-Request-Id").empty());
    EXPECT_FALSE(res->get_header_value("X-RateLimit-Limit").empty());
    EXPECT_FALSE(res->get_header_value("X-RateLimit-Remaining").empty());
  }
  GetJson("/no/such/path", 404);
}

}  // namespace
}  // namespace kapso::sandbox

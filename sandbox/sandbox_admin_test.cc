// The test-facing surface: faults, stats, reset (as C++ methods and over
// /__sandbox), and the rate limits.
#include <chrono>
#include <future>
#include <string>

#include "kapso_client/testing/wait_until.h"
#include "sandbox/sandbox_test_fixture.h"

namespace kapso::sandbox {
namespace {

using ::kapso::testing::WaitUntil;
using nlohmann::json;

constexpr char kMessages[] = "/platform/v1/whatsapp/messages";

class SandboxAdminTest : public SandboxTest {
 protected:
  int StatusOf(const std::string& path) {
    httplib::Result res = client_->Get(path.c_str());
    return res ? res->status : -1;
  }
};

TEST_F(SandboxAdminTest, StatusFaultWithRetryAfterAppliesTimes) {
  Fault fault;
  fault.method = "GET";
  fault.path_prefix = kMessages;
  fault.status = 503;
  fault.headers["Retry-After"] = "1";
  fault.times = 2;
  sandbox_->AddFault(fault);
  for (int i = 0; i < 2; ++i) {
    httplib::Result res = client_->Get(kMessages);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503);
    EXPECT_EQ(res->get_header_value("Retry-After"), "1");
    EXPECT_TRUE(json::parse(res->body)["error"].is_string());
  }
  EXPECT_EQ(StatusOf(kMessages), 200);
  EXPECT_EQ(StatusOf("/platform/v1/whatsapp/phone_numbers"), 200);
}

TEST_F(SandboxAdminTest, MalformedBodyAndMethodMatching) {
  Fault fault;
  fault.method = "POST";
  fault.path_prefix = "/platform/v1/whatsapp/";
  fault.status = 201;
  fault.body = "{\"data\": {";
  sandbox_->AddFault(fault);
  EXPECT_EQ(StatusOf(kMessages), 200);  // GET does not match
  httplib::Result res = client_->Post("/platform/v1/whatsapp/webhooks", "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, "{\"data\": {");
}

TEST_F(SandboxAdminTest, DelayDoesNotBlockOtherRequests) {
  Fault fault;
  fault.path_prefix = kMessages;
  fault.delay_ms = 400;  // status 0: the real answer, late
  sandbox_->AddFault(fault);
  auto start = std::chrono::steady_clock::now();
  std::future<int> slow = std::async(std::launch::async, [this] {
    auto client = NewClient();
    httplib::Result res = client->Get(kMessages);
    return res ? res->status : -1;
  });
  // The slow request is in its delay once the sandbox has counted it.
  ASSERT_TRUE(WaitUntil([&] { return sandbox_->RequestCount("GET", kMessages) == 1; }));
  EXPECT_EQ(StatusOf("/platform/v1/whatsapp/phone_numbers"), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
  EXPECT_EQ(slow.get(), 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(400));
}

TEST_F(SandboxAdminTest, FaultsOverHttpUntilCleared) {
  json fault = {
      {"method", "GET"}, {"path_prefix", "/platform/v1/api_logs"}, {"status", 500}, {"times", -1}};
  httplib::Result added = client_->Post("/__sandbox/faults", fault.dump(), "application/json");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 200);
  EXPECT_EQ(json::parse(added->body)["id"], 1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(StatusOf("/platform/v1/api_logs"), 500);
  ASSERT_TRUE(client_->Delete("/__sandbox/faults"));
  EXPECT_EQ(StatusOf("/platform/v1/api_logs"), 200);
  httplib::Result bad = client_->Post("/__sandbox/faults", "{\"times\": 0}", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(SandboxAdminTest, StatsCountRequestsAndConnections) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(StatusOf(kMessages), 200);
  EXPECT_EQ(StatusOf("/platform/v1/whatsapp/messages/wamid.SANDBOX0001"), 200);
  EXPECT_EQ(sandbox_->RequestCount("GET", kMessages), 4);
  EXPECT_EQ(sandbox_->RequestCount("POST", kMessages), 0);
  EXPECT_EQ(sandbox_->TotalRequests(), 4);
  EXPECT_EQ(sandbox_->ConnectionsOpened(), 1);  // keep-alive
  auto other = NewClient();
  ASSERT_TRUE(other->Get(kMessages));
  EXPECT_EQ(sandbox_->ConnectionsOpened(), 2);
  json stats = json::parse(client_->Get("/__sandbox/stats")->body);
  EXPECT_EQ(stats["total_requests"], 5);
  EXPECT_EQ(stats["connections_opened"], 2);
  EXPECT_EQ(stats["requests"][0], json({{"method", "GET"}, {"path", kMessages}, {"count", 4}}));
}

TEST_F(SandboxAdminTest, ResetRestoresSeedAndClearsEverything) {
  std::string hook = "/platform/v1/whatsapp/webhooks/0a000000-0000-4000-8000-000000000001";
  ASSERT_EQ(client_->Delete(hook.c_str())->status, 204);
  EXPECT_EQ(StatusOf(hook), 404);
  Fault fault;
  fault.status = 500;
  fault.times = -1;
  fault.path_prefix = "/platform/v1/api_logs";
  sandbox_->AddFault(fault);
  sandbox_->Reset();
  EXPECT_EQ(sandbox_->TotalRequests(), 0);
  EXPECT_EQ(StatusOf(hook), 200);
  EXPECT_EQ(StatusOf("/platform/v1/api_logs"), 200);
  ASSERT_EQ(client_->Delete(hook.c_str())->status, 204);
  ASSERT_EQ(client_->Post("/__sandbox/reset", "", "application/json")->status, 200);
  EXPECT_EQ(StatusOf(hook), 200);
}

TEST_F(SandboxAdminTest, RecordsAddedAtRunTimeAreListedUntilReset) {
  json log = {{"id", "a9000000-0000-4000-8000-000000000001"},
              {"endpoint", "/platform/v1/whatsapp/messages"},
              {"http_method", "GET"},
              {"response_status", 401},
              {"error_message", "Invalid API key"},
              {"created_at", "2099-01-01T00:00:00Z"}};  // the newest of all
  json body = {{"collection", "api_logs"}, {"record", log}};
  ASSERT_EQ(client_->Post("/__sandbox/records", body.dump(), "application/json")->status, 200);
  EXPECT_EQ(GetJson("/api_logs")["data"][0]["id"], log["id"]);
  json twin = {{"id", "1000000000000009"}, {"display_phone_number", "+1 555-010-0001"}};
  ASSERT_TRUE(sandbox_->AddRecord("phone_numbers", twin).ok());
  EXPECT_EQ(GetJson("/whatsapp/phone_numbers/1000000000000009/health")["status"], "healthy");
  json bad = {{"collection", "contacts"}, {"record", log}};
  EXPECT_EQ(client_->Post("/__sandbox/records", bad.dump(), "application/json")->status, 400);
  json no_time = {{"collection", "webhook_deliveries"}, {"record", {{"id", "d9"}}}};
  EXPECT_EQ(client_->Post("/__sandbox/records", no_time.dump(), "application/json")->status, 400);
  sandbox_->Reset();
  EXPECT_NE(GetJson("/api_logs")["data"][0]["id"], log["id"]);
}

TEST_F(SandboxAdminTest, RateLimitAnswers429WithRetryAfter) {
  options_.rate_limit_per_minute = 3;
  StartSandbox();
  for (int i = 0; i < 3; ++i) {
    httplib::Result res = client_->Get(kMessages);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("X-RateLimit-Limit"), "3");
  }
  httplib::Result limited = client_->Get(kMessages);
  ASSERT_TRUE(limited);
  // A minute boundary between the calls would reset the window.
  if (limited->status == 200) GTEST_SKIP() << "window rolled over";
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "60");
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Remaining"), "0");
  EXPECT_TRUE(json::parse(limited->body)["error"].is_string());
}

TEST_F(SandboxAdminTest, HealthRateLimitWhenEnabled) {
  options_.health_rate_limit = true;
  StartSandbox();
  std::string health = std::string("/platform/v1/whatsapp/phone_numbers/") + kSupport + "/health";
  int limited = 0;
  for (int i = 0; i < 11; ++i) {  // spans at most one 1-second boundary
    httplib::Result res = client_->Get(health.c_str());
    ASSERT_TRUE(res);
    EXPECT_FALSE(res->get_header_value("X-Health-RateLimit-Second-Remaining").empty());
    if (res->status != 429) continue;
    ++limited;
    EXPECT_FALSE(res->get_header_value("Retry-After").empty());
    EXPECT_TRUE(json::parse(res->body)["message"].is_string());
  }
  EXPECT_GE(limited, 1);
}

// Live tails need items that appear over time, always at the top.
TEST_F(SandboxAdminTest, AppendPutsNewItemsAtTheTopInTimeOrder) {
  json before = GetJson("/api_logs?limit=1")["data"][0];
  auto append = [this](const json& body) {
    httplib::Result res = client_->Post("/__sandbox/append", body.dump(), "application/json");
    EXPECT_TRUE(res);
    return res ? std::make_pair(res->status, json::parse(res->body, nullptr, false))
               : std::make_pair(-1, json());
  };
  auto [status, added] = append({{"collection", "api_logs"}, {"count", 3}});
  ASSERT_EQ(status, 200);
  ASSERT_EQ(added["ids"].size(), 3u);
  json page = GetJson("/api_logs?limit=4")["data"];
  for (int i = 0; i < 3; ++i) EXPECT_EQ(page[i]["id"], added["ids"][2 - i]);  // newest first
  EXPECT_EQ(page[3]["id"], before["id"]);
  EXPECT_GT(page[2]["created_at"].get<std::string>(), before["created_at"].get<std::string>());
  EXPECT_EQ(page[0]["response_status"], 500);
  json errors = GetJson("/api_logs?errors_only=true&limit=1")["data"];
  EXPECT_EQ(errors[0]["id"], added["ids"][2]);

  auto [failed_status, failed] = append({{"collection", "failed_messages"}, {"count", 2}});
  ASSERT_EQ(failed_status, 200);
  json messages = GetJson("/whatsapp/messages?status=failed&limit=2")["data"];
  EXPECT_EQ(messages[0]["id"], failed["ids"][1]);
  EXPECT_EQ(append({{"collection", "nope"}}).first, 400);
  EXPECT_EQ(append({{"collection", "api_logs"}, {"count", 0}}).first, 400);
  sandbox_->Reset();
  EXPECT_EQ(GetJson("/api_logs?limit=1")["data"][0]["id"], before["id"]);
}

}  // namespace
}  // namespace kapso::sandbox

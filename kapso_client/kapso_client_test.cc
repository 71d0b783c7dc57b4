// KapsoClient over a scripted fake transport: what it makes of each kind of
// answer (parse, error mapping, writes of unknown fate, secrets, limits).
#include "kapso_client/kapso_client.h"

#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso_client/parsed_body.h"
#include "kapso_client/status_details.h"
#include "kapso_client/testing/fake_transport.h"
#include "kapso_client/worker_pool.h"

namespace kapso::client {
namespace {

using testing_util::FakeTransport;
using testing_util::Reply;

class KapsoClientTest : public ::testing::Test {
 protected:
  // Fetches `request` as a MessageItem; the fake answers at once.
  absl::StatusOr<kapso::internal::wire::MessageItem> Fetch(HttpRequest request,
                                                           RequestContext context = {}) {
    std::optional<absl::StatusOr<kapso::internal::wire::MessageItem>> result;
    client_.Fetch<kapso::internal::wire::MessageItem>(
        std::move(request), context,
        [&](absl::StatusOr<kapso::internal::wire::MessageItem> item) { result = std::move(item); });
    EXPECT_TRUE(result.has_value()) << "done did not run";
    return result.value_or(absl::InternalError("no answer"));
  }

  static HttpRequest Get() { return HttpRequest{HttpMethod::kGet, "/whatsapp/messages/wamid.A"}; }
  static HttpRequest Post() {
    return HttpRequest{HttpMethod::kPost, "/whatsapp/webhooks", {}, "{}"};
  }

  static std::string Meta(const absl::Status& status, const std::string& key) {
    auto info = GetErrorInfo(status);
    if (!info.has_value()) return "<no ErrorInfo>";
    auto it = info->metadata().find(key);
    return it == info->metadata().end() ? "" : it->second;
  }

  FakeTransport transport_;
  KapsoClient client_{&transport_};
};

TEST_F(KapsoClientTest, ParsesTheDataOfA2xx) {
  transport_.Script({Reply(200, {}, R"({"data":{"id":"wamid.A","status":"sent"}})")});
  auto item = Fetch(Get());
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->data().id(), "wamid.A");
}

TEST_F(KapsoClientTest, UnreadableBodyIsBadResponseWithTheAnswersMetadata) {
  transport_.Script({Reply(200, {{"x-request-id", "req-9"}}, R"({"data": {"id": )")});
  auto item = Fetch(Get());
  EXPECT_EQ(ErrorReason(item.status()), "KAPSO_BAD_RESPONSE");
  EXPECT_EQ(item.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Meta(item.status(), "http_status"), "200");
  EXPECT_EQ(Meta(item.status(), "kapso_method"), "GET");
  EXPECT_EQ(Meta(item.status(), "kapso_path"), "/whatsapp/messages/wamid.A");
  EXPECT_EQ(Meta(item.status(), "kapso_request_id"), "req-9");
}

TEST_F(KapsoClientTest, MissingDataIsBadResponse) {
  for (const char* body : {R"({"data":null})", R"({})"}) {
    transport_.Script({Reply(200, {}, body)});
    EXPECT_EQ(ErrorReason(Fetch(Get()).status()), "KAPSO_BAD_RESPONSE") << body;
  }
}

TEST_F(KapsoClientTest, DeepJsonIsRefusedBeforeAnyParse) {
  std::string deep =
      R"({"data":{"id":"x","context":)" + std::string(100, '[') + std::string(100, ']') + "}}";
  transport_.Script({Reply(200, {}, deep), Reply(500, {}, deep)});
  EXPECT_EQ(ErrorReason(Fetch(Get()).status()), "KAPSO_BAD_RESPONSE");
  // An error answer as deep is refused the same way (its message is not read).
  EXPECT_EQ(ErrorReason(Fetch(Get()).status()), "KAPSO_BAD_RESPONSE");
}

TEST_F(KapsoClientTest, UnreadableWriteAnswerIsOutcomeUnknownWithTheResourceId) {
  transport_.Script(
      {Reply(201, {}, R"({"id":"wh-1","data":{"id":"wh-1","type":{"not":"a string"}}})")});
  auto item = Fetch(Post());
  EXPECT_EQ(ErrorReason(item.status()), "KAPSO_OUTCOME_UNKNOWN");
  EXPECT_EQ(Meta(item.status(), "resource_id"), "wh-1");
  EXPECT_EQ(Meta(item.status(), "kapso_method"), "POST");
}

TEST_F(KapsoClientTest, WriteThatMayHaveBeenSentIsOutcomeUnknown) {
  absl::Status cut = MakeError(absl::StatusCode::kUnavailable, "kapso-ops is shutting down",
                               "SHUTTING_DOWN", {{"request_sent", "true"}});
  absl::Status refused = MakeError(absl::StatusCode::kUnavailable, "connection refused",
                                   "KAPSO_UNREACHABLE", {{"request_sent", "false"}});
  transport_.Script({cut, refused, Reply(503)});
  EXPECT_EQ(ErrorReason(Fetch(Post()).status()), "KAPSO_OUTCOME_UNKNOWN");
  EXPECT_EQ(ErrorReason(Fetch(Post()).status()), "KAPSO_UNREACHABLE");
  EXPECT_EQ(ErrorReason(Fetch(Post()).status()), "KAPSO_OUTCOME_UNKNOWN");  // a 5xx
}

TEST_F(KapsoClientTest, CallersKeyEchoedByKapsoIsRedacted) {
  const std::string key = "caller-secret-key-123";
  transport_.Script(
      {Reply(401, {{"x-request-id", key}}, R"({"error":"bad key caller-secret-key-123"})")});
  RequestContext context;
  context.api_key = key;
  absl::Status status = Fetch(Get(), context).status();
  EXPECT_EQ(ErrorReason(status), "KAPSO_UNAUTHENTICATED");
  EXPECT_EQ(status.message().find(key), absl::string_view::npos) << status.message();
  EXPECT_EQ(Meta(status, "kapso_request_id").find(key), std::string::npos);
  EXPECT_EQ(transport_.last().request.api_key, key);
}

TEST_F(KapsoClientTest, ReadOnlyRefusesWritesWithoutSendingThem) {
  RequestContext context;
  context.read_only = true;
  absl::Status status = Fetch(Post(), context).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(status), "READ_ONLY_REPLICA");
  EXPECT_EQ(transport_.requests(), 0);
  transport_.Script({Reply(200, {}, R"({"data":{"id":"wamid.A"}})")});
  EXPECT_TRUE(Fetch(Get(), context).ok());
}

TEST_F(KapsoClientTest, CallBudgetBoundsUpstreamCallsPerRpc) {
  RequestContext context;
  context.budget = std::make_shared<CallBudget>(2);
  transport_.Script(
      {Reply(200, {}, R"({"data":{"id":"a"}})"), Reply(200, {}, R"({"data":{"id":"b"}})")});
  EXPECT_TRUE(Fetch(Get(), context).ok());
  EXPECT_TRUE(Fetch(Get(), context).ok());
  absl::Status third = Fetch(Get(), context).status();
  EXPECT_EQ(third.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrorReason(third), "UPSTREAM_CALL_LIMIT");
  EXPECT_EQ(transport_.requests(), 2);
}

// Where an answer is parsed: inline on the thread that received it when the
// body is a few KB, or small and that thread idle; else on the parser pool.
class KapsoClientParserPoolTest : public ::testing::Test {
 protected:
  // Fetches a 2xx answer with `body`; returns the thread `done` ran on.
  std::thread::id ParsedOn(std::string body) { return ParsedOn(Reply(200, {}, std::move(body))); }

  std::thread::id ParsedOn(HttpResponse reply) {
    transport_.Script({std::move(reply)});
    std::thread::id parsed_on;
    absl::Notification done;
    client_.Fetch<kapso::internal::wire::MessageItem>(
        HttpRequest{HttpMethod::kGet, "/whatsapp/messages/wamid.A"}, {},
        [&](absl::StatusOr<kapso::internal::wire::MessageItem> item) {
          EXPECT_TRUE(item.ok()) << item.status();
          if (item.ok()) {
            EXPECT_EQ(item->data().id(), "wamid.A");
          }
          parsed_on = std::this_thread::get_id();
          done.Notify();
        });
    EXPECT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
    return parsed_on;
  }

  static std::string Body(size_t padding) {
    return R"({"data":{"id":"wamid.A","status":"sent","pad":")" + std::string(padding, 'x') +
           R"("}})";
  }

  FakeTransport transport_;  // answers at once, on the calling (test) thread
  WorkerPool pool_{1};
  std::atomic<bool> transport_busy_{false};
  KapsoClient client_{&transport_, &pool_, [this] { return transport_busy_.load(); }};
};

TEST_F(KapsoClientParserPoolTest, SmallAnswerIsParsedInlineWhenTheTransportIsIdle) {
  EXPECT_EQ(ParsedOn(Body(16)), std::this_thread::get_id());
}

TEST_F(KapsoClientParserPoolTest, TinyAnswerIsParsedInlineEvenWhenTheTransportIsBusy) {
  transport_busy_ = true;
  EXPECT_EQ(ParsedOn(Body(16)), std::this_thread::get_id());  // under 4 KiB
}

TEST_F(KapsoClientParserPoolTest, SharedTinyAnswerGoesToThePoolWhenTheTransportIsBusy) {
  transport_busy_ = true;
  HttpResponse reply = Reply(200, {}, Body(16));
  reply.parsed = std::make_shared<ParsedBody>();
  HttpResponse other_waiter = reply;  // a coalesced caller not answered yet
  EXPECT_NE(ParsedOn(reply), std::this_thread::get_id());
}

TEST_F(KapsoClientParserPoolTest, SmallAnswerGoesToThePoolWhenTheTransportIsBusy) {
  transport_busy_ = true;
  EXPECT_NE(ParsedOn(Body(16 * 1024)), std::this_thread::get_id());  // 4 to 64 KiB
}

TEST_F(KapsoClientParserPoolTest, SmallAnswerIsParsedInlineWhenTheTransportIsIdleToo) {
  EXPECT_EQ(ParsedOn(Body(16 * 1024)), std::this_thread::get_id());
}

TEST_F(KapsoClientParserPoolTest, LargeAnswerAlwaysGoesToThePool) {
  EXPECT_NE(ParsedOn(Body(100 * 1024)), std::this_thread::get_id());  // over 64 KiB
}

}  // namespace
}  // namespace kapso::client

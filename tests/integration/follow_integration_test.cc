// Live tails (Triage.Follow*) through a real channel against the sandbox,
// whose POST /__sandbox/append makes new items appear while streams run.

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "tests/integration/follower.h"
#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

constexpr char kApiLogs[] = "/platform/v1/api_logs";
using LogFollower = Follower<v1::FollowApiLogsResponse>;

std::vector<std::string> Ids(const std::vector<v1::FollowApiLogsResponse>& responses) {
  std::vector<std::string> ids;
  for (const auto& response : responses) {
    for (const auto& log : response.api_logs()) ids.push_back(log.id());
  }
  return ids;
}

class FollowTest : public KapsoOpsTest {
 protected:
  void SetUp() override {
    KapsoOpsTest::SetUp();
    RestartServer(FollowOptions());
  }
  void TearDown() override {
    for (auto& follower : followers_) {
      follower->Cancel();
      EXPECT_TRUE(follower->WaitDone());
    }
    followers_.clear();
    KapsoOpsTest::TearDown();
  }

  service::ServerOptions FollowOptions() {
    service::ServerOptions options = DefaultOptions();
    options.follow.poll_interval = absl::Milliseconds(100);
    return options;
  }

  // Appends `count` items to a sandbox collection; returns their ids.
  std::vector<std::string> Append(const std::string& collection, int count,
                                  nlohmann::json extra = nlohmann::json::object()) {
    httplib::Client http("127.0.0.1", sandbox().port());
    extra["collection"] = collection;
    extra["count"] = count;
    auto res = http.Post("/__sandbox/append", extra.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    std::vector<std::string> ids;
    if (res && res->status == 200) ids = nlohmann::json::parse(res->body)["ids"];
    return ids;
  }

  LogFollower* FollowLogs(v1::FollowApiLogsRequest request = {}) {
    followers_.push_back(
        std::make_unique<LogFollower>([this, request](grpc::ClientContext* context, auto* reactor) {
          context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
          triage_->async()->FollowApiLogs(context, &request, reactor);
        }));
    return followers_.back().get();
  }

  // Waits for the first (empty) response: the stream is live from there.
  static void AwaitLive(LogFollower* follower) {
    ASSERT_TRUE(follower->WaitFor([](const auto& r) { return !r.empty(); }))
        << (follower->status() ? follower->status()->error_message() : "no response");
  }
  static bool AwaitIds(LogFollower* follower, size_t n) {
    return follower->WaitFor([n](const auto& r) { return Ids(r).size() >= n; });
  }

  // Waits until the pollers have asked Kapso's `path` `n` more times: from
  // then on, an item sent twice or one the filters should drop would have
  // arrived, so the followers' responses can be checked for what is absent.
  void AwaitPolls(int n, const char* path = kApiLogs) {
    const int64_t before = sandbox().RequestCount("GET", path);
    ASSERT_TRUE(WaitUntil([&] { return sandbox().RequestCount("GET", path) >= before + n; }));
  }

  std::vector<std::unique_ptr<LogFollower>> followers_;
};

TEST_F(FollowTest, NewItemsArriveOnceInOrderWithATokenEach) {
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  EXPECT_TRUE(Ids(follower->responses()).empty());  // starts at now: no history
  EXPECT_FALSE(follower->last_token().empty());
  std::vector<std::string> want = Append("api_logs", 3);
  std::vector<std::string> more = Append("api_logs", 2);
  want.insert(want.end(), more.begin(), more.end());
  ASSERT_TRUE(AwaitIds(follower, 5));
  AwaitPolls(3);  // nothing twice
  EXPECT_EQ(Ids(follower->responses()), want);
  for (const auto& response : follower->responses()) EXPECT_FALSE(response.resume_token().empty());
}

TEST_F(FollowTest, FiltersApplyAsInTheListRpc) {
  v1::FollowApiLogsRequest request;
  request.set_errors_only(true);
  LogFollower* follower = FollowLogs(request);
  AwaitLive(follower);
  Append("api_logs", 2, {{"response_status", 200}});
  std::vector<std::string> errors = Append("api_logs", 1, {{"response_status", 503}});
  ASSERT_TRUE(AwaitIds(follower, 1));
  AwaitPolls(3);
  EXPECT_EQ(Ids(follower->responses()), errors);
}

TEST_F(FollowTest, AThousandFollowersCostKapsoWhatOneDoes) {
  auto polls_in = [this](absl::Duration window) {
    int64_t before = sandbox().RequestCount("GET", kApiLogs);
    absl::SleepFor(window);
    return sandbox().RequestCount("GET", kApiLogs) - before;
  };
  LogFollower* first = FollowLogs();
  AwaitLive(first);
  int64_t one = polls_in(absl::Seconds(2));
  for (int i = 0; i < 999; ++i) FollowLogs();
  for (auto& follower : followers_) AwaitLive(follower.get());
  int64_t thousand = polls_in(absl::Seconds(2));
  std::cout << "upstream polls in 2 s: 1 follower " << one << ", 1000 followers " << thousand
            << std::endl;
  EXPECT_GE(one, 5);  // ~every 100 ms
  EXPECT_LE(thousand, one + 3);
  std::vector<std::string> want = Append("api_logs", 2);
  for (auto& follower : followers_) {
    ASSERT_TRUE(AwaitIds(follower.get(), 2));
    EXPECT_EQ(Ids(follower->responses()), want);
  }
}

TEST_F(FollowTest, ResumeTokenAfterReconnectMissesNothingAndRepeatsNothing) {
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  std::vector<std::string> first = Append("api_logs", 2);
  ASSERT_TRUE(AwaitIds(follower, 2));
  std::string token = follower->last_token();
  follower->Cancel();
  ASSERT_TRUE(follower->WaitDone());
  // While nobody follows (the poller is gone), more appear.
  std::vector<std::string> missed = Append("api_logs", 3);
  v1::FollowApiLogsRequest request;
  request.set_resume_token(token);
  LogFollower* again = FollowLogs(request);
  ASSERT_TRUE(AwaitIds(again, 3));
  std::vector<std::string> later = Append("api_logs", 1);
  ASSERT_TRUE(AwaitIds(again, 4));
  AwaitPolls(3);
  missed.insert(missed.end(), later.begin(), later.end());
  EXPECT_EQ(Ids(again->responses()), missed);
}

TEST_F(FollowTest, ResumeJoiningARunningPollerCatchesUp) {
  LogFollower* live = FollowLogs();  // keeps the poller running throughout
  AwaitLive(live);
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  Append("api_logs", 1);
  ASSERT_TRUE(AwaitIds(follower, 1));
  std::string token = follower->last_token();
  follower->Cancel();
  std::vector<std::string> missed = Append("api_logs", 2);
  ASSERT_TRUE(AwaitIds(live, 3));  // the poller is past them
  v1::FollowApiLogsRequest request;
  request.set_resume_token(token);
  LogFollower* again = FollowLogs(request);
  ASSERT_TRUE(AwaitIds(again, 2));
  AwaitPolls(3);
  EXPECT_EQ(Ids(again->responses()), missed);
}

TEST_F(FollowTest, ATokenForOtherFiltersIsRefused) {
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  v1::FollowApiLogsRequest request;
  request.set_errors_only(true);
  request.set_resume_token(follower->last_token());
  LogFollower* wrong = FollowLogs(request);
  ASSERT_TRUE(wrong->WaitDone());
  EXPECT_EQ(wrong->status()->error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(*wrong->status()).reason, "INVALID_RESUME_TOKEN");
}

TEST_F(FollowTest, InvalidFiltersAreRefusedBeforeAnyUpstreamCall) {
  v1::FollowApiLogsRequest request;
  request.set_status_code(42);
  LogFollower* follower = FollowLogs(request);
  ASSERT_TRUE(follower->WaitDone());
  EXPECT_EQ(follower->status()->error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(sandbox().RequestCount("GET", kApiLogs), 0);
}

TEST_F(FollowTest, CancelDetachesAndThePollerStops) {
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  EXPECT_NE(server().ScrapeMetrics().find("kapso_ops_follow_streams 1"), std::string::npos);
  follower->Cancel();
  ASSERT_TRUE(follower->WaitDone());
  // OnDone runs after the client's end.
  ASSERT_TRUE(WaitUntil([&] {
    return server().ScrapeMetrics().find("kapso_ops_follow_streams 0") != std::string::npos;
  }));
  std::string metrics = server().ScrapeMetrics();
  EXPECT_NE(metrics.find("kapso_ops_follow_streams 0"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kapso_ops_follow_pollers 0"), std::string::npos);
  int64_t before = sandbox().RequestCount("GET", kApiLogs);
  absl::SleepFor(absl::Milliseconds(600));
  EXPECT_EQ(sandbox().RequestCount("GET", kApiLogs), before);
}

TEST_F(FollowTest, StreamLimitIsResourceExhausted) {
  service::ServerOptions options = FollowOptions();
  options.follow.max_streams = 2;
  RestartServer(options);
  AwaitLive(FollowLogs());
  AwaitLive(FollowLogs());
  LogFollower* third = FollowLogs();
  ASSERT_TRUE(third->WaitDone());
  EXPECT_EQ(third->status()->error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(DetailsOf(*third->status()).reason, "FOLLOW_STREAM_LIMIT");
}

TEST_F(FollowTest, ShutdownEndsStreamsAtOnceWithAToken) {
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  Append("api_logs", 1);
  ASSERT_TRUE(AwaitIds(follower, 1));
  absl::Time start = absl::Now();
  std::thread stop([this] { server().Shutdown(absl::Seconds(5)); });
  ASSERT_TRUE(follower->WaitDone(absl::Seconds(2)));
  absl::Duration ended = absl::Now() - start;
  stop.join();
  absl::Duration stopped = absl::Now() - start;
  std::cout << "stream ended " << ended << " and server stopped " << stopped
            << " after Shutdown(5s)" << std::endl;
  EXPECT_LT(stopped, absl::Seconds(1));  // nothing waited for the grace
  EXPECT_EQ(follower->status()->error_code(), grpc::StatusCode::UNAVAILABLE);
  ErrorDetails details = DetailsOf(*follower->status());
  EXPECT_EQ(details.reason, "SERVER_SHUTTING_DOWN");
  EXPECT_EQ(details.metadata["resume_token"], follower->last_token());
}

TEST_F(FollowTest, RateLimitedPollsBackOffAndTheStreamSurvives) {
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  sandbox::Fault fault;
  fault.method = "GET";
  fault.path_prefix = kApiLogs;
  fault.status = 429;
  fault.times = -1;
  fault.headers = {{"Retry-After", "1"}};
  sandbox().AddFault(fault);
  int64_t before = sandbox().RequestCount("GET", kApiLogs);
  absl::SleepFor(absl::Seconds(3));
  int64_t during = sandbox().RequestCount("GET", kApiLogs) - before;
  std::cout << "requests in 3 s of 429s (100 ms interval): " << during << std::endl;
  EXPECT_LE(during, 8);  // ~30 polls without the gate and back-off
  sandbox().ClearFaults();
  std::vector<std::string> want = Append("api_logs", 1);
  ASSERT_TRUE(AwaitIds(follower, 1));
  EXPECT_EQ(Ids(follower->responses()), want);
  EXPECT_FALSE(follower->status().has_value());
}

TEST_F(FollowTest, OpenCircuitBacksOffThenALongOutageEndsWithAToken) {
  service::ServerOptions options = FollowOptions();
  options.retry_max_attempts = 1;
  options.breaker_failure_threshold = 2;
  options.breaker_cool_down = absl::Seconds(10);
  options.follow.max_outage = absl::Seconds(2);
  RestartServer(options);
  LogFollower* follower = FollowLogs();
  AwaitLive(follower);
  sandbox::Fault fault;
  fault.method = "GET";
  fault.path_prefix = kApiLogs;
  fault.status = 503;
  fault.times = -1;
  sandbox().AddFault(fault);
  int64_t before = sandbox().RequestCount("GET", kApiLogs);
  ASSERT_TRUE(follower->WaitDone(absl::Seconds(5)));
  int64_t sent = sandbox().RequestCount("GET", kApiLogs) - before;
  EXPECT_LE(sent, 3);  // the circuit opened after 2: the rest failed fast
  EXPECT_EQ(follower->status()->error_code(), grpc::StatusCode::UNAVAILABLE);
  ErrorDetails details = DetailsOf(*follower->status());
  EXPECT_EQ(details.reason, "FOLLOW_UPSTREAM_UNAVAILABLE");
  EXPECT_EQ(details.metadata["resume_token"], follower->last_token());
}

TEST_F(FollowTest, WebhookDeliveriesAndMessageErrorsFollowToo) {
  v1::FollowWebhookDeliveriesRequest deliveries_request;
  deliveries_request.set_status("failed");
  Follower<v1::FollowWebhookDeliveriesResponse> deliveries(
      [&](grpc::ClientContext* context, auto* reactor) {
        triage_->async()->FollowWebhookDeliveries(context, &deliveries_request, reactor);
      });
  v1::FollowMessageErrorsRequest errors_request;
  Follower<v1::FollowMessageErrorsResponse> errors(
      [&](grpc::ClientContext* context, auto* reactor) {
        triage_->async()->FollowMessageErrors(context, &errors_request, reactor);
      });
  ASSERT_TRUE(deliveries.WaitFor([](const auto& r) { return !r.empty(); }));
  ASSERT_TRUE(errors.WaitFor([](const auto& r) { return !r.empty(); }));
  Append("webhook_deliveries", 1, {{"status", "delivered"}});
  std::vector<std::string> failed = Append("webhook_deliveries", 2);
  std::vector<std::string> messages = Append("failed_messages", 3);  // may share a second
  auto delivery_ids = [](const auto& responses) {
    std::vector<std::string> ids;
    for (const auto& r : responses)
      for (const auto& d : r.deliveries()) ids.push_back(d.id());
    return ids;
  };
  auto message_ids = [](const auto& responses) {
    std::vector<std::string> ids;
    for (const auto& r : responses)
      for (const auto& m : r.messages()) ids.push_back(m.id());
    return ids;
  };
  EXPECT_TRUE(deliveries.WaitFor([&](const auto& r) { return delivery_ids(r).size() >= 2; }));
  EXPECT_TRUE(errors.WaitFor([&](const auto& r) { return message_ids(r).size() >= 3; }));
  AwaitPolls(3, "/platform/v1/webhook_deliveries");
  AwaitPolls(3, "/platform/v1/whatsapp/messages");
  EXPECT_EQ(delivery_ids(deliveries.responses()), failed);
  EXPECT_EQ(message_ids(errors.responses()), messages);
  deliveries.Cancel();
  errors.Cancel();
  EXPECT_TRUE(deliveries.WaitDone());
  EXPECT_TRUE(errors.WaitDone());
}

}  // namespace
}  // namespace kapso::testing

namespace kapso::testing {
namespace {

// A reader that stops reading: its stream's buffer overflows, and the
// token it ends with resumes exactly after what it did read.
TEST_F(FollowTest, ASlowReaderEndsWithResourceExhaustedAndResumesExactly) {
  service::ServerOptions options = FollowOptions();
  options.follow.buffer_items = 50;
  RestartServer(options);
  // Little read-ahead on the client, so unread responses stay on the server.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 1024);
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  auto channel = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server().port()),
                                           grpc::InsecureChannelCredentials(), args);
  auto stub = v1::Triage::NewStub(channel);
  auto context = Context(std::chrono::seconds(30));
  auto reader = stub->FollowApiLogs(context.get(), v1::FollowApiLogsRequest());
  v1::FollowApiLogsResponse response;
  ASSERT_TRUE(reader->Read(&response));  // live
  // Nobody reads. Each batch is fetched and fanned out before the next is
  // appended: a stream takes a whole poll's items while it has nothing
  // unwritten, and overflows when a later poll's items find it still
  // writing. 1,000 items are 10 full pages, one more request finds the end,
  // and the next poll starts only after that fan-out. (Slept on before, the
  // three batches sometimes reached the poller as one, which a stream takes
  // whole, and the test waited for its deadline.)
  std::vector<std::string> want;
  for (int i = 0; i < 3; ++i) {
    std::vector<std::string> ids = Append("api_logs", 1000);
    want.insert(want.end(), ids.begin(), ids.end());
    AwaitPolls(12);
  }
  std::vector<std::string> got;
  std::string token = response.resume_token();
  while (reader->Read(&response)) {
    for (const auto& log : response.api_logs()) got.push_back(log.id());
    token = response.resume_token();
  }
  grpc::Status status = reader->Finish();
  std::cout << "slow reader got " << got.size() << " of " << want.size() << " items" << std::endl;
  ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "FOLLOW_BUFFER_OVERFLOW");
  EXPECT_EQ(details.metadata["resume_token"], token);
  ASSERT_LT(got.size(), want.size());
  v1::FollowApiLogsRequest resume;
  resume.set_resume_token(token);
  LogFollower* again = FollowLogs(resume);
  ASSERT_TRUE(AwaitIds(again, want.size() - got.size()));
  AwaitPolls(3);
  std::vector<std::string> rest = Ids(again->responses());
  got.insert(got.end(), rest.begin(), rest.end());
  EXPECT_EQ(got, want);  // nothing missed, nothing twice, in order
}

}  // namespace
}  // namespace kapso::testing

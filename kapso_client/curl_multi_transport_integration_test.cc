// The curl transport against a real HTTP server on 127.0.0.1 (port 0).

#include "kapso_client/curl_multi_transport.h"

#include <httplib.h>
#include <netinet/tcp.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "kapso_client/status_details.h"
#include "kapso_client/testing/wait_until.h"

namespace kapso::client {
namespace {

// A loopback HTTP server that records what it received.
class RecordingServer {
 public:
  RecordingServer() {
    server_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server_.set_keep_alive_max_count(100000);  // httplib closes after 5 by default
    server_.Get(R"(/platform/v1/(.*))", [this](const auto& req, auto& res) { Record(req, res); });
    server_.Post(R"(/platform/v1/(.*))", [this](const auto& req, auto& res) { Record(req, res); });
    server_.Patch(R"(/platform/v1/(.*))", [this](const auto& req, auto& res) { Record(req, res); });
    server_.Delete(R"(/platform/v1/(.*))",
                   [this](const auto& req, auto& res) { Record(req, res); });
    // Accepted sockets inherit TCP_NODELAY from the listening socket on
    // Linux; without it Nagle holds each body ~40 ms behind its headers.
    server_.set_socket_options([](socket_t sock) {
      int on = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
      setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the accept loop starts would be lost (httplib race).
    EXPECT_TRUE(::kapso::testing::WaitUntil([this] { return server_.is_running(); }));
  }
  ~RecordingServer() {
    server_.stop();
    thread_.join();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void set_delay(absl::Duration delay) { delay_ms_ = absl::ToInt64Milliseconds(delay); }

  struct Seen {
    std::string method, path, query_a, api_key, request_id, body;
  };
  Seen last() {
    absl::MutexLock lock(&mu_);
    return last_;
  }
  size_t connections() {
    absl::MutexLock lock(&mu_);
    return connections_.size();
  }

 private:
  void Record(const httplib::Request& req, httplib::Response& res) {
    {
      absl::MutexLock lock(&mu_);
      last_ = {req.method,
               req.path,
               req.get_param_value("a"),
               req.get_header_value("X-API-Key"),
               req.get_header_value("X-Request-Id"),
               req.body};
      connections_.insert(req.remote_port);
    }
    // The answer's delay is the behaviour under test (slow Kapso), not an order.
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_.load()));
    res.set_header("X-Custom", "yes");
    res.set_content(R"({"data": {"ok": true}})", "application/json");
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int64_t> delay_ms_{0};
  absl::Mutex mu_;
  Seen last_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<int> connections_ ABSL_GUARDED_BY(mu_);
};

std::unique_ptr<CurlMultiTransport> MakeTransport(const std::string& base_url, int pool = 4) {
  CurlTransportOptions options;
  options.base_url = base_url + "/";
  options.api_key = "test-key-123";
  options.max_connections = pool;
  auto transport = CurlMultiTransport::Create(options);
  EXPECT_TRUE(transport.ok()) << transport.status();
  return *std::move(transport);
}

// Sends one request and waits for its answer.
absl::StatusOr<HttpResponse> SendAndWait(HttpTransport& transport, HttpRequest request,
                                         CallOptions options = {}) {
  absl::Notification done;
  absl::StatusOr<HttpResponse> result;
  transport.Send(std::move(request), std::move(options), [&](absl::StatusOr<HttpResponse> r) {
    result = std::move(r);
    done.Notify();
  });
  done.WaitForNotification();
  return result;
}

TEST(CurlMultiTransportTest, SendsKeyRequestIdPathAndQuery) {
  RecordingServer server;
  auto transport = MakeTransport(server.base_url());
  HttpRequest request{HttpMethod::kGet, "/whatsapp/messages", {{"a", "x y/&z"}}};
  request.request_id = "req-42";
  auto response = SendAndWait(*transport, request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data": {"ok": true}})");
  ASSERT_NE(response->Header("x-custom"), nullptr);
  EXPECT_EQ(*response->Header("x-custom"), "yes");
  RecordingServer::Seen seen = server.last();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/platform/v1/whatsapp/messages");
  EXPECT_EQ(seen.query_a, "x y/&z");
  EXPECT_EQ(seen.api_key, "test-key-123");
  EXPECT_EQ(seen.request_id, "req-42");
}

TEST(CurlMultiTransportTest, SendsEachMethodWithItsBody) {
  RecordingServer server;
  auto transport = MakeTransport(server.base_url());
  for (auto [method, name] :
       {std::pair{HttpMethod::kPost, "POST"}, std::pair{HttpMethod::kPatch, "PATCH"},
        std::pair{HttpMethod::kDelete, "DELETE"}}) {
    SCOPED_TRACE(name);
    HttpRequest request{method, "/whatsapp/webhooks/abc"};
    if (method != HttpMethod::kDelete) request.body = R"({"whatsapp_webhook":{"url":"u"}})";
    request.api_key = "caller-key-456";
    ASSERT_TRUE(SendAndWait(*transport, request).ok());
    EXPECT_EQ(server.last().method, name);
    EXPECT_EQ(server.last().body, request.body);
    EXPECT_EQ(server.last().api_key, "caller-key-456");
  }
}

TEST(CurlMultiTransportTest, ReusesOneConnectionForSequentialRequests) {
  RecordingServer server;
  auto transport = MakeTransport(server.base_url());
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(SendAndWait(*transport, {HttpMethod::kGet, "/x"}).ok());
  }
  EXPECT_EQ(server.connections(), 1u);
  EXPECT_EQ(transport->stats().connections_opened, 1);
  EXPECT_EQ(transport->stats().requests_started, 50);
}

TEST(CurlMultiTransportTest, ConcurrentRequestsShareABoundedPoolWithoutThreads) {
  RecordingServer server;
  server.set_delay(absl::Milliseconds(100));
  auto transport = MakeTransport(server.base_url(), /*pool=*/8);
  constexpr int kRequests = 80;
  std::atomic<int> ok{0};
  absl::Notification all_done;
  std::atomic<int> remaining{kRequests};
  absl::Time start = absl::Now();
  for (int i = 0; i < kRequests; ++i) {
    transport->Send({HttpMethod::kGet, "/slow"}, {}, [&](absl::StatusOr<HttpResponse> r) {
      if (r.ok()) ok.fetch_add(1);
      if (remaining.fetch_sub(1) == 1) all_done.Notify();
    });
  }
  all_done.WaitForNotification();
  // 80 requests of 100 ms over 8 connections: ~1 s, not 8 s in series.
  EXPECT_LT(absl::Now() - start, absl::Seconds(4));
  EXPECT_EQ(ok.load(), kRequests);
  EXPECT_LE(server.connections(), 8u);
}

TEST(CurlMultiTransportTest, DeadlineAbortsASlowTransferOnTime) {
  RecordingServer server;
  server.set_delay(absl::Seconds(1));
  auto transport = MakeTransport(server.base_url());
  CallOptions options;
  options.deadline = absl::Now() + absl::Milliseconds(200);
  absl::Time start = absl::Now();
  auto response = SendAndWait(*transport, {HttpMethod::kGet, "/slow"}, options);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded) << response.status();
  EXPECT_EQ(ErrorReason(response.status()), "KAPSO_TIMEOUT");
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

TEST(CurlMultiTransportTest, PassedDeadlineNeverCallsKapso) {
  RecordingServer server;
  auto transport = MakeTransport(server.base_url());
  CallOptions options;
  options.deadline = absl::Now() - absl::Seconds(1);
  auto response = SendAndWait(*transport, {HttpMethod::kPost, "/x"}, options);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(transport->stats().requests_started, 0);
}

TEST(CurlMultiTransportTest, CancellationAbortsTheTransfer) {
  RecordingServer server;
  server.set_delay(absl::Seconds(1));
  auto transport = MakeTransport(server.base_url());
  CallOptions options;
  options.cancellation = std::make_shared<Cancellation>();
  std::thread canceller([&] {
    // Cancel once the transfer reached the server (it is in its 1 s delay).
    EXPECT_TRUE(
        ::kapso::testing::WaitUntil([&] { return server.last().path == "/platform/v1/slow"; }));
    options.cancellation->Cancel();
  });
  absl::Time start = absl::Now();
  auto response = SendAndWait(*transport, {HttpMethod::kGet, "/slow"}, options);
  canceller.join();
  EXPECT_EQ(response.status().code(), absl::StatusCode::kCancelled);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

TEST(CurlMultiTransportTest, RefusedConnectionIsUnavailableAndNotSent) {
  int closed_port;
  {
    RecordingServer server;  // bind a port, then let it go
    closed_port = std::stoi(server.base_url().substr(17));
  }
  auto transport = MakeTransport("http://127.0.0.1:" + std::to_string(closed_port));
  auto response = SendAndWait(*transport, {HttpMethod::kPost, "/x", {}, "{}"});
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  auto info = GetErrorInfo(response.status());
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "KAPSO_UNREACHABLE");
  EXPECT_EQ(info->metadata().at("request_sent"), "false");
  EXPECT_EQ(response.status().message().find("test-key-123"), std::string::npos);
}

TEST(CurlMultiTransportTest, TimersRunInOrderOnTheLoop) {
  RecordingServer server;
  auto transport = MakeTransport(server.base_url());
  absl::Mutex mu;
  std::vector<int> order;
  absl::Notification done;
  absl::Time now = transport->Now();
  transport->RunAt(now + absl::Milliseconds(60), [&] {
    absl::MutexLock lock(&mu);
    order.push_back(2);
    done.Notify();
  });
  transport->RunAt(now + absl::Milliseconds(20), [&] {
    absl::MutexLock lock(&mu);
    order.push_back(1);
  });
  done.WaitForNotification();
  absl::MutexLock lock(&mu);
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(CurlMultiTransportTest, RejectsAnEmptyBaseUrl) {
  EXPECT_FALSE(CurlMultiTransport::Create(CurlTransportOptions{}).ok());
}

}  // namespace
}  // namespace kapso::client

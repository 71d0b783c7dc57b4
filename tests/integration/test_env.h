#ifndef TESTS_INTEGRATION_TEST_ENV_H_
#define TESTS_INTEGRATION_TEST_ENV_H_

// The real kapso-ops server, in process, against the Kapso sandbox, both on
// 127.0.0.1 port 0, called through a real gRPC channel. Tests order events
// with WaitUntil (kapso_client/testing/wait_until.h), never a fixed sleep.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "kapso/ops/v1/health.grpc.pb.h"
#include "kapso/ops/v1/message_debug.grpc.pb.h"
#include "kapso/ops/v1/triage.grpc.pb.h"
#include "kapso/ops/v1/webhooks.grpc.pb.h"
#include "kapso_client/testing/wait_until.h"
#include "sandbox/sandbox_server.h"
#include "service/kapso_ops_server.h"

namespace kapso::testing {

namespace v1 = ::kapso::ops::v1;

inline constexpr char kSandboxKey[] = "sandbox-key-for-tests";
inline constexpr char kNumber1[] = "1000000000000001";
inline constexpr char kNumber2[] = "1000000000000002";
inline constexpr char kNumber3[] = "1000000000000003";

// What a failed call's google.rpc.Status details say.
struct ErrorDetails {
  std::string reason;
  std::map<std::string, std::string> metadata;
  int error_infos = 0;
  bool has_retry_info = false;
  int64_t retry_seconds = 0;
  std::vector<std::string> bad_fields;
};
ErrorDetails DetailsOf(const grpc::Status& status);

// The answers of CheckHealthTogether.
struct HealthAnswers {
  int ok = 0;
  std::vector<v1::PhoneNumberHealth> responses;
};

class KapsoOpsTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Restarts the server with changed options (the sandbox keeps running).
  void RestartServer(const service::ServerOptions& options);
  // Restarts the sandbox with `options` and the server (default options) in
  // front of it.
  void RestartSandbox(sandbox::SandboxOptions options);
  service::ServerOptions DefaultOptions() const;

  // A client context with a deadline `timeout` from now.
  static std::unique_ptr<grpc::ClientContext> Context(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // `callers` identical CheckPhoneNumberHealth calls: the first is sent
  // alone, the others once it reached the sandbox, so they join it there
  // (the test makes the sandbox hold it, with a delay fault). Waits for all.
  HealthAnswers CheckHealthTogether(const std::string& phone_number_id, int callers);

  // Every GET under `path_prefix` answers `status` with {"error": message}
  // until the test ends.
  void FailUpstream(const std::string& path_prefix, int status, const std::string& message);

  sandbox::SandboxServer& sandbox() { return *sandbox_; }
  service::KapsoOpsServer& server() { return *server_; }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }

  std::unique_ptr<v1::Webhooks::Stub> webhooks_;
  std::unique_ptr<v1::MessageDebug::Stub> messages_;
  std::unique_ptr<v1::Triage::Stub> triage_;
  std::unique_ptr<v1::Health::Stub> health_;

 private:
  std::unique_ptr<sandbox::SandboxServer> sandbox_;
  std::unique_ptr<service::KapsoOpsServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace kapso::testing

#endif  // TESTS_INTEGRATION_TEST_ENV_H_

#include "tests/integration/test_env.h"

#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "nlohmann/json.hpp"

namespace kapso::testing {

ErrorDetails DetailsOf(const grpc::Status& status) {
  ErrorDetails details;
  google::rpc::Status rpc_status;
  if (!rpc_status.ParseFromString(status.error_details())) return details;
  for (const auto& any : rpc_status.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::RetryInfo retry;
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&info)) {
      ++details.error_infos;
      details.reason = info.reason();
      details.metadata.insert(info.metadata().begin(), info.metadata().end());
    } else if (any.UnpackTo(&retry)) {
      details.has_retry_info = true;
      details.retry_seconds = retry.retry_delay().seconds();
    } else if (any.UnpackTo(&bad_request)) {
      for (const auto& violation : bad_request.field_violations()) {
        details.bad_fields.push_back(violation.field());
      }
    }
  }
  return details;
}

void KapsoOpsTest::SetUp() { RestartSandbox(sandbox::SandboxOptions()); }

void KapsoOpsTest::RestartSandbox(sandbox::SandboxOptions options) {
  server_.reset();
  sandbox_.reset();
  options.api_key = kSandboxKey;
  options.threads = 128;
  auto sandbox = sandbox::SandboxServer::Start(options);
  ASSERT_TRUE(sandbox.ok()) << sandbox.status();
  sandbox_ = *std::move(sandbox);
  RestartServer(DefaultOptions());
}

void KapsoOpsTest::TearDown() {
  server_.reset();
  sandbox_.reset();
}

service::ServerOptions KapsoOpsTest::DefaultOptions() const {
  service::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.kapso_base_url = sandbox_->base_url();
  options.kapso_api_key = kSandboxKey;
  return options;
}

void KapsoOpsTest::RestartServer(const service::ServerOptions& options) {
  server_.reset();
  auto server = service::KapsoOpsServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
  webhooks_ = v1::Webhooks::NewStub(channel_);
  messages_ = v1::MessageDebug::NewStub(channel_);
  triage_ = v1::Triage::NewStub(channel_);
  health_ = v1::Health::NewStub(channel_);
}

HealthAnswers KapsoOpsTest::CheckHealthTogether(const std::string& phone_number_id, int callers) {
  const std::string path =
      absl::StrCat("/platform/v1/whatsapp/phone_numbers/", phone_number_id, "/health");
  const int64_t before = sandbox().RequestCount("GET", path);
  v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(phone_number_id);
  HealthAnswers answers;
  answers.responses.resize(callers);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::atomic<int> ok{0}, remaining{callers};
  absl::Notification all_done;
  for (int i = 0; i < callers; ++i) {
    contexts.push_back(Context());
    health_->async()->CheckPhoneNumberHealth(contexts.back().get(), &request, &answers.responses[i],
                                             [&](grpc::Status status) {
                                               if (status.ok()) ok.fetch_add(1);
                                               if (remaining.fetch_sub(1) == 1) all_done.Notify();
                                             });
    if (i == 0) {
      EXPECT_TRUE(WaitUntil([&] { return sandbox().RequestCount("GET", path) > before; }));
    }
  }
  all_done.WaitForNotification();  // bounded: each call has a 10 s deadline
  answers.ok = ok.load();
  return answers;
}

std::unique_ptr<grpc::ClientContext> KapsoOpsTest::Context(std::chrono::milliseconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

void KapsoOpsTest::FailUpstream(const std::string& path_prefix, int status,
                                const std::string& message) {
  sandbox::Fault fault;
  fault.method = "GET";
  fault.path_prefix = path_prefix;
  fault.status = status;
  fault.body = nlohmann::json{{"error", message}}.dump();
  fault.times = -1;
  sandbox_->AddFault(fault);
}

}  // namespace kapso::testing

// UnaryCall through a real gRPC callback server on 127.0.0.1 port 0: a tiny
// grpc.health.v1.Health service whose Check handler is a UnaryCall, and
// whose request's `service` field picks what the handler does.

#include "service/unary_call.h"

#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace kapso::service {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// What the handler saw of its UnaryCall.
struct Seen {
  bool started = false;  // Check(OK) said the call may go on
  std::string request_id;
  std::string api_key;
  absl::Time deadline;
  bool has_budget = false;
  bool has_cancellation = false;
};

class UnaryCallService final : public Health::CallbackService {
 public:
  explicit UnaryCallService(const ServiceDeps& deps) : deps_(deps) {}

  Seen seen() {
    absl::MutexLock lock(&mu_);
    return seen_;
  }
  absl::Notification waiting;          // "wait-for-cancel" is waiting
  absl::Notification cancel_callback;  // its Cancellation callback ran

 private:
  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context,
                                  const HealthCheckRequest* request,
                                  HealthCheckResponse* response) override {
    UnaryCall* call = UnaryCall::Start(context, deps_);
    Record(*call);
    if (!call->Check(absl::OkStatus())) return call;  // refused at start
    if (request->service() == "complete-twice") {
      call->Complete(absl::NotFoundError("first answer"));
      return call->Complete(absl::InternalError("second answer"));
    }
    if (request->service() == "wait-for-cancel") {
      call->request_context().options.cancellation->Register([this, call] {
        cancel_callback.Notify();
        call->Complete(absl::CancelledError("caller went away"));
      });
      waiting.Notify();
      return call;
    }
    response->set_status(HealthCheckResponse::SERVING);
    return call->Complete(absl::OkStatus());
  }

  void Record(UnaryCall& call) {
    const client::RequestContext& request_context = call.request_context();
    absl::MutexLock lock(&mu_);
    seen_.request_id = request_context.request_id;
    seen_.api_key = request_context.api_key;
    seen_.deadline = request_context.options.deadline;
    seen_.has_budget = request_context.budget != nullptr;
    seen_.has_cancellation = request_context.options.cancellation != nullptr;
    seen_.started = call.Check(absl::OkStatus());
  }

  const ServiceDeps& deps_;
  absl::Mutex mu_;
  Seen seen_ ABSL_GUARDED_BY(mu_);
};

// What the caller got back.
struct Answer {
  grpc::Status status;
  std::string echoed_request_id;
  std::string reason;  // the ErrorInfo reason of a failure
};

class UnaryCallTest : public ::testing::Test {
 protected:
  UnaryCallTest() : redactor_({"server-secret-key"}) { deps_.redactor = &redactor_; }
  ~UnaryCallTest() override {
    if (server_ != nullptr) server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  }

  // Starts the server with `deps_` as the test left them.
  void StartServer() {
    service_ = std::make_unique<UnaryCallService>(deps_);
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    stub_ = Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  // One Check with `metadata`, `deadline` (infinite: none) and the handler
  // behaviour `mode`.
  Answer Call(const std::string& mode, std::map<std::string, std::string> metadata = {},
              absl::Time deadline = absl::Now() + absl::Seconds(10)) {
    grpc::ClientContext context;
    for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
    if (deadline != absl::InfiniteFuture()) context.set_deadline(absl::ToChronoTime(deadline));
    HealthCheckRequest request;
    request.set_service(mode);
    HealthCheckResponse response;
    Answer answer;
    answer.status = stub_->Check(&context, request, &response);
    auto echoed = context.GetServerInitialMetadata().find("x-request-id");
    if (echoed != context.GetServerInitialMetadata().end()) {
      answer.echoed_request_id = std::string(echoed->second.data(), echoed->second.size());
    }
    answer.reason = ReasonOf(answer.status);
    return answer;
  }

  static std::string ReasonOf(const grpc::Status& status) {
    google::rpc::Status rpc_status;
    if (!rpc_status.ParseFromString(status.error_details())) return "";
    for (const auto& any : rpc_status.details()) {
      google::rpc::ErrorInfo info;
      if (any.UnpackTo(&info)) return info.reason();
    }
    return "";
  }

  SecretRedactor redactor_;
  ServiceDeps deps_;
  std::unique_ptr<UnaryCallService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Health::Stub> stub_;
};

TEST_F(UnaryCallTest, WellFormedRequestIdIsKeptAndEchoed) {
  StartServer();
  Answer answer = Call("ok", {{"x-request-id", "req-42_abc"}});
  ASSERT_TRUE(answer.status.ok()) << answer.status.error_message();
  EXPECT_EQ(service_->seen().request_id, "req-42_abc");
  EXPECT_EQ(answer.echoed_request_id, "req-42_abc");
  EXPECT_TRUE(service_->seen().has_budget);
  EXPECT_TRUE(service_->seen().has_cancellation);
}

TEST_F(UnaryCallTest, MalformedOrMissingRequestIdIsReplacedAndEchoed) {
  StartServer();
  const std::map<std::string, std::string> cases[] = {
      {{"x-request-id", "has a space"}},
      {{"x-request-id", std::string(129, 'a')}},  // over 128 bytes
      {},
  };
  std::string previous;
  for (const auto& metadata : cases) {
    Answer answer = Call("ok", metadata);
    ASSERT_TRUE(answer.status.ok()) << answer.status.error_message();
    std::string id = service_->seen().request_id;
    EXPECT_EQ(id.size(), 32u) << id;  // 128 random bits in hex
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    EXPECT_EQ(answer.echoed_request_id, id);
    EXPECT_NE(id, previous);
    previous = id;
  }
}

TEST_F(UnaryCallTest, CallerKeyIsIgnoredUnlessAllowed) {
  StartServer();
  ASSERT_TRUE(Call("ok", {{"x-kapso-api-key", "callers-key"}}).status.ok());
  EXPECT_EQ(service_->seen().api_key, "");
}

TEST_F(UnaryCallTest, AllowedCallerKeyIsCarried) {
  deps_.allow_caller_api_keys = true;
  StartServer();
  ASSERT_TRUE(Call("ok", {{"x-kapso-api-key", "callers-key"}}).status.ok());
  EXPECT_EQ(service_->seen().api_key, "callers-key");
  EXPECT_TRUE(service_->seen().started);
}

TEST_F(UnaryCallTest, MalformedCallerKeyIsRefusedBeforeTheHandlerRuns) {
  deps_.allow_caller_api_keys = true;
  StartServer();
  Answer answer = Call("ok", {{"x-kapso-api-key", "key with spaces"}});
  EXPECT_EQ(answer.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(answer.reason, "INVALID_CALLER_API_KEY");
  EXPECT_EQ(answer.status.error_message().find("key with spaces"), std::string::npos);
  EXPECT_FALSE(service_->seen().started);  // Check() said stop
  EXPECT_EQ(service_->seen().api_key, "");
}

TEST_F(UnaryCallTest, SecondCompleteIsIgnored) {
  StartServer();
  Answer answer = Call("complete-twice");
  EXPECT_EQ(answer.status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(answer.status.error_message(), "first answer");
  EXPECT_TRUE(Call("ok").status.ok());  // the server is still sound
}

TEST_F(UnaryCallTest, CallerCancellationRunsTheCancellation) {
  StartServer();
  grpc::ClientContext context;
  HealthCheckRequest request;
  request.set_service("wait-for-cancel");
  HealthCheckResponse response;
  absl::Notification done;
  grpc::Status status;
  stub_->async()->Check(&context, &request, &response, [&](grpc::Status s) {
    status = s;
    done.Notify();
  });
  ASSERT_TRUE(service_->waiting.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_FALSE(service_->cancel_callback.HasBeenNotified());
  context.TryCancel();
  EXPECT_TRUE(service_->cancel_callback.WaitForNotificationWithTimeout(absl::Seconds(10)));
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
}

// gRPC carries the deadline at millisecond precision or coarser.
constexpr absl::Duration kSlack = absl::Milliseconds(200);

TEST_F(UnaryCallTest, CallersDeadlineIsCarriedIntoTheRequestContext) {
  StartServer();
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  ASSERT_TRUE(Call("ok", {}, deadline).status.ok());
  EXPECT_LT(absl::AbsDuration(service_->seen().deadline - deadline), kSlack);
}

TEST_F(UnaryCallTest, DeadlineIsCappedByMaxCallDuration) {
  deps_.max_call_duration = absl::Seconds(2);
  StartServer();
  for (absl::Time deadline : {absl::Now() + absl::Seconds(60), absl::InfiniteFuture()}) {
    absl::Time sent = absl::Now();
    ASSERT_TRUE(Call("ok", {}, deadline).status.ok());
    absl::Time answered = absl::Now();
    EXPECT_GE(service_->seen().deadline, sent + absl::Seconds(2));
    EXPECT_LE(service_->seen().deadline, answered + absl::Seconds(2));
  }
}

}  // namespace
}  // namespace kapso::service

// Graceful shutdown: calls in flight finish, new calls are refused.

#include <thread>

#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

class ServerLifecycleTest : public KapsoOpsTest {
 protected:
  // Starts a GetMessage on another thread; its status lands in `status`.
  std::thread CallInBackground(grpc::Status* status) {
    return std::thread([this, status] {
      v1::GetMessageRequest request;
      request.set_message_id("wamid.SANDBOX0001");
      v1::Message message;
      *status = messages_->GetMessage(Context().get(), request, &message);
    });
  }
};

TEST_F(ServerLifecycleTest, ShutdownLetsCallsInFlightFinish) {
  sandbox::Fault slow;
  slow.delay_ms = 500;
  sandbox().AddFault(slow);
  grpc::Status in_flight;
  std::thread caller = CallInBackground(&in_flight);
  absl::SleepFor(absl::Milliseconds(150));  // the call is now waiting on Kapso
  server().Shutdown(absl::Seconds(5));
  caller.join();
  EXPECT_TRUE(in_flight.ok()) << in_flight.error_message();

  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  v1::Message message;
  EXPECT_FALSE(messages_->GetMessage(Context(std::chrono::milliseconds(500)).get(), request,
                                     &message)
                   .ok());
}

TEST_F(ServerLifecycleTest, GraceEndsWithCallsCancelled) {
  sandbox::Fault slow;
  slow.delay_ms = 3000;
  sandbox().AddFault(slow);
  grpc::Status in_flight;
  std::thread caller = CallInBackground(&in_flight);
  absl::SleepFor(absl::Milliseconds(150));
  absl::Time start = absl::Now();
  server().Shutdown(absl::Milliseconds(200));
  caller.join();
  EXPECT_FALSE(in_flight.ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

}  // namespace
}  // namespace kapso::testing

// Graceful shutdown: calls in flight finish, new calls are refused.

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
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
  // Waits (up to 10 s) until the sandbox received the GetMessage: a fixed
  // sleep raced with slow builds (ASan), shutting down before the call came.
  void WaitUntilKapsoCalled() {
    absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (sandbox().RequestCount("GET", "/platform/v1/whatsapp/messages/wamid.SANDBOX0001") == 0 &&
           absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(5));
    }
  }
};

TEST_F(ServerLifecycleTest, ShutdownLetsCallsInFlightFinish) {
  sandbox::Fault slow;
  slow.delay_ms = 500;
  sandbox().AddFault(slow);
  grpc::Status in_flight;
  std::thread caller = CallInBackground(&in_flight);
  WaitUntilKapsoCalled();  // the call is now waiting on Kapso
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
  WaitUntilKapsoCalled();
  absl::Time start = absl::Now();
  server().Shutdown(absl::Milliseconds(200));
  caller.join();
  EXPECT_FALSE(in_flight.ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

// Issue 8, teardown order: the server is destroyed again and again while
// upstream transfers are in flight, coalesced waiters hold deadline timers and
// retries wait on back-off timers. Run under --config=asan and --config=tsan,
// a use after free or a race in teardown fails it; everywhere, every call
// must get an answer (none is dropped with the transport).
TEST_F(ServerLifecycleTest, RestartsWithCallsAndTimersInFlight) {
  sandbox::Fault slow;  // keeps transfers (and the coalesced waiters) in flight
  slow.path_prefix = "/platform/v1/whatsapp/phone_numbers/";
  slow.delay_ms = 400;
  slow.times = -1;
  sandbox().AddFault(slow);
  sandbox::Fault throttled;  // 503 + Retry-After: retries wait on a timer
  throttled.path_prefix = "/platform/v1/whatsapp/messages/";
  throttled.status = 503;
  throttled.headers = {{"Retry-After", "2"}};
  throttled.times = -1;
  sandbox().AddFault(throttled);
  constexpr int kRestarts = 8;
  constexpr int kCallsPerKind = 6;
  for (int round = 0; round < kRestarts; ++round) {
    SCOPED_TRACE(round);
    std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
    std::vector<v1::PhoneNumberHealth> health(kCallsPerKind);
    std::vector<v1::Message> messages(kCallsPerKind);
    v1::CheckPhoneNumberHealthRequest health_request;
    health_request.set_phone_number_id(kNumber2);
    v1::GetMessageRequest message_request;
    message_request.set_message_id("wamid.SANDBOX0001");
    std::atomic<int> remaining{2 * kCallsPerKind};
    absl::Notification all_answered;
    auto on_done = [&](grpc::Status) {
      if (remaining.fetch_sub(1) == 1) all_answered.Notify();
    };
    for (int i = 0; i < kCallsPerKind; ++i) {
      // Different deadlines: followers carry their own timers.
      contexts.push_back(Context(std::chrono::milliseconds(300 + 400 * i)));
      health_->async()->CheckPhoneNumberHealth(contexts.back().get(), &health_request, &health[i],
                                               on_done);
      contexts.push_back(Context(std::chrono::seconds(10)));
      messages_->async()->GetMessage(contexts.back().get(), &message_request, &messages[i],
                                     on_done);
    }
    absl::SleepFor(absl::Milliseconds(100 + 37 * round));  // timers and transfers pending
    RestartServer(DefaultOptions());
    EXPECT_TRUE(all_answered.WaitForNotificationWithTimeout(absl::Seconds(10)));
  }
  // The last server still serves.
  v1::Message message;
  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  sandbox().ClearFaults();
  EXPECT_TRUE(messages_->GetMessage(Context().get(), request, &message).ok());
}

}  // namespace
}  // namespace kapso::testing

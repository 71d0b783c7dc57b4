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
  // Waits until the sandbox received the GetMessage: a fixed sleep raced
  // with slow builds (ASan), shutting down before the call came.
  void WaitUntilKapsoCalled() {
    ASSERT_TRUE(WaitUntil([this] {
      return sandbox().RequestCount("GET", "/platform/v1/whatsapp/messages/wamid.SANDBOX0001") > 0;
    }));
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
  EXPECT_FALSE(
      messages_->GetMessage(Context(std::chrono::milliseconds(500)).get(), request, &message).ok());
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
class RestartUnderLoadTest : public ServerLifecycleTest {
 protected:
  static constexpr int kCallsPerKind = 6;

  void SetUp() override {
    ServerLifecycleTest::SetUp();
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
    health_request_.set_phone_number_id(kNumber2);
    message_request_.set_message_id("wamid.SANDBOX0001");
  }

  // Starts kCallsPerKind coalescing health checks (different deadlines:
  // followers carry their own timers) and as many GetMessage calls;
  // `all_answered` is notified when every one has finished.
  void StartCalls(absl::Notification* all_answered) {
    contexts_.clear();
    health_out_.assign(kCallsPerKind, {});
    messages_out_.assign(kCallsPerKind, {});
    remaining_ = 2 * kCallsPerKind;
    auto on_done = [this, all_answered](grpc::Status) {
      if (remaining_.fetch_sub(1) == 1) all_answered->Notify();
    };
    for (int i = 0; i < kCallsPerKind; ++i) {
      contexts_.push_back(Context(std::chrono::milliseconds(300 + 400 * i)));
      health_->async()->CheckPhoneNumberHealth(contexts_.back().get(), &health_request_,
                                               &health_out_[i], on_done);
      contexts_.push_back(Context(std::chrono::seconds(10)));
      messages_->async()->GetMessage(contexts_.back().get(), &message_request_, &messages_out_[i],
                                     on_done);
    }
  }

  // Waits until both kinds of call reached the sandbox: the health transfer
  // is in its delay and the message retries wait on their back-off timer.
  void WaitUntilBothInFlight(int64_t health_before, int64_t messages_before) {
    ASSERT_TRUE(WaitUntil([&] {
      return sandbox().RequestCount("GET", "/platform/v1/whatsapp/phone_numbers/") >
                 health_before &&
             sandbox().RequestCount("GET", "/platform/v1/whatsapp/messages/") > messages_before;
    }));
  }

  v1::CheckPhoneNumberHealthRequest health_request_;
  v1::GetMessageRequest message_request_;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts_;
  std::vector<v1::PhoneNumberHealth> health_out_;
  std::vector<v1::Message> messages_out_;
  std::atomic<int> remaining_{0};
};

TEST_F(RestartUnderLoadTest, RestartsWithCallsAndTimersInFlight) {
  constexpr int kRestarts = 8;
  for (int round = 0; round < kRestarts; ++round) {
    SCOPED_TRACE(round);
    int64_t health_before = sandbox().RequestCount("GET", "/platform/v1/whatsapp/phone_numbers/");
    int64_t messages_before = sandbox().RequestCount("GET", "/platform/v1/whatsapp/messages/");
    absl::Notification all_answered;
    StartCalls(&all_answered);
    WaitUntilBothInFlight(health_before, messages_before);
    // The behaviour under test: restarts land at spread points of the 400 ms
    // transfer, the 300 ms leader deadline (carry-over) and the back-off.
    absl::SleepFor(absl::Milliseconds(37 * round));
    RestartServer(DefaultOptions());
    EXPECT_TRUE(all_answered.WaitForNotificationWithTimeout(absl::Seconds(10)));
  }
  // The last server still serves.
  v1::Message message;
  sandbox().ClearFaults();
  EXPECT_TRUE(messages_->GetMessage(Context().get(), message_request_, &message).ok());
}

}  // namespace
}  // namespace kapso::testing

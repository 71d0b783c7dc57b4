// Cancellation: every registered callback runs exactly once, whoever cancels
// and from however many threads; late registrations run at once.

#include "kapso_client/cancellation.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "gtest/gtest.h"

namespace kapso::client {
namespace {

TEST(CancellationTest, CancelRunsEachCallbackOnce) {
  Cancellation cancellation;
  std::vector<int> runs(3, 0);
  for (int& count : runs) cancellation.Register([&count] { ++count; });
  EXPECT_FALSE(cancellation.cancelled());
  EXPECT_EQ(runs, std::vector<int>({0, 0, 0}));  // nothing runs before Cancel
  cancellation.Cancel();
  cancellation.Cancel();  // a second Cancel runs nothing again
  EXPECT_TRUE(cancellation.cancelled());
  EXPECT_EQ(runs, std::vector<int>({1, 1, 1}));
}

TEST(CancellationTest, CallbackRegisteredAfterCancelRunsImmediately) {
  Cancellation cancellation;
  cancellation.Cancel();
  int runs = 0;
  int64_t handle = cancellation.Register([&] { ++runs; });
  EXPECT_EQ(runs, 1);  // before Register returned
  EXPECT_EQ(handle, 0);
  cancellation.Unregister(handle);  // harmless
  EXPECT_EQ(runs, 1);
}

TEST(CancellationTest, UnregisteredCallbackNeverRuns) {
  Cancellation cancellation;
  int kept = 0, dropped = 0;
  int64_t keep = cancellation.Register([&] { ++kept; });
  int64_t drop = cancellation.Register([&] { ++dropped; });
  EXPECT_NE(keep, drop);
  cancellation.Unregister(drop);
  cancellation.Cancel();
  cancellation.Unregister(keep);  // after Cancel: safe, and too late to matter
  EXPECT_EQ(kept, 1);
  EXPECT_EQ(dropped, 0);
}

// Callbacks run outside the lock: one may call back into the object.
TEST(CancellationTest, CallbackMayRegisterAndUnregisterWhileCancelling) {
  Cancellation cancellation;
  int nested = 0;
  int64_t other = cancellation.Register([] {});
  cancellation.Register([&] {
    cancellation.Unregister(other);
    cancellation.Register([&] { ++nested; });  // already cancelled: runs now
  });
  cancellation.Cancel();
  EXPECT_EQ(nested, 1);
}

TEST(CancellationTest, ConcurrentCancelsRunEachCallbackExactlyOnce) {
  constexpr int kThreads = 8;
  constexpr int kCallbacks = 50;
  for (int round = 0; round < 20; ++round) {
    Cancellation cancellation;
    std::vector<std::atomic<int>> runs(kCallbacks);
    for (auto& count : runs) cancellation.Register([&count] { count.fetch_add(1); });
    absl::Barrier* start = new absl::Barrier(kThreads);  // deleted by its last waiter
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&cancellation, start] {
        if (start->Block()) delete start;
        cancellation.Cancel();
      });
    }
    for (auto& thread : threads) thread.join();
    for (int i = 0; i < kCallbacks; ++i) EXPECT_EQ(runs[i].load(), 1) << round << " " << i;
  }
}

// Every callback runs exactly once whether it was registered before the
// Cancel (run by Cancel) or after it (run by Register).
TEST(CancellationTest, RegisterRacingCancelRunsEachCallbackExactlyOnce) {
  constexpr int kPerThread = 200;
  Cancellation cancellation;
  std::vector<std::atomic<int>> runs(2 * kPerThread);
  auto register_range = [&](int from) {
    for (int i = from; i < from + kPerThread; ++i) {
      cancellation.Register([&runs, i] { runs[i].fetch_add(1); });
    }
  };
  std::thread first(register_range, 0);
  std::thread canceller([&] { cancellation.Cancel(); });
  std::thread second(register_range, kPerThread);
  first.join();
  canceller.join();
  second.join();
  for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << i;
}

// As in a gRPC call: OnCancel cancels on one thread, and the last reference
// is dropped on another (TSan checks the destruction is ordered after).
TEST(CancellationTest, DestroyedOnAnotherThreadAfterCancel) {
  for (int round = 0; round < 50; ++round) {
    auto cancellation = std::make_shared<Cancellation>();
    std::atomic<int> runs{0};
    cancellation->Register([&] { runs.fetch_add(1); });
    std::shared_ptr<Cancellation> for_canceller = cancellation;
    std::shared_ptr<Cancellation> for_dropper = cancellation;
    cancellation.reset();
    std::thread canceller([c = std::move(for_canceller)]() mutable {
      c->Cancel();
      c.reset();
    });
    std::thread dropper([c = std::move(for_dropper)]() mutable { c.reset(); });
    canceller.join();
    dropper.join();
    EXPECT_EQ(runs.load(), 1);
  }
}

}  // namespace
}  // namespace kapso::client

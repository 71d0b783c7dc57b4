// WorkerPool: every task runs, on at most `threads` threads at once, in
// submission order per thread, and the destructor drains the queue.

#include "kapso_client/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/wait_until.h"

namespace kapso::client {
namespace {

using ::kapso::testing::WaitUntil;

TEST(WorkerPoolTest, RunsEveryTask) {
  constexpr int kTasks = 1000;
  std::atomic<int> ran{0};
  {
    WorkerPool pool(4);
    for (int i = 0; i < kTasks; ++i) pool.Run([&] { ran.fetch_add(1); });
  }  // the destructor runs what is still queued, then joins
  EXPECT_EQ(ran.load(), kTasks);
}

TEST(WorkerPoolTest, OneThreadRunsTasksInSubmissionOrder) {
  std::vector<int> order;  // written by the pool's only thread, read after join
  {
    WorkerPool pool(1);
    for (int i = 0; i < 100; ++i) pool.Run([&order, i] { order.push_back(i); });
  }
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

TEST(WorkerPoolTest, ANonPositiveSizeStillGetsOneThread) {
  absl::Notification ran;
  WorkerPool pool(0);
  pool.Run([&] { ran.Notify(); });
  EXPECT_TRUE(ran.WaitForNotificationWithTimeout(absl::Seconds(10)));
}

// Records which threads ran the tasks and how many ran at the same time.
struct Occupancy {
  absl::Mutex mu;
  int running ABSL_GUARDED_BY(mu) = 0;
  int most ABSL_GUARDED_BY(mu) = 0;
  std::set<std::thread::id> threads ABSL_GUARDED_BY(mu);

  void Enter() {
    absl::MutexLock lock(&mu);
    threads.insert(std::this_thread::get_id());
    most = std::max(most, ++running);
  }
  void Leave() {
    absl::MutexLock lock(&mu);
    --running;
  }
};

TEST(WorkerPoolTest, RunsConcurrentlyOnExactlyItsThreads) {
  constexpr int kThreads = 3;
  Occupancy occupancy;
  absl::Notification release;
  {
    WorkerPool pool(kThreads);
    for (int i = 0; i < 10 * kThreads; ++i) {
      pool.Run([&] {
        occupancy.Enter();
        release.WaitForNotification();  // hold the thread until all are busy
        occupancy.Leave();
      });
    }
    EXPECT_TRUE(WaitUntil([&] {
      absl::MutexLock lock(&occupancy.mu);
      return occupancy.running == kThreads;
    }));
    release.Notify();
  }
  absl::MutexLock lock(&occupancy.mu);
  EXPECT_EQ(occupancy.most, kThreads);  // never more than its size at once
  EXPECT_EQ(occupancy.threads.size(), static_cast<size_t>(kThreads));
}

TEST(WorkerPoolTest, DestructorWaitsForQueuedWorkBehindABusyThread) {
  absl::Notification started, release;
  std::atomic<int> ran{0};
  auto pool = std::make_unique<WorkerPool>(1);
  pool->Run([&] {
    started.Notify();
    release.WaitForNotification();
    ran.fetch_add(1);
  });
  for (int i = 0; i < 10; ++i) pool->Run([&] { ran.fetch_add(1); });
  ASSERT_TRUE(started.WaitForNotificationWithTimeout(absl::Seconds(10)));
  std::thread destroyer([&] { pool.reset(); });
  release.Notify();  // before or after the destructor began: all 11 must run
  destroyer.join();
  EXPECT_EQ(ran.load(), 11);
}

TEST(WorkerPoolTest, WorkSubmittedByATaskDuringShutdownStillRuns) {
  std::atomic<bool> follow_up_ran{false};
  {
    WorkerPool pool(1);
    pool.Run([&] { pool.Run([&] { follow_up_ran = true; }); });
  }  // destroyed at once: the follow-up is queued while the pool is stopping
  EXPECT_TRUE(follow_up_ran.load());
}

}  // namespace
}  // namespace kapso::client

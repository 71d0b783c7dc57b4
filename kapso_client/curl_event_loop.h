#ifndef KAPSO_CLIENT_CURL_EVENT_LOOP_H_
#define KAPSO_CLIENT_CURL_EVENT_LOOP_H_

// Internal to the curl transport: CurlEventLoop, the loop behind
// CurlMultiTransport.
// One thread owns the curl multi handle; other threads hand it transfers,
// cancellations and timers through mutex-guarded queues and wake it with
// curl_multi_wakeup, only when it sleeps in curl_multi_poll and no one woke
// it yet (a busy loop reads the queues before it polls again).

#include <curl/curl.h>

#include <atomic>
#include <functional>
#include <memory>
#include <queue>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "kapso_client/curl_multi_transport.h"
#include "kapso_client/curl_transfer.h"
#include "kapso_client/thread_role.h"

namespace kapso::client::internal {

class CurlEventLoop {
 public:
  explicit CurlEventLoop(CurlTransportOptions options) : options_(std::move(options)) {}
  ~CurlEventLoop();

  absl::Status Init();
  // Stops and joins the loop thread; see CurlMultiTransport::Shutdown.
  void Shutdown() ABSL_LOCKS_EXCLUDED(mu_);
  void Submit(std::unique_ptr<Transfer> transfer);
  void Cancel(int64_t id);
  void AddTimer(absl::Time when, absl::AnyInvocable<void() &&> work);
  // Ends every transfer in flight or queued with UNAVAILABLE (SHUTTING_DOWN);
  // the loop keeps running for later requests and timers.
  void AbortAll();
  int64_t NextId() { return next_id_.fetch_add(1); }
  TransportStats stats() const;
  int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  const CurlTransportOptions& options() const { return options_; }

 private:
  struct Timer {
    absl::Time when;
    int64_t seq;
    mutable absl::AnyInvocable<void() &&> work;
    bool operator>(const Timer& other) const {
      return when != other.when ? when > other.when : seq > other.seq;
    }
  };

  void Loop();
  void StartTransfers(std::vector<std::unique_ptr<Transfer>> batch)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_);
  void CancelTransfers(const std::vector<int64_t>& ids) ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_);
  void ReapFinished() ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_);
  void RunDueTimers() ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_) ABSL_LOCKS_EXCLUDED(mu_);
  // The poll's timeout; from here until Woken() the loop counts as asleep.
  int PollTimeoutMs() ABSL_LOCKS_EXCLUDED(mu_);
  void Woken() ABSL_LOCKS_EXCLUDED(mu_);
  // Under mu_, after queueing work: whether the caller must wake the loop.
  bool TakeWake() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Finish(std::unique_ptr<Transfer> transfer, absl::StatusOr<HttpResponse> result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_);
  void FailAll() ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_) ABSL_LOCKS_EXCLUDED(mu_);
  // Ends every queued and active transfer with SHUTTING_DOWN (timers stay).
  void FailTransfers() ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_) ABSL_LOCKS_EXCLUDED(mu_);
  void DrainTimers() ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_thread_) ABSL_LOCKS_EXCLUDED(mu_);

  const CurlTransportOptions options_;
  CURLM* multi_ = nullptr;
  std::thread loop_;
  std::atomic<int64_t> next_id_{1};
  std::atomic<int64_t> connections_opened_{0};
  std::atomic<int64_t> requests_started_{0};
  // Read on every completion (KapsoClient's parse-inline choice): no lock.
  std::atomic<int64_t> in_flight_{0};

  // The loop thread's own state: only Loop() and what it calls touch it
  // (and the destructor, after joining the thread).
  ThreadRole loop_thread_;
  absl::flat_hash_map<int64_t, std::unique_ptr<Transfer>> active_ ABSL_GUARDED_BY(loop_thread_);
  std::vector<CURL*> idle_handles_ ABSL_GUARDED_BY(loop_thread_);

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool abort_requested_ ABSL_GUARDED_BY(mu_) = false;
  // Set once the stopped loop ran every timer: later timers run at once.
  bool timers_drained_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::unique_ptr<Transfer>> submitted_ ABSL_GUARDED_BY(mu_);
  std::vector<int64_t> cancelled_ ABSL_GUARDED_BY(mu_);
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_ ABSL_GUARDED_BY(mu_);
  int64_t timer_seq_ ABSL_GUARDED_BY(mu_) = 0;
  // The loop is (about to be) in curl_multi_poll and nobody has woken it.
  bool asleep_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace kapso::client::internal

#endif  // KAPSO_CLIENT_CURL_EVENT_LOOP_H_

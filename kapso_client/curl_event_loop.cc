#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "kapso_client/curl_event_loop.h"
#include "kapso_client/parsed_body.h"
#include "kapso_client/status_details.h"

namespace kapso::client::internal {

absl::Status CurlEventLoop::Init() {
  static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (global_init != CURLE_OK) return internal::CurlError("curl_global_init", global_init);
  multi_ = curl_multi_init();
  if (multi_ == nullptr) return absl::InternalError("curl_multi_init failed");
  long pool = std::max(1, options_.max_connections);
  for (auto [option, value] :
       {std::pair{CURLMOPT_MAX_HOST_CONNECTIONS, pool},
        std::pair{CURLMOPT_MAX_TOTAL_CONNECTIONS, pool}, std::pair{CURLMOPT_MAXCONNECTS, pool},
        std::pair{CURLMOPT_PIPELINING, long{CURLPIPE_MULTIPLEX}}}) {
    CURLMcode code = curl_multi_setopt(multi_, option, value);
    if (code != CURLM_OK) {
      return absl::InternalError(absl::StrCat("curl_multi_setopt: ", curl_multi_strerror(code)));
    }
  }
  loop_ = std::thread([this] { Loop(); });
  return absl::OkStatus();
}

CurlEventLoop::~CurlEventLoop() {
  Shutdown();
  for (CURL* easy : idle_handles_) curl_easy_cleanup(easy);
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
}

void CurlEventLoop::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (multi_ != nullptr) curl_multi_wakeup(multi_);
  if (loop_.joinable()) loop_.join();
}

bool CurlEventLoop::TakeWake() {
  bool wake = asleep_;
  asleep_ = false;  // one wake-up serves every request queued before the loop runs
  return wake;
}

void CurlEventLoop::Submit(std::unique_ptr<Transfer> transfer) {
  bool wake = false;
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_) {
      in_flight_.fetch_add(1, std::memory_order_relaxed);
      submitted_.push_back(std::move(transfer));
      transfer = nullptr;
      wake = TakeWake();
    }
  }
  if (transfer != nullptr) {
    std::move(transfer->done)(absl::CancelledError("kapso-ops is shutting down"));
    return;
  }
  if (wake) curl_multi_wakeup(multi_);
}

void CurlEventLoop::Cancel(int64_t id) {
  bool wake = false;
  {
    absl::MutexLock lock(&mu_);
    cancelled_.push_back(id);
    wake = TakeWake();
  }
  if (wake) curl_multi_wakeup(multi_);
}

void CurlEventLoop::AddTimer(absl::Time when, absl::AnyInvocable<void() &&> work) {
  bool wake = false;
  {
    absl::MutexLock lock(&mu_);
    if (!timers_drained_) {
      timers_.push(Timer{when, timer_seq_++, std::move(work)});
      work = nullptr;
      wake = TakeWake();
    }
  }
  // After shutdown nothing waits any more: the work runs now (whatever it
  // sends fails at once), so no callback it owns is dropped unanswered.
  if (work != nullptr) return std::move(work)();
  if (wake) curl_multi_wakeup(multi_);
}

TransportStats CurlEventLoop::stats() const {
  return TransportStats{requests_started_.load(), connections_opened_.load(), in_flight()};
}

void CurlEventLoop::Loop() {
  loop_thread_.Bind();
  loop_thread_.AssertHeld();
  while (true) {
    std::vector<std::unique_ptr<Transfer>> batch;
    std::vector<int64_t> cancels;
    bool abort = false;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
      batch.swap(submitted_);
      cancels.swap(cancelled_);
      std::swap(abort, abort_requested_);
    }
    if (abort) FailTransfers();
    StartTransfers(std::move(batch));
    CancelTransfers(cancels);
    int running = 0;
    curl_multi_perform(multi_, &running);
    ReapFinished();
    RunDueTimers();
    curl_multi_poll(multi_, nullptr, 0, PollTimeoutMs(), nullptr);
    Woken();
  }
  FailAll();
}

void CurlEventLoop::StartTransfers(std::vector<std::unique_ptr<Transfer>> batch) {
  for (auto& transfer : batch) {
    const auto& cancellation = transfer->options.cancellation;
    if (cancellation != nullptr && cancellation->cancelled()) {
      Finish(std::move(transfer),
             MakeError(absl::StatusCode::kCancelled, "the caller cancelled the call", "CANCELLED"));
      continue;
    }
    absl::Duration remaining = transfer->options.deadline - absl::Now();
    if (remaining <= absl::ZeroDuration()) {
      Finish(std::move(transfer),
             MakeError(absl::StatusCode::kDeadlineExceeded,
                       "the deadline passed before Kapso was called", "KAPSO_TIMEOUT"));
      continue;
    }
    if (idle_handles_.empty()) {
      transfer->easy = curl_easy_init();
    } else {
      transfer->easy = idle_handles_.back();
      idle_handles_.pop_back();
    }
    absl::Status configured = ConfigureEasy(*transfer, options_, remaining);
    if (configured.ok()) {
      CURLMcode code = curl_multi_add_handle(multi_, transfer->easy);
      if (code != CURLM_OK) {
        configured =
            absl::InternalError(absl::StrCat("curl_multi_add_handle: ", curl_multi_strerror(code)));
      }
    }
    if (!configured.ok()) {
      Finish(std::move(transfer), configured);
      continue;
    }
    requests_started_.fetch_add(1);
    int64_t id = transfer->id;
    active_.emplace(id, std::move(transfer));
  }
}

void CurlEventLoop::CancelTransfers(const std::vector<int64_t>& ids) {
  for (int64_t id : ids) {
    auto it = active_.find(id);
    if (it == active_.end()) continue;  // already finished
    std::unique_ptr<Transfer> transfer = std::move(it->second);
    active_.erase(it);
    curl_multi_remove_handle(multi_, transfer->easy);
    Metadata metadata = {{"request_sent", transfer->request_sent ? "true" : "false"}};
    Finish(std::move(transfer), MakeError(absl::StatusCode::kCancelled,
                                          "the caller cancelled the call", "CANCELLED", metadata));
  }
}

void CurlEventLoop::ReapFinished() {
  int pending = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &pending)) {
    if (message->msg != CURLMSG_DONE) continue;
    Transfer* raw = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &raw);
    CURLcode code = message->data.result;
    auto it = active_.find(raw->id);
    std::unique_ptr<Transfer> transfer = std::move(it->second);
    active_.erase(it);
    curl_multi_remove_handle(multi_, transfer->easy);
    long connects = 0;
    curl_easy_getinfo(transfer->easy, CURLINFO_NUM_CONNECTS, &connects);
    connections_opened_.fetch_add(connects);
    // curl's timer is set in whole milliseconds, rounded down from the
    // deadline, so it may fire a moment before the deadline itself.
    bool deadline_passed = absl::Now() + absl::Milliseconds(20) >= transfer->options.deadline;
    absl::Status status = internal::TransferStatus(*transfer, code, deadline_passed);
    if (!status.ok()) {
      Finish(std::move(transfer), status);
      continue;
    }
    long http_status = 0;
    curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &http_status);
    transfer->response.status = static_cast<int>(http_status);
    transfer->response.parsed = std::make_shared<ParsedBody>();
    HttpResponse response = std::move(transfer->response);
    Finish(std::move(transfer), std::move(response));
  }
}

void CurlEventLoop::RunDueTimers() {
  std::vector<absl::AnyInvocable<void() &&>> due;
  {
    absl::MutexLock lock(&mu_);
    absl::Time now = absl::Now();
    while (!timers_.empty() && timers_.top().when <= now) {
      due.push_back(std::move(timers_.top().work));
      timers_.pop();
    }
  }
  for (auto& work : due) std::move(work)();
}

int CurlEventLoop::PollTimeoutMs() {
  absl::MutexLock lock(&mu_);
  if (!submitted_.empty() || !cancelled_.empty() || abort_requested_ || stopping_) return 0;
  // Work queued from now on finds the loop asleep and wakes it.
  asleep_ = true;
  if (timers_.empty()) return 1000;
  absl::Duration wait = timers_.top().when - absl::Now();
  return static_cast<int>(std::clamp<int64_t>(absl::ToInt64Milliseconds(wait) + 1, 0, 1000));
}

void CurlEventLoop::Finish(std::unique_ptr<Transfer> transfer,
                           absl::StatusOr<HttpResponse> result) {
  if (transfer->options.cancellation != nullptr && transfer->cancel_handle != 0) {
    transfer->options.cancellation->Unregister(transfer->cancel_handle);
  }
  if (transfer->easy != nullptr) {
    curl_easy_reset(transfer->easy);
    idle_handles_.push_back(transfer->easy);
    transfer->easy = nullptr;
  }
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  std::move(transfer->done)(std::move(result));
}

void CurlEventLoop::Woken() {
  absl::MutexLock lock(&mu_);
  asleep_ = false;
}

void CurlEventLoop::FailAll() {
  FailTransfers();
  DrainTimers();
}

void CurlEventLoop::FailTransfers() {
  std::vector<std::unique_ptr<Transfer>> pending;
  {
    absl::MutexLock lock(&mu_);
    pending.swap(submitted_);
  }
  for (auto& [id, transfer] : active_) {
    curl_multi_remove_handle(multi_, transfer->easy);
    pending.push_back(std::move(transfer));
  }
  active_.clear();
  for (auto& transfer : pending) {
    // A write already sent may have been applied: request_sent lets
    // KapsoClient say KAPSO_OUTCOME_UNKNOWN instead of a plain failure.
    Metadata metadata = {{"kapso_method", std::string(HttpMethodName(transfer->request.method))},
                         {"kapso_path", transfer->request.path},
                         {"request_sent", transfer->request_sent ? "true" : "false"}};
    Finish(std::move(transfer), MakeError(absl::StatusCode::kUnavailable,
                                          "kapso-ops is shutting down", "SHUTTING_DOWN", metadata));
  }
}

// Runs every timer left, early: a retry's back-off then sends (and fails at
// once, as the loop is stopping) and answers its caller, so every callback
// runs while the decorators it calls back into are still alive. Work may
// queue more timers; they run in later rounds.
void CurlEventLoop::DrainTimers() {
  while (true) {
    std::vector<absl::AnyInvocable<void() &&>> due;
    {
      absl::MutexLock lock(&mu_);
      if (timers_.empty()) {
        timers_drained_ = true;
        return;
      }
      while (!timers_.empty()) {
        due.push_back(std::move(timers_.top().work));
        timers_.pop();
      }
    }
    for (auto& work : due) std::move(work)();
  }
}

void CurlEventLoop::AbortAll() {
  {
    absl::MutexLock lock(&mu_);
    abort_requested_ = true;
  }
  curl_multi_wakeup(multi_);
}

}  // namespace kapso::client::internal

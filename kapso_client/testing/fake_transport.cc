#include "kapso_client/testing/fake_transport.h"

#include <algorithm>
#include <optional>

#include "kapso_client/status_details.h"

namespace kapso::client::testing_util {

HttpResponse Reply(int status, const Headers& headers, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  for (const auto& [name, value] : headers) response.headers[name] = value;
  return response;
}

absl::Status Unreachable() {
  return MakeError(absl::StatusCode::kUnavailable, "could not connect to Kapso",
                   "KAPSO_UNREACHABLE");
}

absl::Status TimedOut() {
  return MakeError(absl::StatusCode::kDeadlineExceeded, "Kapso did not answer before the deadline",
                   "KAPSO_TIMEOUT");
}

absl::Status Cancelled() {
  return MakeError(absl::StatusCode::kCancelled, "the caller cancelled the call", "CANCELLED");
}

HttpRequest Request(HttpMethod method, std::string path, std::string api_key) {
  HttpRequest request;
  request.method = method;
  request.path = std::move(path);
  request.api_key = std::move(api_key);
  if (method == HttpMethod::kPost || method == HttpMethod::kPatch) request.body = "{}";
  return request;
}

struct Answer::State {
  mutable absl::Mutex mu;
  int times ABSL_GUARDED_BY(mu) = 0;
  Outcome outcome ABSL_GUARDED_BY(mu) = absl::InternalError("not answered");
};

Answer::Answer() : state_(std::make_shared<State>()) {}

HttpCallback Answer::Callback() const {
  return [state = state_](Outcome outcome) {
    absl::MutexLock lock(&state->mu);
    ++state->times;
    state->outcome = std::move(outcome);
  };
}

bool Answer::answered() const { return times() > 0; }

int Answer::times() const {
  absl::MutexLock lock(&state_->mu);
  return state_->times;
}

Outcome Answer::outcome() const {
  absl::MutexLock lock(&state_->mu);
  return state_->outcome;
}

int Answer::http_status() const {
  Outcome o = outcome();
  return o.ok() ? o->status : -1;
}

void FakeTransport::Script(std::vector<Outcome> outcomes) {
  absl::MutexLock lock(&mu_);
  for (auto& outcome : outcomes) script_.push_back(std::move(outcome));
}

void FakeTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  std::shared_ptr<Cancellation> cancellation = options.cancellation;
  std::optional<Outcome> scripted;
  int64_t id = 0;
  {
    absl::MutexLock lock(&mu_);
    received_.push_back({std::move(request), std::move(options)});
    if (!script_.empty()) {
      scripted = std::move(script_.front());
      script_.pop_front();
    } else {
      id = next_id_++;
      pending_.emplace_back(id, Pending{std::move(done), cancellation});
    }
  }
  if (scripted.has_value()) return std::move(done)(*std::move(scripted));
  if (cancellation == nullptr) return;
  // Registered outside the lock: an already cancelled call runs it at once.
  int64_t handle = cancellation->Register([this, id] { CancelPending(id); });
  absl::MutexLock lock(&mu_);
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [id](const auto& entry) { return entry.first == id; });
  if (it != pending_.end()) it->second.cancel_handle = handle;
}

void FakeTransport::CancelPending(int64_t id) {
  HttpCallback done;
  {
    absl::MutexLock lock(&mu_);
    auto it = std::find_if(pending_.begin(), pending_.end(),
                           [id](const auto& entry) { return entry.first == id; });
    if (it == pending_.end()) return;
    done = std::move(it->second.done);
    pending_.erase(it);
    ++cancelled_;
  }
  std::move(done)(Cancelled());
}

int FakeTransport::ReleaseAll(const Outcome& outcome) {
  std::vector<std::pair<int64_t, Pending>> released;
  {
    absl::MutexLock lock(&mu_);
    released.swap(pending_);
  }
  for (auto& [id, pending] : released) {
    if (pending.cancellation != nullptr && pending.cancel_handle != 0) {
      pending.cancellation->Unregister(pending.cancel_handle);
    }
    std::move(pending.done)(outcome);
  }
  return static_cast<int>(released.size());
}

std::vector<FakeTransport::Received> FakeTransport::received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}

FakeTransport::Received FakeTransport::last() const {
  absl::MutexLock lock(&mu_);
  return received_.empty() ? Received{} : received_.back();
}

int FakeTransport::requests() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(received_.size());
}

int FakeTransport::pending() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(pending_.size());
}

int FakeTransport::cancelled() const {
  absl::MutexLock lock(&mu_);
  return cancelled_;
}

}  // namespace kapso::client::testing_util

#ifndef KAPSO_CLIENT_TESTING_FAKE_TRANSPORT_H_
#define KAPSO_CLIENT_TESTING_FAKE_TRANSPORT_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso_client/http_transport.h"

namespace kapso::client::testing_util {

using Outcome = absl::StatusOr<HttpResponse>;
using Headers = std::vector<std::pair<std::string, std::string>>;

// An answer from Kapso; header names are given lower-cased.
HttpResponse Reply(int status, const Headers& headers = {}, std::string body = "");

// Transport errors as the curl transport reports them.
absl::Status Unreachable();  // UNAVAILABLE, reason KAPSO_UNREACHABLE
absl::Status TimedOut();     // DEADLINE_EXCEEDED, reason KAPSO_TIMEOUT
absl::Status Cancelled();    // CANCELLED, reason CANCELLED

HttpRequest Request(HttpMethod method, std::string path, std::string api_key = "");
inline HttpRequest Get(std::string path, std::string api_key = "") {
  return Request(HttpMethod::kGet, std::move(path), std::move(api_key));
}

// Where one call's outcome lands. Copies share the slot; Callback() is the
// `done` to pass to Send.
class Answer {
 public:
  Answer();
  HttpCallback Callback() const;
  bool answered() const;
  int times() const;        // how often `done` ran (exactly once is the contract)
  Outcome outcome() const;  // the last outcome; an INTERNAL error before any
  int http_status() const;  // the response's status, or -1 for an error/none

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// A scripted HttpTransport. A request is recorded (with its options), then
// answered at once with the next scripted outcome, or, when the script is
// empty, held pending until ReleaseAll. A pending request whose
// CallOptions.cancellation fires is answered with Cancelled(). Callbacks
// never run under the fake's lock. Thread-safe.
class FakeTransport final : public HttpTransport {
 public:
  struct Received {
    HttpRequest request;
    CallOptions options;
  };

  // Appends outcomes for the next requests, in order.
  void Script(std::vector<Outcome> outcomes);
  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

  // Answers every pending request with `outcome`; returns how many.
  int ReleaseAll(const Outcome& outcome);

  std::vector<Received> received() const;
  Received last() const;
  int requests() const;   // requests received so far
  int pending() const;    // requests held, not yet answered
  int cancelled() const;  // pending requests answered by their cancellation

 private:
  struct Pending {
    HttpCallback done;
    std::shared_ptr<Cancellation> cancellation;
    int64_t cancel_handle = 0;
  };
  void CancelPending(int64_t id);

  mutable absl::Mutex mu_;
  std::vector<Received> received_ ABSL_GUARDED_BY(mu_);
  std::deque<Outcome> script_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<int64_t, Pending>> pending_ ABSL_GUARDED_BY(mu_);  // arrival order
  int64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  int cancelled_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kapso::client::testing_util

#endif  // KAPSO_CLIENT_TESTING_FAKE_TRANSPORT_H_

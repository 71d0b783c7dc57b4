#ifndef KAPSO_CLIENT_CURL_MULTI_TRANSPORT_H_
#define KAPSO_CLIENT_CURL_MULTI_TRANSPORT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

namespace internal {
class CurlEventLoop;  // curl_event_loop.h
}  // namespace internal

struct CurlTransportOptions {
  // Scheme and host of the Kapso API, e.g. "https://api.kapso.ai"; the
  // transport appends "/platform/v1". Trailing slashes are ignored.
  std::string base_url;
  // Sent as X-API-Key unless a request names its own key. Never logged.
  std::string api_key;
  // Most connections kept open to Kapso; requests beyond it queue.
  int max_connections = 32;
  absl::Duration connect_timeout = absl::Seconds(5);
  // Largest answer body accepted; a longer one aborts its transfer
  // (KAPSO_RESPONSE_TOO_LARGE). Kapso's pages of 100 items are ~200 KB.
  size_t max_body_bytes = 8 << 20;
  std::string user_agent = "kapso-ops/1";
};

struct TransportStats {
  int64_t requests_started = 0;
  int64_t connections_opened = 0;
  int64_t in_flight = 0;
};

// The libcurl transport: one event-loop thread drives a curl multi handle, so
// any number of requests in flight cost no threads; the multi handle's
// connection cache keeps up to max_connections connections alive for reuse
// (HTTP/2 multiplexed when Kapso offers it). Also the Scheduler for timers
// (retry back-off) on the same loop.
class CurlMultiTransport final : public HttpTransport, public Scheduler {
 public:
  static absl::StatusOr<std::unique_ptr<CurlMultiTransport>> Create(CurlTransportOptions options);
  // Stops the loop: requests in flight finish with CANCELLED and pending
  // timers run early (what they send fails at once), all on the loop thread,
  // which is then joined; later Sends fail and later timers run at once.
  // So when it returns no callback is running or pending. Idempotent; never
  // call it from the loop thread (a callback).
  void Shutdown();
  ~CurlMultiTransport() override;  // Shutdown()

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;
  absl::Time Now() override;
  void RunAt(absl::Time when, absl::AnyInvocable<void() &&> work) override;

  TransportStats stats() const;
  // Requests submitted and not yet answered; cheap, for hot paths.
  int64_t in_flight() const;
  // Ends every request in flight now with UNAVAILABLE (SHUTTING_DOWN): for
  // the end of a shutdown grace, so callers get a typed answer (writes:
  // KAPSO_OUTCOME_UNKNOWN) before the server cuts their calls.
  void AbortInFlight();

 private:
  explicit CurlMultiTransport(std::unique_ptr<internal::CurlEventLoop> loop);
  std::unique_ptr<internal::CurlEventLoop> loop_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_CURL_MULTI_TRANSPORT_H_

#ifndef KAPSO_CLIENT_HTTP_TRANSPORT_H_
#define KAPSO_CLIENT_HTTP_TRANSPORT_H_

#include "kapso_client/http_types.h"

namespace kapso::client {

// Sends HTTP requests to Kapso without blocking the caller. `done` runs
// exactly once, on a transport thread, with the response (any HTTP status) or
// a transport error: UNAVAILABLE (not connected, or connection lost),
// DEADLINE_EXCEEDED, CANCELLED. Errors carry UpstreamErrorInfo payloads (see
// upstream_error.h) saying whether the request may have reached Kapso.
//
// Decorators (retry, coalescing, rate limits, circuit breaking) implement the
// same interface around the curl transport.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual void Send(HttpRequest request, CallOptions options, HttpCallback done) = 0;
};

// Runs work later, on a transport thread. Injected so that retry and cache
// tests do not sleep.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual absl::Time Now() = 0;
  virtual void RunAt(absl::Time when, absl::AnyInvocable<void() &&> work) = 0;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_HTTP_TRANSPORT_H_

#ifndef KAPSO_CLIENT_HTTP_TRANSPORT_H_
#define KAPSO_CLIENT_HTTP_TRANSPORT_H_

#include "kapso_client/http_types.h"

namespace kapso::client {

// Sends HTTP requests to Kapso without blocking the caller. `done` runs
// exactly once, with the response (any HTTP status) or a transport error:
// UNAVAILABLE (not connected, or connection lost), DEADLINE_EXCEEDED,
// CANCELLED. A transport error's ErrorInfo (status_details.h) says, in its
// `request_sent` metadata, whether the request may have reached Kapso.
//
// `done` runs on the curl loop thread when a transfer completes, or on the
// caller's own thread when a decorator answers at once (a cache hit, an open
// circuit, a rate-limit refusal, a spent call budget); it must not block.
//
// Decorators (retry, coalescing, rate limits, circuit breaking) implement the
// same interface around the curl transport (transport_stack.h).
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual void Send(HttpRequest request, CallOptions options, HttpCallback done) = 0;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_HTTP_TRANSPORT_H_

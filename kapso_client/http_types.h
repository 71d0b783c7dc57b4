#ifndef KAPSO_CLIENT_HTTP_TYPES_H_
#define KAPSO_CLIENT_HTTP_TYPES_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "kapso_client/cancellation.h"

namespace kapso::client {

enum class HttpMethod { kGet, kPost, kPatch, kDelete };

absl::string_view HttpMethodName(HttpMethod method);

// GETs are safe to repeat; every other method may change Kapso's state.
inline bool IsIdempotent(HttpMethod method) { return method == HttpMethod::kGet; }

// One request to the Kapso Platform API. `path` is relative to
// "<base>/platform/v1" and already percent-encoded; `query` values are raw
// and encoded by the transport.
struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;  // JSON, empty for GET/DELETE
  // The key to authenticate with; empty means the transport's default.
  std::string api_key;
  // The caller's request id, forwarded as X-Request-Id for tracing.
  std::string request_id;
};

class ParsedBody;  // parsed_body.h

struct HttpResponse {
  int status = 0;
  std::string body;
  // Header names lower-cased; the last value wins.
  absl::flat_hash_map<std::string, std::string> headers;
  // How long ago this answer came from Kapso, when served from a cache.
  absl::Duration age = absl::ZeroDuration();
  // The body parsed once for every copy of this answer (the callers of a
  // coalesced request, hits of a cache); set by the transport that made it.
  std::shared_ptr<ParsedBody> parsed;

  const std::string* Header(absl::string_view lower_name) const;

  // Whether other callers hold this answer's parse too (coalesced waiters
  // not yet answered, a cache).
  bool SharedWithOthers() const { return parsed != nullptr && parsed.use_count() > 1; }
};

// Per-call context carried from the gRPC caller down to curl.
struct CallOptions {
  absl::Time deadline = absl::InfiniteFuture();
  // Cancelled when the gRPC caller goes away; may be null.
  std::shared_ptr<Cancellation> cancellation;
};

using HttpCallback = absl::AnyInvocable<void(absl::StatusOr<HttpResponse>) &&>;

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_HTTP_TYPES_H_

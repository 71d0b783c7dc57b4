#include "kapso_client/curl_transfer.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "kapso_client/status_details.h"
#include "kapso_client/upstream_text.h"

namespace kapso::client::internal {
namespace {

// Kapso's headers are a few hundred bytes; this leaves room for proxies.
constexpr size_t kMaxHeaderBytes = 64 * 1024;

// Returning anything but `size * count` makes curl abort the transfer
// (CURLE_WRITE_ERROR), which TransferStatus reports as too large.
size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->response.body.size() + n > t->max_body_bytes) {
    t->too_large = true;
    return 0;
  }
  t->response.body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  t->header_bytes += n;
  if (t->header_bytes > kMaxHeaderBytes) {
    t->too_large = true;
    return 0;
  }
  absl::string_view line(data, n);
  auto colon = line.find(':');
  if (colon != absl::string_view::npos) {
    std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.substr(0, colon)));
    t->response.headers[name] = std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  }
  return n;
}

int OnPrereq(void* user, char*, char*, int, int) {
  static_cast<Transfer*>(user)->request_sent = true;
  return CURL_PREREQFUNC_OK;
}

// Applies curl_easy_setopt calls in a chain, keeping the first failure.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}
  template <typename T>
  OptionSetter& operator()(CURLoption option, T value, absl::string_view name) {
    if (status_.ok()) {
      CURLcode code = curl_easy_setopt(easy_, option, value);
      if (code != CURLE_OK) status_ = CurlError(absl::StrCat("curl_easy_setopt(", name, ")"), code);
    }
    return *this;
  }
  const absl::Status& status() const { return status_; }

 private:
  CURL* easy_;
  absl::Status status_;
};

absl::Status SetMethod(Transfer& t) {
  OptionSetter set(t.easy);
  if (!IsIdempotent(t.request.method)) {
    // libcurl silently sends a request again on a fresh connection when a
    // reused one turns out dead before any answer came back. For a write
    // that may already have reached Kapso, so a write never rides a reused
    // connection: on a new one curl has nothing to retry.
    set(CURLOPT_FRESH_CONNECT, 1L, "FRESH_CONNECT");
  }
  switch (t.request.method) {
    case HttpMethod::kGet:
      return set(CURLOPT_HTTPGET, 1L, "HTTPGET").status();
    case HttpMethod::kDelete:
      return set(CURLOPT_CUSTOMREQUEST, "DELETE", "CUSTOMREQUEST").status();
    case HttpMethod::kPatch:
      set(CURLOPT_CUSTOMREQUEST, "PATCH", "CUSTOMREQUEST");
      break;
    case HttpMethod::kPost:
      break;
  }
  return set(CURLOPT_POSTFIELDSIZE, static_cast<long>(t.request.body.size()), "POSTFIELDSIZE")(
             CURLOPT_POSTFIELDS, t.request.body.c_str(), "POSTFIELDS")
      .status();
}

}  // namespace

Transfer::~Transfer() {
  if (headers != nullptr) curl_slist_free_all(headers);
}

absl::Status CurlError(absl::string_view where, CURLcode code) {
  return absl::InternalError(absl::StrCat(where, ": ", curl_easy_strerror(code)));
}

namespace {

// The request's header lines; the key is checked first, so a CR/LF in it
// can never become a header line whoever built the request (callers
// validate what they pass too: service/unary_call.cc).
absl::Status BuildHeaders(Transfer& t, const std::string& key) {
  if (!key.empty() && !IsHeaderToken(key, 256)) {
    return MakeError(absl::StatusCode::kUnauthenticated,
                     "the Kapso API key is not a well-formed token", "INVALID_API_KEY");
  }
  if (!IsHeaderToken(t.request.request_id, 128)) t.request.request_id.clear();
  if (!key.empty()) {
    t.headers = curl_slist_append(t.headers, absl::StrCat("X-API-Key: ", key).c_str());
  }
  t.headers = curl_slist_append(t.headers, "Accept: application/json");
  t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
  t.headers = curl_slist_append(t.headers, "Expect:");  // no 100-continue round trip
  if (!t.request.request_id.empty()) {
    t.headers =
        curl_slist_append(t.headers, absl::StrCat("X-Request-Id: ", t.request.request_id).c_str());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ConfigureEasy(Transfer& t, const CurlTransportOptions& options,
                           absl::Duration timeout) {
  const std::string& key = t.request.api_key.empty() ? options.api_key : t.request.api_key;
  if (absl::Status s = BuildHeaders(t, key); !s.ok()) return s;
  t.max_body_bytes = options.max_body_bytes;
  long timeout_ms = std::max<long>(1, absl::ToInt64Milliseconds(timeout));
  long connect_ms = std::min<long>(timeout_ms, absl::ToInt64Milliseconds(options.connect_timeout));
  OptionSetter set(t.easy);
  set(CURLOPT_URL, t.url.c_str(), "URL")(CURLOPT_PATH_AS_IS, 1L,
                                         "PATH_AS_IS")  // never squash "/../" in ids
      (CURLOPT_HTTPHEADER, t.headers, "HTTPHEADER")(CURLOPT_USERAGENT, options.user_agent.c_str(),
                                                    "USERAGENT")(
          CURLOPT_NOSIGNAL, 1L, "NOSIGNAL")  // timeouts must not raise SIGALRM in a server
      (CURLOPT_TIMEOUT_MS, timeout_ms, "TIMEOUT_MS")(CURLOPT_CONNECTTIMEOUT_MS, connect_ms,
                                                     "CONNECTTIMEOUT_MS")(CURLOPT_TCP_KEEPALIVE, 1L,
                                                                          "TCP_KEEPALIVE")(
          CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS), "HTTP_VERSION")(
          CURLOPT_WRITEFUNCTION, OnBody, "WRITEFUNCTION")(CURLOPT_WRITEDATA, &t, "WRITEDATA")(
          CURLOPT_HEADERFUNCTION, OnHeader, "HEADERFUNCTION")(CURLOPT_HEADERDATA, &t, "HEADERDATA")(
          CURLOPT_PREREQFUNCTION, OnPrereq, "PREREQFUNCTION")(CURLOPT_PREREQDATA, &t, "PREREQDATA")(
          CURLOPT_PRIVATE, &t, "PRIVATE");
  if (!set.status().ok()) return set.status();
  return SetMethod(t);
}

absl::Status TransferStatus(const Transfer& t, CURLcode code, bool deadline_passed) {
  if (code == CURLE_OK) return absl::OkStatus();
  Metadata metadata = {{"kapso_method", std::string(HttpMethodName(t.request.method))},
                       {"kapso_path", t.request.path},
                       {"request_sent", t.request_sent ? "true" : "false"}};
  if (t.too_large) {
    metadata.emplace_back("limit_bytes", absl::StrCat(t.max_body_bytes));
    return MakeError(absl::StatusCode::kInternal,
                     absl::StrCat("Kapso's answer is larger than the ", t.max_body_bytes,
                                  "-byte limit (--max_upstream_body_bytes); the transfer was cut"),
                     "KAPSO_RESPONSE_TOO_LARGE", metadata);
  }
  if (code == CURLE_OPERATION_TIMEDOUT && deadline_passed) {
    return MakeError(absl::StatusCode::kDeadlineExceeded,
                     "Kapso did not answer before the deadline", "KAPSO_TIMEOUT", metadata);
  }
  return MakeError(absl::StatusCode::kUnavailable,
                   absl::StrCat("cannot reach Kapso: ", curl_easy_strerror(code)),
                   "KAPSO_UNREACHABLE", metadata);
}

}  // namespace kapso::client::internal

#ifndef KAPSO_CLIENT_CURL_TRANSFER_H_
#define KAPSO_CLIENT_CURL_TRANSFER_H_

// Internal to the curl transport: one request's easy handle and buffers.

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kapso_client/curl_multi_transport.h"
#include "kapso_client/http_types.h"

namespace kapso::client::internal {

struct Transfer {
  int64_t id = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string url;
  HttpRequest request;
  CallOptions options;
  HttpCallback done;
  HttpResponse response;
  int64_t cancel_handle = 0;
  // Set by CURLOPT_PREREQFUNCTION once a connection is up and the request is
  // about to be written: from then on a write may have reached Kapso.
  bool request_sent = false;
  // Limits on what Kapso may send back (CurlTransportOptions): past them the
  // write or header callback aborts the transfer, so a hostile or broken
  // upstream cannot make the process hold more than this per transfer.
  size_t max_body_bytes = 0;
  size_t header_bytes = 0;
  bool too_large = false;

  ~Transfer();
};

// Configures `transfer.easy` for `transfer.request`; returns the first
// curl_easy_setopt failure.
absl::Status ConfigureEasy(Transfer& transfer, const CurlTransportOptions& options,
                           absl::Duration timeout);

// The status of a finished transfer: OK, or the transport failure as
// UNAVAILABLE (KAPSO_UNREACHABLE), DEADLINE_EXCEEDED (KAPSO_TIMEOUT) or
// INTERNAL (KAPSO_RESPONSE_TOO_LARGE), with "request_sent" in its ErrorInfo
// metadata.
absl::Status TransferStatus(const Transfer& transfer, CURLcode code, bool deadline_passed);

// "curl_easy_setopt(CURLOPT_URL): <curl's words>" style status.
absl::Status CurlError(absl::string_view where, CURLcode code);

}  // namespace kapso::client::internal

#endif  // KAPSO_CLIENT_CURL_TRANSFER_H_

// Kapso's HTTP answers -> absl::Status (kapso_client/http_status_mapping.h):
// any status, headers (Retry-After, X-Request-Id) and body. The input is a
// tiny HTTP response: the status on the first line, "name: value" header
// lines, an empty line, then the body.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "fuzz/fuzz_input.h"
#include "kapso_client/http_status_mapping.h"
#include "kapso_client/status_details.h"

namespace {

// Fills `response` from the input; returns false when the status line is not
// a number.
bool ParseResponse(const std::string& text, kapso::client::HttpResponse* response) {
  size_t end = text.find("\n\n");
  std::string head = text.substr(0, end);
  response->body = end == std::string::npos ? "" : text.substr(end + 2);
  auto lines = kapso::fuzz::SplitInput(head, '\n');
  if (!absl::SimpleAtoi(lines[0], &response->status)) return false;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t colon = lines[i].find(':');
    if (colon == std::string::npos) continue;
    std::string name = absl::AsciiStrToLower(lines[i].substr(0, colon));
    response->headers[name] = std::string(absl::StripAsciiWhitespace(lines[i].substr(colon + 1)));
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kapso::client::HttpResponse response;
  if (!ParseResponse(kapso::fuzz::AsText(data, size), &response)) return 0;
  kapso::client::HttpRequest request;
  request.path = "/whatsapp/messages/wamid.1";
  absl::Status status = kapso::client::StatusFromHttpResponse(request, response);
  bool success = response.status >= 200 && response.status <= 299;
  KAPSO_FUZZ_CHECK(status.ok() == success);
  if (!success) {
    KAPSO_FUZZ_CHECK(absl::StartsWith(kapso::client::ErrorReason(status), "KAPSO_"));
    KAPSO_FUZZ_CHECK(!status.message().empty());
  }
  absl::Time now = absl::FromUnixSeconds(1'750'000'000);
  auto delay = kapso::client::ParseRetryAfter(response, now);
  if (delay.has_value()) KAPSO_FUZZ_CHECK(*delay >= absl::ZeroDuration());
  return 0;
}

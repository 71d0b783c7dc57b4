#include "kapso_client/kapso_endpoints.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace kapso::client {

namespace {

// Every path the resource files (messages.h, webhooks.h, ...) build, with "{id}" for an id segment.
// Metric labels come from this closed set only: ids are chosen by callers, and one label value per
// id would grow the metrics without bound.
constexpr absl::string_view kEndpointTemplates[] = {
    "/whatsapp/phone_numbers",
    "/whatsapp/phone_numbers/{id}/health",
    "/whatsapp/phone_numbers/{id}/webhooks",
    "/whatsapp/phone_numbers/{id}/webhooks/{id}",
    "/whatsapp/webhooks",
    "/whatsapp/webhooks/{id}",
    "/whatsapp/webhooks/{id}/test",
    "/whatsapp/messages",
    "/whatsapp/messages/{id}",
    "/whatsapp/conversations",
    "/whatsapp/conversations/{id}",
    "/api_logs",
    "/webhook_deliveries",
};

bool Matches(absl::string_view path, absl::string_view pattern) {
  std::vector<absl::string_view> segments = absl::StrSplit(path, '/');
  std::vector<absl::string_view> wanted = absl::StrSplit(pattern, '/');
  if (segments.size() != wanted.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    bool any = wanted[i] == "{id}" && !segments[i].empty();
    if (!any && segments[i] != wanted[i]) return false;
  }
  return true;
}

}  // namespace

std::string EndpointTemplate(absl::string_view path) {
  for (absl::string_view pattern : kEndpointTemplates) {
    if (Matches(path, pattern)) return std::string(pattern);
  }
  return "other";
}

bool IsPhoneNumberHealthCheck(const HttpRequest& request) {
  return request.method == HttpMethod::kGet &&
         absl::StartsWith(request.path, "/whatsapp/phone_numbers/") &&
         absl::EndsWith(request.path, "/health");
}

}  // namespace kapso::client

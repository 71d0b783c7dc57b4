// How the MessageDebug, Triage and Health RPCs are spoken to Kapso.

#include "kapso_client/kapso_requests.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "kapso_client/url_encoding.h"

namespace kapso::client {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

// Adds `key=value` unless value is empty (an unset filter).
void AddFilter(Query& query, const char* key, const std::string& value) {
  if (!value.empty()) query.emplace_back(key, value);
}

// Kapso's contact phone filters are partial matches on numbers it stores
// as Meta does, digits without '+' (its spec's examples: "14155550123"), so
// "+1415..." would match nothing: the digits alone are sent.
void AddPhoneFilter(Query& query, const std::string& value) {
  std::string digits;
  for (char c : value) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  AddFilter(query, "phone_number", digits);
}

void AddCursorPage(Query& query, const PageRequest& page) {
  query.emplace_back("limit", absl::StrCat(page.page_size));
  if (!page.cursor.empty()) query.emplace_back("after", page.cursor);
}

absl::StatusOr<HttpRequest> GetItem(const char* collection, const char* field,
                                    const std::string& id, const char* suffix = "") {
  absl::StatusOr<std::string> segment = PathSegment(field, id);
  if (!segment.ok()) return segment.status();
  return HttpRequest{HttpMethod::kGet, absl::StrCat(collection, "/", *segment, suffix)};
}

}  // namespace

absl::string_view PeriodParam(v1::Period period) {
  switch (period) {
    case v1::PERIOD_7D:
      return "7d";
    case v1::PERIOD_30D:
      return "30d";
    default:
      return "24h";
  }
}

absl::StatusOr<HttpRequest> BuildListMessages(const v1::ListMessagesRequest& request,
                                              const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/whatsapp/messages"};
  AddFilter(http.query, "phone_number_id", request.phone_number_id());
  AddFilter(http.query, "conversation_id", request.conversation_id());
  AddPhoneFilter(http.query, request.phone_number());
  AddFilter(http.query, "direction", request.direction());
  AddFilter(http.query, "status", request.status());
  AddFilter(http.query, "message_type", request.message_type());
  if (request.has_has_media()) {
    http.query.emplace_back("has_media", request.has_media() ? "true" : "false");
  }
  AddCursorPage(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildGetMessage(const v1::GetMessageRequest& request) {
  return GetItem("/whatsapp/messages", "message_id", request.message_id());
}

absl::StatusOr<HttpRequest> BuildListConversations(const v1::ListConversationsRequest& request,
                                                   const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/whatsapp/conversations"};
  AddPhoneFilter(http.query, request.phone_number());
  AddFilter(http.query, "phone_number_id", request.phone_number_id());
  AddFilter(http.query, "status", request.status());
  AddCursorPage(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildGetConversation(const v1::GetConversationRequest& request) {
  return GetItem("/whatsapp/conversations", "conversation_id", request.conversation_id());
}

absl::StatusOr<HttpRequest> BuildListApiLogs(const v1::ListApiLogsRequest& request,
                                             const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/api_logs"};
  http.query.emplace_back("period", std::string(PeriodParam(request.period())));
  AddFilter(http.query, "endpoint", request.endpoint());
  if (request.status_code() != 0) {
    http.query.emplace_back("status_code", absl::StrCat(request.status_code()));
  }
  if (request.errors_only()) http.query.emplace_back("errors_only", "true");
  AddCursorPage(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildListWebhookDeliveries(
    const v1::ListWebhookDeliveriesRequest& request, const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/webhook_deliveries"};
  http.query.emplace_back("period", std::string(PeriodParam(request.period())));
  AddFilter(http.query, "status", request.status());
  AddFilter(http.query, "event", request.event());
  AddFilter(http.query, "webhook_id", request.webhook_id());
  if (request.errors_only()) http.query.emplace_back("errors_only", "true");
  AddCursorPage(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildListPhoneNumbers(const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/whatsapp/phone_numbers"};
  http.query = {{"page", absl::StrCat(page.page)}, {"per_page", absl::StrCat(page.page_size)}};
  return http;
}

absl::StatusOr<HttpRequest> BuildPhoneNumberHealth(
    const v1::CheckPhoneNumberHealthRequest& request) {
  return GetItem("/whatsapp/phone_numbers", "phone_number_id", request.phone_number_id(),
                 "/health");
}

}  // namespace kapso::client

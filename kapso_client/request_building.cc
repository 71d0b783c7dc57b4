#include "kapso_client/request_building.h"

#include "absl/strings/str_cat.h"
#include "kapso_client/url_encoding.h"

namespace kapso::client {

void AddFilter(Query& query, const char* key, const std::string& value) {
  if (!value.empty()) query.emplace_back(key, value);
}

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

void AddPageNumber(Query& query, const PageRequest& page) {
  query.emplace_back("page", absl::StrCat(page.page));
  query.emplace_back("per_page", absl::StrCat(page.page_size));
}

absl::StatusOr<HttpRequest> ItemRequest(const char* collection, const char* field,
                                        const std::string& id, const char* suffix) {
  absl::StatusOr<std::string> segment = PathSegment(field, id);
  if (!segment.ok()) return segment.status();
  return HttpRequest{HttpMethod::kGet, absl::StrCat(collection, "/", *segment, suffix)};
}

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

}  // namespace kapso::client

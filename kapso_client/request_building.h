#ifndef KAPSO_CLIENT_REQUEST_BUILDING_H_
#define KAPSO_CLIENT_REQUEST_BUILDING_H_

// The pieces every resource's request builder is made of: filters, paging
// parameters, item paths and Kapso's period names.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kapso/ops/v1/common.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

using Query = std::vector<std::pair<std::string, std::string>>;

// Adds `key=value` unless value is empty (an unset filter).
void AddFilter(Query& query, const char* key, const std::string& value);

// Kapso's contact phone filters are partial matches on numbers it stores as
// Meta does, digits without '+' (its spec's examples: "14155550123"), so
// "+1415..." would match nothing: the digits alone are sent.
void AddPhoneFilter(Query& query, const std::string& value);

// A cursor list's `limit` and `after`.
void AddCursorPage(Query& query, const PageRequest& page);

// A page-numbered list's `page` and `per_page`.
void AddPageNumber(Query& query, const PageRequest& page);

// GET `collection`/{id}`suffix`, the id one percent-encoded path segment
// (an empty or oversized id is INVALID_ARGUMENT naming `field`).
absl::StatusOr<HttpRequest> ItemRequest(const char* collection, const char* field,
                                        const std::string& id, const char* suffix = "");

// "24h", "7d", "30d" (UNSPECIFIED is Kapso's default, 24h).
absl::string_view PeriodParam(v1::Period period);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_REQUEST_BUILDING_H_

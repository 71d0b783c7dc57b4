// Kapso's cursor paging (messages, conversations, api_logs,
// webhook_deliveries): `limit` 1-100 (default 20), opaque Base64 `after` /
// `before` cursors, and the answer's {"paging": {"cursors": {before, after},
// "next", "previous"}} with null next/previous at the ends. The legacy
// `page`/`per_page` is still accepted, capped at page <= 50 and
// page * per_page <= 5000 (else 400 legacy_offset_pagination_limit_exceeded).
#ifndef SANDBOX_CURSOR_PAGING_H_
#define SANDBOX_CURSOR_PAGING_H_

#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sandbox/json_filter.h"
#include "sandbox/record.h"

namespace kapso::sandbox {

// A position in a newest-first list: (time, id), compared in that order.
struct CursorKey {
  absl::Time time;
  std::string id;
};

struct CursorRequest {
  int limit = 20;
  std::optional<CursorKey> after;
  std::optional<CursorKey> before;
  std::optional<int> legacy_offset;  // set when page/per_page were sent
};

// Reads limit/after/before or the legacy page/per_page. Errors are 400.
absl::StatusOr<CursorRequest> ParseCursorRequest(const httplib::Request& req);

// The opaque cursor of `record`, like Kapso's: Base64 of
// {"values": [time, id], "columns": [column, "id"]}.
std::string EncodeCursor(const Record& record, absl::string_view column);

// The answer {"data": [...], "paging": {...}} for one page of `rows`, which
// must be sorted newest first by (sort_time, id).
std::string CursorPageBody(const std::vector<const Record*>& rows, const CursorRequest& request,
                           absl::string_view column);

// Answers a cursor-paged list: the records `filter` keeps (and, with
// `since`, only those whose cursor column is not older), paged as the
// request asks. Returns the filter's or the paging's error.
absl::Status WriteCursorList(const httplib::Request& req, httplib::Response& res,
                             const std::vector<Record>& records,
                             const absl::StatusOr<JsonFilter>& filter, absl::string_view column,
                             absl::Time since = absl::InfinitePast());

}  // namespace kapso::sandbox

#endif  // SANDBOX_CURSOR_PAGING_H_

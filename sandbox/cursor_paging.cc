#include "sandbox/cursor_paging.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "sandbox/api_error.h"
#include "sandbox/http_json.h"
#include "sandbox/query_params.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

constexpr int kMaxLimit = 100;
constexpr int kLegacyMaxPage = 50;
constexpr int kLegacyMaxOffset = 5000;

// Newest first: a row comes earlier in the list when its key is greater.
bool KeyLess(absl::Time a_time, const std::string& a_id, const CursorKey& b) {
  return a_time < b.time || (a_time == b.time && a_id < b.id);
}
bool KeyGreater(absl::Time a_time, const std::string& a_id, const CursorKey& b) {
  return b.time < a_time || (a_time == b.time && b.id < a_id);
}

absl::StatusOr<std::optional<CursorKey>> DecodeCursor(const httplib::Request& req,
                                                      const char* name) {
  std::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return std::optional<CursorKey>();
  std::string decoded;
  if (!absl::Base64Unescape(*text, &decoded) && !absl::WebSafeBase64Unescape(*text, &decoded)) {
    return ApiError(400, absl::StrCat("Invalid cursor: ", name));
  }
  json cursor = json::parse(decoded, nullptr, /*allow_exceptions=*/false);
  const json* values =
      cursor.is_object() && cursor.contains("values") ? &cursor["values"] : nullptr;
  if (values == nullptr || !values->is_array() || values->size() != 2 ||
      !(*values)[0].is_string() || !(*values)[1].is_string()) {
    return ApiError(400, absl::StrCat("Invalid cursor: ", name));
  }
  std::optional<absl::Time> time = ParseTime((*values)[0].get<std::string>());
  if (!time.has_value()) return ApiError(400, absl::StrCat("Invalid cursor: ", name));
  return std::optional<CursorKey>(CursorKey{*time, (*values)[1].get<std::string>()});
}

// The legacy page/per_page, which Kapso still honours within its caps.
absl::Status ParseLegacy(const httplib::Request& req, CursorRequest& out) {
  absl::StatusOr<std::optional<int>> page = IntParam(req, "page", 400);
  if (!page.ok()) return page.status();
  absl::StatusOr<std::optional<int>> per_page = IntParam(req, "per_page", 400);
  if (!per_page.ok()) return per_page.status();
  int p = page->value_or(1);
  int n = per_page->value_or(out.limit);
  if (p < 1 || n < 1) return ApiError(400, "page and per_page must be >= 1");
  if (p > kLegacyMaxPage || static_cast<int64_t>(p) * n > kLegacyMaxOffset) {
    return ApiErrorWithMessage(400, "Offset pagination is limited; use cursor pagination",
                               "legacy_offset_pagination_limit_exceeded");
  }
  out.limit = n;
  out.legacy_offset = (p - 1) * n;
  return absl::OkStatus();
}

json PagingJson(const std::vector<const Record*>& rows, size_t begin, size_t end,
                absl::string_view column) {
  json cursors = json::object();
  json paging = {{"next", nullptr}, {"previous", nullptr}};
  if (begin < end) {
    std::string first = EncodeCursor(*rows[begin], column);
    std::string last = EncodeCursor(*rows[end - 1], column);
    cursors = {{"before", first}, {"after", last}};
    if (begin > 0) paging["previous"] = first;
    if (end < rows.size()) paging["next"] = last;
  }
  paging["cursors"] = std::move(cursors);
  return paging;
}

}  // namespace

absl::StatusOr<CursorRequest> ParseCursorRequest(const httplib::Request& req) {
  CursorRequest out;
  absl::StatusOr<std::optional<int>> limit = IntParam(req, "limit", 400);
  if (!limit.ok()) return limit.status();
  if (limit->has_value()) {
    if (**limit < 1 || **limit > kMaxLimit) {
      return ApiError(400, "limit must be between 1 and 100");
    }
    out.limit = **limit;
  }
  absl::StatusOr<std::optional<CursorKey>> after = DecodeCursor(req, "after");
  if (!after.ok()) return after.status();
  absl::StatusOr<std::optional<CursorKey>> before = DecodeCursor(req, "before");
  if (!before.ok()) return before.status();
  if (after->has_value() && before->has_value()) {
    return ApiError(400, "Use either after or before, not both");
  }
  out.after = *std::move(after);
  out.before = *std::move(before);
  bool legacy = req.has_param("page") || req.has_param("per_page");
  if (legacy && !out.after && !out.before) {
    absl::Status status = ParseLegacy(req, out);
    if (!status.ok()) return status;
  }
  return out;
}

std::string EncodeCursor(const Record& record, absl::string_view column) {
  json cursor = {{"values", {FormatUtcMicros(record.sort_time), record.id}},
                 {"columns", {std::string(column), "id"}}};
  return absl::Base64Escape(cursor.dump());
}

std::string CursorPageBody(const std::vector<const Record*>& rows, const CursorRequest& request,
                           absl::string_view column) {
  size_t n = rows.size();
  size_t limit = static_cast<size_t>(request.limit);
  size_t begin = 0;
  size_t end = 0;
  if (request.before.has_value()) {
    const CursorKey& key = *request.before;
    end = std::partition_point(
              rows.begin(), rows.end(),
              [&](const Record* r) { return KeyGreater(r->sort_time, r->id, key); }) -
          rows.begin();
    begin = end > limit ? end - limit : 0;
  } else {
    if (request.after.has_value()) {
      const CursorKey& key = *request.after;
      begin = std::partition_point(
                  rows.begin(), rows.end(),
                  [&](const Record* r) { return !KeyLess(r->sort_time, r->id, key); }) -
              rows.begin();
    } else {
      begin = std::min<size_t>(request.legacy_offset.value_or(0), n);
    }
    end = std::min(n, begin + limit);
  }
  std::string body = "{\"data\":[";
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) body += ',';
    body += rows[i]->serialized;
  }
  absl::StrAppend(&body, "],\"paging\":", PagingJson(rows, begin, end, column).dump(), "}");
  return body;
}

absl::Status WriteCursorList(const httplib::Request& req, httplib::Response& res,
                             const std::vector<Record>& records,
                             const absl::StatusOr<JsonFilter>& filter, absl::string_view column,
                             absl::Time since) {
  absl::StatusOr<CursorRequest> request = ParseCursorRequest(req);
  if (!request.ok()) return request.status();
  if (!filter.ok()) return filter.status();
  WriteRawJson(res, 200, CursorPageBody(Select(records, *filter, since), *request, column));
  return absl::OkStatus();
}

}  // namespace kapso::sandbox

// Query-parameter filters over JSON resources, built declaratively:
//
//   JsonFilterBuilder b(req);
//   b.Exact("phone_number_id", "/kapso/phone_number_id")
//    .OneOf("direction", "/kapso/direction", {"inbound", "outbound"});
//   absl::StatusOr<JsonFilter> filter = b.Build();
//
// A parameter that is absent adds no condition; a malformed one makes Build()
// fail with 422 (the first problem found).
#ifndef SANDBOX_JSON_FILTER_H_
#define SANDBOX_JSON_FILTER_H_

#include <functional>
#include <string>
#include <vector>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sandbox/record.h"

namespace kapso::sandbox {

using JsonPredicate = std::function<bool(const nlohmann::json&)>;

// All conditions must hold.
class JsonFilter {
 public:
  explicit JsonFilter(std::vector<JsonPredicate> predicates) : predicates_(std::move(predicates)) {}
  bool Matches(const nlohmann::json& item) const;

 private:
  std::vector<JsonPredicate> predicates_;
};

class JsonFilterBuilder {
 public:
  explicit JsonFilterBuilder(const httplib::Request& req) : req_(req) {}

  // The string at `pointer` equals the parameter.
  JsonFilterBuilder& Exact(const char* param, const char* pointer);
  // The string at `pointer` contains the parameter (case-insensitive).
  JsonFilterBuilder& Contains(const char* param, const char* pointer);
  // Phone numbers: the digits at `pointer` contain the parameter's digits, so
  // "+1 555-010" and "1555010" both match "15550100101".
  JsonFilterBuilder& DigitsContain(const char* param, const char* pointer);
  // Exact, but the parameter must be one of `allowed`.
  JsonFilterBuilder& OneOf(const char* param, const char* pointer,
                           std::vector<std::string> allowed);
  JsonFilterBuilder& BoolEquals(const char* param, const char* pointer);
  JsonFilterBuilder& IntEquals(const char* param, const char* pointer);
  // The RFC 3339 time at `pointer` is after / before the parameter.
  JsonFilterBuilder& TimeAfter(const char* param, const char* pointer);
  JsonFilterBuilder& TimeBefore(const char* param, const char* pointer);
  // When boolean `param` is true, `predicate` must hold (`errors_only`).
  JsonFilterBuilder& WhenTrue(const char* param, JsonPredicate predicate);

  absl::StatusOr<JsonFilter> Build();

 private:
  void Fail(absl::Status status);

  const httplib::Request& req_;
  std::vector<JsonPredicate> predicates_;
  absl::Status status_;  // the first parameter found malformed
};

// The records `filter` keeps whose sort_time is not before `since`, in
// their order.
std::vector<const Record*> Select(const std::vector<Record>& records, const JsonFilter& filter,
                                  absl::Time since = absl::InfinitePast());

// Object keys from the root, parsed once from a pointer like "/kapso/status".
using JsonPath = std::vector<std::string>;
JsonPath ParsePath(absl::string_view pointer);

// The value at `path`, or null when absent.
const nlohmann::json* ValueAt(const nlohmann::json& item, const JsonPath& path);

// The string at `path`, or "" when absent or not a string.
absl::string_view StringAt(const nlohmann::json& item, const JsonPath& path);

}  // namespace kapso::sandbox

#endif  // SANDBOX_JSON_FILTER_H_

#include "sandbox/json_filter.h"

#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "sandbox/api_error.h"
#include "sandbox/query_params.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

std::string DigitsOf(absl::string_view text) {
  std::string digits;
  for (char c : text) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits;
}

}  // namespace

JsonPath ParsePath(absl::string_view pointer) {
  return absl::StrSplit(pointer, '/', absl::SkipEmpty());
}

const json* ValueAt(const json& item, const JsonPath& path) {
  const json* value = &item;
  for (const std::string& key : path) {
    if (!value->is_object()) return nullptr;
    auto it = value->find(key);
    if (it == value->end()) return nullptr;
    value = &*it;
  }
  return value;
}

absl::string_view StringAt(const json& item, const JsonPath& path) {
  const json* value = ValueAt(item, path);
  if (value == nullptr || !value->is_string()) return "";
  return value->get_ref<const std::string&>();
}

bool JsonFilter::Matches(const json& item) const {
  for (const JsonPredicate& predicate : predicates_) {
    if (!predicate(item)) return false;
  }
  return true;
}

void JsonFilterBuilder::Fail(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
}

JsonFilterBuilder& JsonFilterBuilder::Exact(const char* param, const char* pointer) {
  std::optional<std::string> want = StringParam(req_, param);
  if (!want.has_value()) return *this;
  predicates_.push_back(
      [p = ParsePath(pointer), w = *want](const json& item) { return StringAt(item, p) == w; });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::Contains(const char* param, const char* pointer) {
  std::optional<std::string> want = StringParam(req_, param);
  if (!want.has_value()) return *this;
  predicates_.push_back(
      [p = ParsePath(pointer), w = absl::AsciiStrToLower(*want)](const json& item) {
        return absl::StrContains(absl::AsciiStrToLower(std::string(StringAt(item, p))), w);
      });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::DigitsContain(const char* param, const char* pointer) {
  std::optional<std::string> want = StringParam(req_, param);
  if (!want.has_value()) return *this;
  predicates_.push_back([p = ParsePath(pointer), w = DigitsOf(*want)](const json& item) {
    return absl::StrContains(DigitsOf(StringAt(item, p)), w);
  });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::OneOf(const char* param, const char* pointer,
                                            std::vector<std::string> allowed) {
  std::optional<std::string> want = StringParam(req_, param);
  if (!want.has_value()) return *this;
  for (const std::string& value : allowed) {
    if (value == *want) return Exact(param, pointer);
  }
  Fail(ApiError(422, absl::StrCat(param, " must be one of ", absl::StrJoin(allowed, ", "))));
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::BoolEquals(const char* param, const char* pointer) {
  absl::StatusOr<std::optional<bool>> want = BoolParam(req_, param);
  if (!want.ok()) Fail(want.status());
  if (!want.ok() || !want->has_value()) return *this;
  predicates_.push_back([p = ParsePath(pointer), w = **want](const json& item) {
    const json* value = ValueAt(item, p);
    return value != nullptr && value->is_boolean() && value->get<bool>() == w;
  });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::IntEquals(const char* param, const char* pointer) {
  absl::StatusOr<std::optional<int>> want = IntParam(req_, param, 422);
  if (!want.ok()) Fail(want.status());
  if (!want.ok() || !want->has_value()) return *this;
  predicates_.push_back([p = ParsePath(pointer), w = **want](const json& item) {
    const json* value = ValueAt(item, p);
    return value != nullptr && value->is_number_integer() && value->get<int>() == w;
  });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::TimeAfter(const char* param, const char* pointer) {
  absl::StatusOr<std::optional<absl::Time>> bound = TimeParam(req_, param);
  if (!bound.ok()) Fail(bound.status());
  if (!bound.ok() || !bound->has_value()) return *this;
  // Stored times share FormatUtc's layout, so strings compare as times.
  predicates_.push_back([p = ParsePath(pointer), b = FormatUtc(**bound)](const json& item) {
    return StringAt(item, p) > b;
  });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::TimeBefore(const char* param, const char* pointer) {
  absl::StatusOr<std::optional<absl::Time>> bound = TimeParam(req_, param);
  if (!bound.ok()) Fail(bound.status());
  if (!bound.ok() || !bound->has_value()) return *this;
  predicates_.push_back([p = ParsePath(pointer), b = FormatUtc(**bound)](const json& item) {
    return StringAt(item, p) < b;
  });
  return *this;
}

JsonFilterBuilder& JsonFilterBuilder::WhenTrue(const char* param, JsonPredicate predicate) {
  absl::StatusOr<std::optional<bool>> on = BoolParam(req_, param);
  if (!on.ok()) Fail(on.status());
  if (on.ok() && on->value_or(false)) predicates_.push_back(std::move(predicate));
  return *this;
}

absl::StatusOr<JsonFilter> JsonFilterBuilder::Build() {
  if (!status_.ok()) return status_;
  return JsonFilter(std::move(predicates_));
}

std::vector<const Record*> Select(const std::vector<Record>& records, const JsonFilter& filter,
                                  absl::Time since) {
  std::vector<const Record*> selected;
  selected.reserve(records.size());
  for (const Record& record : records) {
    if (record.sort_time < since) continue;
    if (filter.Matches(record.json)) selected.push_back(&record);
  }
  return selected;
}

}  // namespace kapso::sandbox

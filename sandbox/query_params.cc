#include "sandbox/query_params.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "sandbox/api_error.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {

std::optional<std::string> StringParam(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  std::string value = req.get_param_value(name);
  if (value.empty()) return std::nullopt;
  return value;
}

absl::StatusOr<std::optional<int>> IntParam(const httplib::Request& req, const char* name,
                                            int error_code) {
  std::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return std::optional<int>();
  int value = 0;
  if (!absl::SimpleAtoi(*text, &value)) {
    return ApiError(error_code, absl::StrCat(name, " must be an integer"));
  }
  return std::optional<int>(value);
}

absl::StatusOr<std::optional<bool>> BoolParam(const httplib::Request& req, const char* name) {
  std::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return std::optional<bool>();
  if (*text == "true" || *text == "1") return std::optional<bool>(true);
  if (*text == "false" || *text == "0") return std::optional<bool>(false);
  return ApiError(422, absl::StrCat(name, " must be true or false"));
}

absl::StatusOr<std::optional<absl::Time>> TimeParam(const httplib::Request& req, const char* name) {
  std::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return std::optional<absl::Time>();
  std::optional<absl::Time> t = ParseTime(*text);
  if (!t.has_value()) {
    return ApiError(422, absl::StrCat(name, " must be an RFC 3339 time"));
  }
  return t;
}

absl::StatusOr<absl::Duration> PeriodParam(const httplib::Request& req) {
  std::optional<std::string> text = StringParam(req, "period");
  if (!text.has_value() || *text == "24h") return absl::Hours(24);
  if (*text == "7d") return absl::Hours(24 * 7);
  if (*text == "30d") return absl::Hours(24 * 30);
  return ApiError(422, "period must be one of 24h, 7d, 30d");
}

}  // namespace kapso::sandbox

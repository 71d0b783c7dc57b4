#include "sandbox/query_params.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "sandbox/api_error.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {

absl::optional<std::string> StringParam(const httplib::Request& req,
                                        const char* name) {
  if (!req.has_param(name)) return absl::nullopt;
  std::string value = req.get_param_value(name);
  if (value.empty()) return absl::nullopt;
  return value;
}

absl::StatusOr<absl::optional<int>> IntParam(const httplib::Request& req,
                                             const char* name, int error_code) {
  absl::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return absl::optional<int>();
  int value = 0;
  if (!absl::SimpleAtoi(*text, &value)) {
    return ApiError(error_code, absl::StrCat(name, " must be an integer"));
  }
  return absl::optional<int>(value);
}

absl::StatusOr<absl::optional<bool>> BoolParam(const httplib::Request& req,
                                               const char* name) {
  absl::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return absl::optional<bool>();
  if (*text == "true" || *text == "1") return absl::optional<bool>(true);
  if (*text == "false" || *text == "0") return absl::optional<bool>(false);
  return ApiError(422, absl::StrCat(name, " must be true or false"));
}

absl::StatusOr<absl::optional<absl::Time>> TimeParam(
    const httplib::Request& req, const char* name) {
  absl::optional<std::string> text = StringParam(req, name);
  if (!text.has_value()) return absl::optional<absl::Time>();
  absl::optional<absl::Time> t = ParseTime(*text);
  if (!t.has_value()) {
    return ApiError(422, absl::StrCat(name, " must be an RFC 3339 time"));
  }
  return t;
}

absl::StatusOr<absl::Duration> PeriodParam(const httplib::Request& req) {
  absl::optional<std::string> text = StringParam(req, "period");
  if (!text.has_value() || *text == "24h") return absl::Hours(24);
  if (*text == "7d") return absl::Hours(24 * 7);
  if (*text == "30d") return absl::Hours(24 * 30);
  return ApiError(422, "period must be one of 24h, 7d, 30d");
}

}  // namespace kapso::sandbox

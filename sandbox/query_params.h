// Typed reads of query parameters. A parameter that is absent or empty reads
// as "not given"; one that is present but malformed is an error with the HTTP
// code the caller chooses (400 for paging, 422 for filters).
#ifndef SANDBOX_QUERY_PARAMS_H_
#define SANDBOX_QUERY_PARAMS_H_

#include <optional>
#include <string>

#include <httplib.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kapso::sandbox {

std::optional<std::string> StringParam(const httplib::Request& req, const char* name);

absl::StatusOr<std::optional<int>> IntParam(const httplib::Request& req, const char* name,
                                            int error_code);

// true/false (also 1/0).
absl::StatusOr<std::optional<bool>> BoolParam(const httplib::Request& req, const char* name);

// An RFC 3339 time.
absl::StatusOr<std::optional<absl::Time>> TimeParam(const httplib::Request& req, const char* name);

// `period` of api_logs and webhook_deliveries: 24h (default), 7d or 30d.
absl::StatusOr<absl::Duration> PeriodParam(const httplib::Request& req);

}  // namespace kapso::sandbox

#endif  // SANDBOX_QUERY_PARAMS_H_

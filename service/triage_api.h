#ifndef SERVICE_TRIAGE_API_H_
#define SERVICE_TRIAGE_API_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "kapso/ops/v1/triage.pb.h"

namespace kapso::service {

// `path` with its ids replaced by "{id}" (segments of digits, UUIDs, and
// wamid.* message ids), so calls to the same endpoint group together; the
// query string is dropped.
std::string EndpointTemplate(absl::string_view path);

// Failed API calls (HTTP status >= 400) grouped by status and endpoint
// template, one finding per group, classed as auth (401/403: HIGH), rate
// limit (429: MEDIUM), upstream failure (5xx: MEDIUM) or caller error
// (other 4xx: LOW). Successful calls are ignored.
std::vector<ops::v1::Finding> ApiErrorFindings(
    const google::protobuf::RepeatedPtrField<ops::v1::ApiLog>& logs);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_API_H_

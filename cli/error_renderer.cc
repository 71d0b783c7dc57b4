#include "cli/error_renderer.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/cli_status.h"
#include "cli/json_text.h"
#include "common/json_quote.h"
#include "google/protobuf/any.pb.h"
#include "google/protobuf/util/time_util.h"
#include "google/rpc/error_details.pb.h"
#include "kapso_client/upstream_text.h"

namespace kapso::cli {
namespace {

using google::protobuf::Any;

// Server text as it may reach a terminal: no control characters or escape
// sequences (a hostile upstream's text could otherwise rewrite the screen).
std::string Clean(absl::string_view text) { return client::SanitizeUpstreamText(text, 16 * 1024); }

// The details to show: the server's, or a BadRequest naming the flag of a
// usage error, so both kinds of error read the same way to a script.
std::vector<Any> DetailsOf(const absl::Status& status) {
  std::vector<Any> details;
  if (std::optional<google::rpc::Status> rpc = RpcStatusOf(status)) {
    details.assign(rpc->details().begin(), rpc->details().end());
  } else if (std::string flag = UsageErrorFlag(status); !flag.empty()) {
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field(absl::StrCat("--", flag));
    violation->set_description(std::string(status.message()));
    details.emplace_back().PackFrom(bad_request);
  }
  return details;
}

std::string ErrorInfoText(const google::rpc::ErrorInfo& info) {
  std::vector<std::string> metadata;
  for (const auto& [key, value] : info.metadata()) {
    metadata.push_back(absl::StrCat(Clean(key), "=", Clean(value)));
  }
  std::sort(metadata.begin(), metadata.end());
  return absl::StrCat("reason: ", Clean(info.reason()), " (", Clean(info.domain()), ") ",
                      absl::StrJoin(metadata, " "));
}

std::string DetailText(const Any& any) {
  google::rpc::ErrorInfo info;
  google::rpc::RetryInfo retry;
  google::rpc::BadRequest bad_request;
  if (any.UnpackTo(&info)) return ErrorInfoText(info);
  if (any.UnpackTo(&retry)) {
    return absl::StrCat("retry after: ",
                        google::protobuf::util::TimeUtil::ToString(retry.retry_delay()));
  }
  if (any.UnpackTo(&bad_request)) {
    std::vector<std::string> lines;
    for (const auto& v : bad_request.field_violations()) {
      lines.push_back(absl::StrCat("field ", Clean(v.field()), ": ", Clean(v.description())));
    }
    return absl::StrJoin(lines, "\n  ");
  }
  return Clean(MessageToCompactJson(any));
}

}  // namespace

std::string RenderErrorJson(const absl::Status& status) {
  std::vector<std::string> details;
  for (const Any& any : DetailsOf(status)) {
    details.push_back(MessageToCompactJson(any));
  }
  return absl::StrCat(R"({"ok":false,"error":{"code":)", JsonQuote(ErrorCodeName(status)),
                      R"(,"message":)", JsonQuote(status.message()), R"(,"details":[)",
                      absl::StrJoin(details, ","), "]}}\n");
}

std::string RenderErrorText(const absl::Status& status) {
  std::string text =
      absl::StrCat("kapso-ops: ", ErrorCodeName(status), ": ", Clean(status.message()), "\n");
  if (IsUsageError(status)) return text;  // The flag is already named.
  for (const Any& any : DetailsOf(status)) {
    absl::StrAppend(&text, "  ", DetailText(any), "\n");
  }
  return text;
}

}  // namespace kapso::cli

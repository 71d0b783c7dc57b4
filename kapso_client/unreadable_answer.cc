#include "kapso_client/unreadable_answer.h"

#include "absl/strings/str_cat.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

void AddAnswerMetadata(absl::Status& status, HttpMethod method, const std::string& path,
                       const HttpResponse& response) {
  SetErrorMetadata(status, "http_status", absl::StrCat(response.status));
  SetErrorMetadata(status, "kapso_method", HttpMethodName(method));
  SetErrorMetadata(status, "kapso_path", path);
  if (const std::string* id = response.Header("x-request-id")) {
    SetErrorMetadata(status, "kapso_request_id", *id);
  }
}

}  // namespace kapso::client

#ifndef KAPSO_CLIENT_UNREADABLE_ANSWER_H_
#define KAPSO_CLIENT_UNREADABLE_ANSWER_H_

#include "absl/status/status.h"
#include "kapso_client/http_types.h"

namespace kapso::client {

// A 2xx answer whose body could not be read (KAPSO_BAD_RESPONSE) gets the
// same ErrorInfo metadata as every other Kapso failure: http_status,
// kapso_method, kapso_path and, when Kapso sent one, kapso_request_id.
void AddAnswerMetadata(absl::Status& status, HttpMethod method, const std::string& path,
                       const HttpResponse& response);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_UNREADABLE_ANSWER_H_

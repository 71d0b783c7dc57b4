#include "kapso_client/kapso_client.h"

#include "absl/strings/str_cat.h"
#include "kapso_client/http_status_mapping.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
namespace {

bool MayHaveReachedKapso(const absl::Status& status) {
  if (auto info = GetErrorInfo(status); info.has_value()) {
    auto it = info->metadata().find("http_status");
    if (it != info->metadata().end()) return true;  // Kapso answered (5xx)
    it = info->metadata().find("request_sent");
    return it != info->metadata().end() && it->second == "true";
  }
  return false;
}

// A failed write Kapso may have applied: same code, but a reason and a
// message that tell the caller to look before writing again.
absl::Status MarkOutcomeUnknown(absl::Status status) {
  auto info = GetErrorInfo(status);
  absl::Status marked = MakeError(
      status.code(),
      absl::StrCat(status.message(),
                   " (the change may or may not have been applied by Kapso: read it back "
                   "before trying again)"),
      "KAPSO_OUTCOME_UNKNOWN");
  if (info.has_value()) {
    for (const auto& [key, value] : info->metadata()) SetErrorMetadata(marked, key, value);
  }
  return marked;
}

}  // namespace

void KapsoClient::Send(absl::StatusOr<HttpRequest> request, const RequestContext& context,
                       Done<HttpResponse> done) {
  SendOnTransportThread(
      std::move(request), context,
      [this, done = std::move(done)](absl::StatusOr<HttpResponse> response) mutable {
        OffTransportThread([response = std::move(response), done = std::move(done)]() mutable {
          std::move(done)(std::move(response));
        });
      });
}

void KapsoClient::SendOnTransportThread(absl::StatusOr<HttpRequest> request,
                                        const RequestContext& context, Done<HttpResponse> done) {
  if (!request.ok()) return std::move(done)(request.status());
  request->api_key = context.api_key;
  request->request_id = context.request_id;
  HttpRequest sent = *request;  // kept for the error mapping
  transport_->Send(
      *std::move(request), context.options,
      [sent = std::move(sent), done = std::move(done)](
          absl::StatusOr<HttpResponse> response) mutable {
        absl::Status status =
            response.ok() ? StatusFromHttpResponse(sent, *response) : response.status();
        if (status.ok()) return std::move(done)(std::move(response));
        const bool server_error = status.code() == absl::StatusCode::kUnavailable ||
                                  status.code() == absl::StatusCode::kDeadlineExceeded ||
                                  status.code() == absl::StatusCode::kCancelled;
        if (!IsIdempotent(sent.method) && server_error && MayHaveReachedKapso(status)) {
          status = MarkOutcomeUnknown(std::move(status));
        }
        std::move(done)(std::move(status));
      });
}

}  // namespace kapso::client

#include "kapso_client/kapso_client.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "kapso_client/json_depth.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
namespace {

bool MayHaveReachedKapso(const absl::Status& status) {
  if (auto info = GetErrorInfo(status); info.has_value()) {
    auto it = info->metadata().find("http_status");
    if (it != info->metadata().end()) return true;  // Kapso answered (5xx, unreadable 2xx)
    it = info->metadata().find("request_sent");
    return it != info->metadata().end() && it->second == "true";
  }
  return false;
}

// A failed write Kapso may have applied: same code, but a reason and a
// message that tell the caller to look before writing again.
absl::Status MarkOutcomeUnknown(absl::Status status) {
  auto info = GetErrorInfo(status);
  absl::Status marked =
      MakeError(status.code(),
                absl::StrCat(status.message(),
                             " (the change may or may not have been applied by Kapso: read it back "
                             "before trying again)"),
                "KAPSO_OUTCOME_UNKNOWN");
  if (info.has_value()) {
    for (const auto& [key, value] : info->metadata()) SetErrorMetadata(marked, key, value);
  }
  return marked;
}

// The "id" of {"data": {"id": ...}} or {"id": ...}, when the body is JSON
// that has one: the resource a write created even though its answer was
// otherwise unreadable.
std::string ResourceId(const std::string& body) {
  google::protobuf::Struct parsed;
  google::protobuf::util::JsonParseOptions options;
  if (!google::protobuf::util::JsonStringToMessage(body, &parsed, options).ok()) return "";
  const google::protobuf::Struct* object = &parsed;
  auto data = parsed.fields().find("data");
  if (data != parsed.fields().end() && data->second.has_struct_value()) {
    object = &data->second.struct_value();
  }
  auto id = object->fields().find("id");
  return id != object->fields().end() && id->second.has_string_value() ? id->second.string_value()
                                                                       : "";
}

// A singular "data" message field left unset by a non-empty body: Kapso
// answered {"data": null} or without data where a resource was due.
bool MissingData(const HttpResponse& response, const google::protobuf::Message& out) {
  const auto* field = out.GetDescriptor()->FindFieldByName("data");
  return !response.body.empty() && field != nullptr && !field->is_repeated() &&
         field->message_type() != nullptr && !out.GetReflection()->HasField(out, field);
}

// Removes `secret` from the message and ErrorInfo metadata of `status`.
absl::Status WithoutSecret(absl::Status status, const std::string& secret) {
  if (secret.empty() || status.ok()) return status;
  auto redact = [&](absl::string_view text) {
    return absl::StrReplaceAll(text, {{secret, "[redacted]"}});
  };
  absl::Status clean(status.code(), redact(status.message()));
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    clean.SetPayload(type_url, payload);
  });
  if (auto info = GetErrorInfo(status); info.has_value()) {
    for (const auto& [key, value] : info->metadata()) SetErrorMetadata(clean, key, redact(value));
  }
  return clean;
}

}  // namespace

HttpRequest KapsoClient::Summary(const absl::StatusOr<HttpRequest>& request) {
  HttpRequest summary;
  if (request.ok()) {
    summary.method = request->method;
    summary.path = request->path;
  }
  return summary;
}

absl::Status KapsoClient::ParseAnswer(const HttpRequest& request, const HttpResponse& response,
                                      google::protobuf::Message* out) {
  absl::Status status = ParseResponse(response, out);
  if (status.ok() && MissingData(response, *out)) {
    status = MakeError(absl::StatusCode::kInternal,
                       "Kapso answered without the \"data\" object kapso-ops asked for",
                       "KAPSO_BAD_RESPONSE");
  }
  if (status.ok()) return status;
  for (const auto& [key, value] : ResponseMetadata(request, response)) {
    SetErrorMetadata(status, key, value);
  }
  if (IsIdempotent(request.method)) return status;
  status = MarkOutcomeUnknown(std::move(status));
  if (std::string id = ResourceId(response.body); !id.empty()) {
    SetErrorMetadata(status, "resource_id", id);
  }
  return status;
}

void KapsoClient::Send(absl::StatusOr<HttpRequest> request, const RequestContext& context,
                       Done<HttpResponse> done) {
  SendOnTransportThread(
      std::move(request), context,
      [this, done = std::move(done)](absl::StatusOr<HttpResponse> response) mutable {
        const bool here = ParseHere(response);  // before the lambda below takes `response`
        RunParse(here, [response = std::move(response), done = std::move(done)]() mutable {
          std::move(done)(std::move(response));
        });
      });
}

absl::Status KapsoClient::AnswerStatus(const HttpRequest& sent,
                                       const HttpResponse& response) const {
  // Before anything parses the body, the error mapping included.
  if (!JsonDepthWithin(response.body, options_.max_json_depth)) {
    return MakeError(absl::StatusCode::kInternal,
                     absl::StrCat("Kapso's answer nests JSON deeper than ", options_.max_json_depth,
                                  " levels (--max_json_depth)"),
                     "KAPSO_BAD_RESPONSE", ResponseMetadata(sent, response));
  }
  return StatusFromHttpResponse(sent, response, options_.errors);
}

void KapsoClient::SendOnTransportThread(absl::StatusOr<HttpRequest> request,
                                        const RequestContext& context, Done<HttpResponse> done) {
  if (!request.ok()) return std::move(done)(request.status());
  if (context.read_only && !IsIdempotent(request->method)) {
    return std::move(done)(MakeError(absl::StatusCode::kPermissionDenied,
                                     "this kapso-ops replica is read-only (--read_only): it "
                                     "makes no change in Kapso",
                                     "READ_ONLY_REPLICA"));
  }
  if (context.budget != nullptr && !context.budget->Take()) {
    return std::move(done)(MakeError(absl::StatusCode::kResourceExhausted,
                                     "this call needs more Kapso requests than one RPC may make "
                                     "(--max_upstream_calls_per_rpc)",
                                     "UPSTREAM_CALL_LIMIT", {{"kapso_path", request->path}}));
  }
  request->api_key = context.api_key;
  request->request_id = context.request_id;
  HttpRequest sent = Summary(request);  // kept for the error mapping
  sent.api_key = context.api_key;
  transport_->Send(
      *std::move(request), context.options,
      [this, sent = std::move(sent),
       done = std::move(done)](absl::StatusOr<HttpResponse> response) mutable {
        absl::Status status = response.ok() ? AnswerStatus(sent, *response) : response.status();
        if (status.ok()) return std::move(done)(std::move(response));
        const bool server_error = status.code() == absl::StatusCode::kUnavailable ||
                                  status.code() == absl::StatusCode::kDeadlineExceeded ||
                                  status.code() == absl::StatusCode::kCancelled ||
                                  status.code() == absl::StatusCode::kInternal;
        if (!IsIdempotent(sent.method) && server_error && MayHaveReachedKapso(status)) {
          status = MarkOutcomeUnknown(std::move(status));
        }
        std::move(done)(WithoutSecret(std::move(status), sent.api_key));
      });
}

}  // namespace kapso::client

#include "kapso_client/json_mapping.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "kapso_client/open_fields.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

absl::Status ParseKapsoJson(absl::string_view json, google::protobuf::Message* out) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  // Open members (Webhook.headers, raw Meta statuses) also go to their
  // *_json twins; see open_fields.h.
  std::optional<std::string> routed = RouteOpenFields(json, out->GetDescriptor());
  if (routed.has_value()) json = *routed;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), out, options);
  if (status.ok()) return absl::OkStatus();
  return MakeError(absl::StatusCode::kInternal,
                   absl::StrCat("Kapso sent a response kapso-ops cannot read as ",
                                out->GetDescriptor()->name()),
                   "KAPSO_BAD_RESPONSE");
}

absl::Status ParsedBody::CopyTo(absl::string_view body, google::protobuf::Message* out) {
  absl::MutexLock lock(&mu_);
  if (parsed_ == nullptr || parsed_->GetDescriptor() != out->GetDescriptor()) {
    parsed_.reset(out->New());
    status_ = ParseKapsoJson(body, parsed_.get());
  }
  if (status_.ok()) out->CopyFrom(*parsed_);
  return status_;
}

absl::Status ParseResponse(const HttpResponse& response, google::protobuf::Message* out) {
  if (response.body.empty()) return absl::OkStatus();
  if (response.parsed == nullptr) return ParseKapsoJson(response.body, out);
  return response.parsed->CopyTo(response.body, out);
}

absl::StatusOr<std::string> ToKapsoJson(const google::protobuf::Message& message,
                                        bool include_defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = include_defaults;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return absl::InternalError(std::string(status.message()));
  return json;
}

}  // namespace kapso::client

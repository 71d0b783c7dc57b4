#include "kapso_client/status_details.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/stubs/common.h"

namespace kapso::client {
namespace {

template <typename Proto>
std::string TypeUrl() {
  return absl::StrCat("type.googleapis.com/", Proto::descriptor()->full_name());
}

template <typename Proto>
void SetDetail(absl::Status& status, const Proto& detail) {
  status.SetPayload(TypeUrl<Proto>(), absl::Cord(detail.SerializeAsString()));
}

template <typename Proto>
std::optional<Proto> GetDetail(const absl::Status& status) {
  auto payload = status.GetPayload(TypeUrl<Proto>());
  Proto detail;
  if (!payload.has_value() || !detail.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return detail;
}

// Detail fields are proto3 strings, which must be UTF-8: one invalid byte
// (e.g. in an upstream header copied into metadata) made the whole ErrorInfo
// unparseable, so the error lost its reason (found by fuzz/http_status_fuzzer).
// Invalid text keeps its ASCII and has every other byte replaced by '?'.
std::string Utf8(absl::string_view text) {
  if (google::protobuf::internal::IsStructurallyValidUTF8(text.data(),
                                                          static_cast<int>(text.size()))) {
    return std::string(text);
  }
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return out;
}

}  // namespace

absl::Status MakeError(absl::StatusCode code, absl::string_view message, absl::string_view reason,
                       const Metadata& metadata) {
  absl::Status status(code, message);
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(kErrorDomain));
  for (const auto& [key, value] : metadata) (*info.mutable_metadata())[Utf8(key)] = Utf8(value);
  SetDetail(status, info);
  return status;
}

void SetErrorMetadata(absl::Status& status, absl::string_view key, absl::string_view value) {
  google::rpc::ErrorInfo info = GetErrorInfo(status).value_or(google::rpc::ErrorInfo());
  if (info.domain().empty()) info.set_domain(std::string(kErrorDomain));
  (*info.mutable_metadata())[Utf8(key)] = Utf8(value);
  SetDetail(status, info);
}

void SetRetryDelay(absl::Status& status, absl::Duration delay) {
  google::rpc::RetryInfo retry;
  int64_t nanos = absl::ToInt64Nanoseconds(delay);
  retry.mutable_retry_delay()->set_seconds(nanos / 1000000000);
  retry.mutable_retry_delay()->set_nanos(static_cast<int32_t>(nanos % 1000000000));
  SetDetail(status, retry);
}

absl::Status InvalidArgument(std::vector<std::pair<std::string, std::string>> field_violations) {
  std::string message = "invalid request";
  google::rpc::BadRequest bad_request;
  for (auto& [field, description] : field_violations) {
    absl::StrAppend(&message, bad_request.field_violations_size() == 0 ? ": " : "; ", field, ": ",
                    description);
    auto* violation = bad_request.add_field_violations();
    violation->set_field(Utf8(field));
    violation->set_description(Utf8(description));
  }
  absl::Status status = MakeError(absl::StatusCode::kInvalidArgument, message, "INVALID_ARGUMENT");
  SetDetail(status, bad_request);
  return status;
}

std::optional<google::rpc::ErrorInfo> GetErrorInfo(const absl::Status& status) {
  return GetDetail<google::rpc::ErrorInfo>(status);
}

std::optional<absl::Duration> GetRetryDelay(const absl::Status& status) {
  auto retry = GetDetail<google::rpc::RetryInfo>(status);
  if (!retry.has_value()) return std::nullopt;
  return absl::Seconds(retry->retry_delay().seconds()) +
         absl::Nanoseconds(retry->retry_delay().nanos());
}

std::optional<google::rpc::BadRequest> GetBadRequest(const absl::Status& status) {
  return GetDetail<google::rpc::BadRequest>(status);
}

std::string ErrorReason(const absl::Status& status) {
  auto info = GetErrorInfo(status);
  return info.has_value() ? info->reason() : "";
}

}  // namespace kapso::client

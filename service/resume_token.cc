#include "service/resume_token.h"

#include "absl/strings/escaping.h"
#include "kapso/internal/follow_token.pb.h"
#include "kapso_client/status_details.h"
#include "service/page_token.h"

namespace kapso::service {
namespace {

absl::Status InvalidToken(absl::string_view why) {
  return client::MakeError(absl::StatusCode::kInvalidArgument,
                           std::string("resume_token: ") + std::string(why),
                           "INVALID_RESUME_TOKEN");
}

}  // namespace

std::string EncodeResumeToken(const google::protobuf::Message& request,
                              const FollowWatermark& watermark) {
  kapso::internal::FollowToken token;
  token.set_filter_fingerprint(FilterFingerprint(request));
  watermark.ToProto(&token);
  std::string encoded;
  absl::WebSafeBase64Escape(token.SerializeAsString(), &encoded);
  return encoded;
}

absl::StatusOr<FollowWatermark> DecodeResumeToken(const google::protobuf::Message& request,
                                                  absl::string_view token) {
  std::string bytes;
  kapso::internal::FollowToken decoded;
  if (!absl::WebSafeBase64Unescape(token, &bytes) || !decoded.ParseFromString(bytes)) {
    return InvalidToken("is not a token kapso-ops issued");
  }
  if (decoded.filter_fingerprint() != FilterFingerprint(request)) {
    return InvalidToken("was issued for other filters; follow with the same filters");
  }
  return FollowWatermark::FromProto(decoded);
}

}  // namespace kapso::service

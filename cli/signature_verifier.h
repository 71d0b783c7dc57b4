// Local verification of Kapso webhook signatures.
#ifndef CLI_SIGNATURE_VERIFIER_H_
#define CLI_SIGNATURE_VERIFIER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kapso::cli {

// HMAC-SHA256 of `body` under `secret`, as lowercase hex (Kapso's
// X-Webhook-Signature form).
absl::StatusOr<std::string> WebhookSignature(absl::string_view secret, absl::string_view body);

// Whether `signature` (hex, either case) is the signature of `body`. The
// comparison takes the same time wherever the first difference is, so a
// caller cannot learn the expected value byte by byte.
absl::StatusOr<bool> VerifyWebhookSignature(absl::string_view secret, absl::string_view body,
                                            absl::string_view signature);

}  // namespace kapso::cli

#endif  // CLI_SIGNATURE_VERIFIER_H_

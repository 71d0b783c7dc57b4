#ifndef SERVICE_WEBHOOK_SECRET_H_
#define SERVICE_WEBHOOK_SECRET_H_

#include <string>

#include "absl/status/statusor.h"

namespace kapso::service {

// A new webhook signing secret: 32 bytes from the system CSPRNG as 64
// lowercase hex digits. Kapso requires a secret on create and never makes
// one, while the original scripts never sent one; kapso-ops fills the gap.
absl::StatusOr<std::string> GenerateWebhookSecret();

// A create that failed after Kapso may have stored the webhook
// (KAPSO_OUTCOME_UNKNOWN, or an answer kapso-ops could not read) must not
// lose the secret kapso-ops generated for it: it goes back to the caller, and
// only to the caller, as ErrorInfo metadata `generated_secret_key` (the access
// log records error messages, never details).
absl::Status WithGeneratedSecret(absl::Status status, const std::string& secret);

}  // namespace kapso::service

#endif  // SERVICE_WEBHOOK_SECRET_H_

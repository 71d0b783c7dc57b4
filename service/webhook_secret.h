#ifndef SERVICE_WEBHOOK_SECRET_H_
#define SERVICE_WEBHOOK_SECRET_H_

#include <string>

#include "absl/status/statusor.h"

namespace kapso::service {

// A new webhook signing secret: 32 bytes from the system CSPRNG as 64
// lowercase hex digits. Kapso requires a secret on create and never makes
// one, while the original scripts never sent one; kapso-ops fills the gap.
absl::StatusOr<std::string> GenerateWebhookSecret();

}  // namespace kapso::service

#endif  // SERVICE_WEBHOOK_SECRET_H_

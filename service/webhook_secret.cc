#include "service/webhook_secret.h"

#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "kapso_client/status_details.h"

namespace kapso::service {

absl::StatusOr<std::string> GenerateWebhookSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

absl::Status WithGeneratedSecret(absl::Status status, const std::string& secret) {
  const std::string reason = client::ErrorReason(status);
  if (reason == "KAPSO_OUTCOME_UNKNOWN" || reason == "KAPSO_BAD_RESPONSE") {
    client::SetErrorMetadata(status, "generated_secret_key", secret);
  }
  return status;
}

}  // namespace kapso::service

#include "service/webhook_secret.h"

#include <openssl/rand.h>

#include "absl/strings/escaping.h"

namespace kapso::service {

absl::StatusOr<std::string> GenerateWebhookSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

}  // namespace kapso::service

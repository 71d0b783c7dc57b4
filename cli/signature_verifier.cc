#include "cli/signature_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"

namespace kapso::cli {

absl::StatusOr<std::string> WebhookSignature(absl::string_view secret, absl::string_view body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac,
           &mac_size) == nullptr) {
    return absl::InternalError("HMAC-SHA256 failed");
  }
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

absl::StatusOr<bool> VerifyWebhookSignature(absl::string_view secret, absl::string_view body,
                                            absl::string_view signature) {
  absl::StatusOr<std::string> expected = WebhookSignature(secret, body);
  if (!expected.ok()) return expected.status();
  // Hex case carries no secret, so normalising it leaks nothing.
  const std::string given = absl::AsciiStrToLower(absl::StripAsciiWhitespace(signature));
  // The length of a SHA-256 MAC is public; only the bytes need hiding.
  if (given.size() != expected->size()) return false;
  return CRYPTO_memcmp(given.data(), expected->data(), given.size()) == 0;
}

}  // namespace kapso::cli

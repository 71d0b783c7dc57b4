#include "service/secret_redactor.h"

#include <utility>

#include "absl/strings/str_replace.h"

namespace kapso::service {

SecretRedactor::SecretRedactor(std::vector<std::string> secrets) {
  for (std::string& secret : secrets) {
    // Short strings would redact innocent text and cannot be keys anyway.
    if (secret.size() >= 6) secrets_.push_back(std::move(secret));
  }
}

std::string SecretRedactor::Redact(absl::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    absl::StrReplaceAll({{secret, "[redacted]"}}, &out);
  }
  return out;
}

}  // namespace kapso::service

#ifndef SERVICE_SECRET_REDACTOR_H_
#define SERVICE_SECRET_REDACTOR_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace kapso::service {

// Removes known secrets (API keys, webhook secrets in flight) from text that
// leaves the process: error messages and logs.
class SecretRedactor {
 public:
  explicit SecretRedactor(std::vector<std::string> secrets);
  std::string Redact(absl::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace kapso::service

#endif  // SERVICE_SECRET_REDACTOR_H_

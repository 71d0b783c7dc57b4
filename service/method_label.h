#ifndef SERVICE_METHOD_LABEL_H_
#define SERVICE_METHOD_LABEL_H_

#include "absl/strings/string_view.h"

namespace kapso::service {

// `method` ("/package.Service/Method") when the server serves it, else
// "other": a caller can send any method name, and metric labels and log
// fields must come from a closed set.
absl::string_view MethodLabel(absl::string_view method);

}  // namespace kapso::service

#endif  // SERVICE_METHOD_LABEL_H_

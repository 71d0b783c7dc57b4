#ifndef COMMON_PORT_FILE_H_
#define COMMON_PORT_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace kapso {

// Writes `port` and a newline to `path`, through a temporary file renamed
// into place, so a reader polling for the file never sees half a port. The
// binaries write it once they serve (scripts and tests start them on port 0).
absl::Status WritePortFile(const std::string& path, int port);

}  // namespace kapso

#endif  // COMMON_PORT_FILE_H_

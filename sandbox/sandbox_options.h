// How a sandbox is started (the kapso_sandbox flags map onto these).
#ifndef SANDBOX_SANDBOX_OPTIONS_H_
#define SANDBOX_SANDBOX_OPTIONS_H_

#include <string>

namespace kapso::sandbox {

struct SandboxOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: the kernel picks a free port
  // Requests under /platform/v1 must send `X-API-Key: <api_key>`.
  std::string api_key = "sandbox-key";
  // Per-key requests a minute; 0 never answers 429 (headers are sent anyway).
  int rate_limit_per_minute = 0;
  // Enforce the health endpoint's 5/s and 60/min limit.
  bool health_rate_limit = false;
  // HTTP worker threads. Each open keep-alive connection holds one, and a
  // delayed fault holds one while it waits, so this bounds concurrency.
  int threads = 512;
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_SANDBOX_OPTIONS_H_

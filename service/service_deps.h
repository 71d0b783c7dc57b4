#ifndef SERVICE_SERVICE_DEPS_H_
#define SERVICE_SERVICE_DEPS_H_

#include "absl/time/time.h"
#include "kapso_client/kapso_client.h"
#include "service/grpc_status.h"

namespace kapso::service {

class PhoneNumberDirectory;  // phone_number_directory.h
class FollowRegistry;        // follow_registry.h

// What every service handler needs, owned by the server.
struct ServiceDeps {
  client::KapsoClient* client = nullptr;
  const SecretRedactor* redactor = nullptr;
  // The project's numbers, to resolve one as people write it.
  PhoneNumberDirectory* phone_numbers = nullptr;
  // The live tails' shared pollers (Triage.Follow*).
  FollowRegistry* follows = nullptr;
  // Accept a per-call Kapso key in the `x-kapso-api-key` metadata (a shared
  // deployment serving several projects); off by default.
  bool allow_caller_api_keys = false;
  // Most items GetProjectOverview counts per figure before it reports a
  // lower bound.
  int overview_count_limit = 1000;
  // Upper bound on any call's upstream work, for callers that set no
  // deadline.
  absl::Duration max_call_duration = absl::Seconds(30);
  // Most Kapso requests one RPC may make (paging loops included).
  int max_upstream_calls_per_rpc = 64;
  // Refuse every RPC that would change something in Kapso.
  bool read_only = false;
};

}  // namespace kapso::service

#endif  // SERVICE_SERVICE_DEPS_H_

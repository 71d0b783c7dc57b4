// The mutable webhooks of the sandbox's project, newest first. A webhook's
// `phone_number_id` says which number-level collection it also belongs to
// (null: project-scoped). Enforces Kapso's conflicts: one meta webhook per
// number, no duplicate URL on the same number (409).
#ifndef SANDBOX_WEBHOOK_REGISTRY_H_
#define SANDBOX_WEBHOOK_REGISTRY_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kapso::sandbox {

// `number` scopes a call to one number's collection: a webhook of another
// number (or a project-scoped one) is then "not found". nullopt: the project
// collection, which sees every webhook.
using NumberScope = std::optional<std::string>;

class WebhookRegistry {
 public:
  void Reset(std::vector<nlohmann::json> webhooks);

  std::vector<nlohmann::json> List(const NumberScope& number) const;
  absl::StatusOr<nlohmann::json> Get(absl::string_view id, const NumberScope& number) const;

  // Stores a validated webhook (see NewWebhookFromRequest), giving it an id,
  // the project and timestamps.
  absl::StatusOr<nlohmann::json> Create(nlohmann::json webhook, absl::Time now);

  // Applies a PATCH body (see PatchedWebhook).
  absl::StatusOr<nlohmann::json> Update(absl::string_view id, const NumberScope& number,
                                        const nlohmann::json& body, absl::Time now);

  absl::Status Delete(absl::string_view id, const NumberScope& number);

 private:
  // Index of the webhook, or -1 when absent or outside `number`.
  int Find(absl::string_view id, const NumberScope& number) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // 409 when `webhook` clashes with another one (ignoring id `self`).
  absl::Status CheckConflicts(const nlohmann::json& webhook, absl::string_view self) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  std::string NewId() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<nlohmann::json> webhooks_ ABSL_GUARDED_BY(mu_);
  absl::BitGen bitgen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_WEBHOOK_REGISTRY_H_

#include "sandbox/webhook_registry.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "sandbox/api_error.h"
#include "sandbox/seed_data.h"
#include "sandbox/time_format.h"
#include "sandbox/webhook_validation.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

const std::string& IdOf(const json& webhook) {
  return webhook.at("id").get_ref<const std::string&>();
}

absl::Status NotFound() { return ApiError(404, "Webhook not found"); }

}  // namespace

void WebhookRegistry::Reset(std::vector<json> webhooks) {
  absl::MutexLock lock(&mu_);
  webhooks_ = std::move(webhooks);
}

int WebhookRegistry::Find(absl::string_view id, const NumberScope& number) const {
  for (size_t i = 0; i < webhooks_.size(); ++i) {
    const json& webhook = webhooks_[i];
    if (IdOf(webhook) != id) continue;
    if (number.has_value() && webhook.at("phone_number_id") != *number) {
      return -1;
    }
    return static_cast<int>(i);
  }
  return -1;
}

absl::Status WebhookRegistry::CheckConflicts(const json& webhook, absl::string_view self) const {
  for (const json& other : webhooks_) {
    if (IdOf(other) == self || other.at("phone_number_id") != webhook.at("phone_number_id")) {
      continue;
    }
    if (webhook.at("kind") == "meta" && other.at("kind") == "meta") {
      return ApiError(409, "This phone number already has a meta webhook");
    }
    if (other.at("url") == webhook.at("url")) {
      return ApiError(409, "A webhook with this URL already exists");
    }
  }
  return absl::OkStatus();
}

std::string WebhookRegistry::NewId() {
  // A version-4 UUID.
  uint64_t high = absl::Uniform<uint64_t>(bitgen_);
  uint64_t low = absl::Uniform<uint64_t>(bitgen_);
  return absl::StrFormat("%08x-%04x-4%03x-%04x-%012x", high >> 32, (high >> 16) & 0xffff,
                         high & 0xfff, 0x8000 | ((low >> 48) & 0x3fff), low & 0xffffffffffffULL);
}

std::vector<json> WebhookRegistry::List(const NumberScope& number) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!number.has_value()) return webhooks_;
  std::vector<json> scoped;
  for (const json& webhook : webhooks_) {
    if (webhook.at("phone_number_id") == *number) scoped.push_back(webhook);
  }
  return scoped;
}

absl::StatusOr<json> WebhookRegistry::Get(absl::string_view id, const NumberScope& number) const {
  absl::ReaderMutexLock lock(&mu_);
  int index = Find(id, number);
  if (index < 0) return NotFound();
  return webhooks_[index];
}

absl::StatusOr<json> WebhookRegistry::Create(json webhook, absl::Time now) {
  absl::MutexLock lock(&mu_);
  absl::Status conflict = CheckConflicts(webhook, "");
  if (!conflict.ok()) return conflict;
  std::string stamp = FormatUtc(now);
  webhook["id"] = NewId();
  webhook["project_id"] = kProjectId;
  webhook["created_at"] = stamp;
  webhook["updated_at"] = stamp;
  webhooks_.insert(webhooks_.begin(), webhook);
  return webhook;
}

absl::StatusOr<json> WebhookRegistry::Update(absl::string_view id, const NumberScope& number,
                                             const json& body, absl::Time now) {
  absl::MutexLock lock(&mu_);
  int index = Find(id, number);
  if (index < 0) return NotFound();
  absl::StatusOr<json> updated = PatchedWebhook(body, webhooks_[index]);
  if (!updated.ok()) return updated.status();
  absl::Status conflict = CheckConflicts(*updated, id);
  if (!conflict.ok()) return conflict;
  (*updated)["updated_at"] = FormatUtc(now);
  webhooks_[index] = *updated;
  return updated;
}

absl::Status WebhookRegistry::Delete(absl::string_view id, const NumberScope& number) {
  absl::MutexLock lock(&mu_);
  int index = Find(id, number);
  if (index < 0) return NotFound();
  webhooks_.erase(webhooks_.begin() + index);
  return absl::OkStatus();
}

}  // namespace kapso::sandbox

#include "service/message_diagnosis.h"

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "service/delivery_timeline.h"
#include "service/meta_error_catalog.h"

namespace kapso::service {
namespace {

using google::protobuf::util::TimeUtil;

constexpr absl::Duration kWindow = absl::Hours(24);

// Unix seconds (Meta's string form) as a time a Timestamp can hold.
bool ParseUnixSeconds(const std::string& text, absl::Time* out) {
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(text, &seconds) || seconds < TimeUtil::kTimestampMinSeconds ||
      seconds > TimeUtil::kTimestampMaxSeconds) {
    return false;
  }
  *out = absl::FromUnixSeconds(seconds);
  return true;
}

void SetWindow(ops::v1::CustomerServiceWindow& window, absl::Time expires, absl::Time now,
               const char* basis) {
  window.set_state(now < expires ? "open" : "closed");
  window.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(expires));
  window.set_basis(basis);
}

// Meta's conversation object on a status: {"expiration_timestamp": "..."}.
bool ExpirationOfMetaConversation(const ops::v1::Message& message, absl::Time* out) {
  for (const auto& status : message.kapso().statuses()) {
    auto it = status.conversation().fields().find("expiration_timestamp");
    if (it != status.conversation().fields().end() && it->second.has_string_value() &&
        ParseUnixSeconds(it->second.string_value(), out)) {
      return true;
    }
  }
  return false;
}

void AddWindow(ops::v1::Message& message, absl::Time now) {
  ops::v1::CustomerServiceWindow& window = *message.mutable_diagnosis()->mutable_window();
  absl::Time when;
  if (ExpirationOfMetaConversation(message, &when)) {
    return SetWindow(window, when, now, "meta_conversation_expiration");
  }
  if (message.kapso().direction() == "inbound" && ParseUnixSeconds(message.timestamp(), &when)) {
    return SetWindow(window, when + kWindow, now, "inbound_message");
  }
  for (const auto& error : message.diagnosis().errors()) {
    if (error.code() == 131047) {
      window.set_state("closed");
      window.set_basis("error_131047");
      return;
    }
  }
  window.set_state("unknown");
}

void AddErrors(ops::v1::Message& message) {
  absl::flat_hash_set<int32_t> seen;
  for (const auto& event : message.delivery_timeline()) {
    for (const auto& error : event.errors()) {
      if (!seen.insert(error.code()).second) continue;
      const MetaErrorEntry& entry = LookupMetaError(error.code());
      auto* explained = message.mutable_diagnosis()->add_errors();
      explained->set_code(error.code());
      explained->set_title(entry.code == 0 && !error.title().empty() ? error.title()
                                                                     : std::string(entry.title));
      explained->set_category(std::string(entry.category));
      explained->set_severity(std::string(entry.severity));
      explained->set_meaning(std::string(entry.meaning));
      explained->set_remediation(std::string(entry.remediation));
    }
  }
}

std::string Summary(const ops::v1::Message& message) {
  if (message.diagnosis().errors_size() > 0) {
    const auto& first = message.diagnosis().errors(0);
    return absl::StrCat("failed: ", first.code(), " ", first.title(), ". ", first.remediation());
  }
  if (message.delivery_timeline_size() > 0) {
    return absl::StrCat("last status: ",
                        message.delivery_timeline(message.delivery_timeline_size() - 1).status());
  }
  return message.kapso().status().empty() ? "no delivery status yet"
                                          : absl::StrCat("status: ", message.kapso().status());
}

}  // namespace

void AddDiagnosis(ops::v1::Message& message, absl::Time now) {
  message.clear_diagnosis();
  AddErrors(message);
  AddWindow(message, now);
  message.mutable_diagnosis()->set_summary(Summary(message));
}

void ExplainMessage(ops::v1::Message& message) {
  AddDeliveryTimeline(message);
  AddDiagnosis(message, absl::Now());
}

}  // namespace kapso::service

#ifndef SERVICE_TRIAGE_MESSAGES_H_
#define SERVICE_TRIAGE_MESSAGES_H_

#include <vector>

#include "absl/time/time.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso/ops/v1/triage.pb.h"

namespace kapso::service {

// Failed messages (with their delivery timelines, AddDeliveryTimeline)
// grouped by Meta error code, one finding per code, explained from the
// catalog (meta_error_catalog.h): its meaning, remediation and severity
// (critical -> CRITICAL, error -> HIGH, warning -> MEDIUM). A message with
// several codes counts under each; one with none under code 0. Messages
// sent before `since` are left out (Kapso's message list has no time
// filter); those without a readable time are kept.
std::vector<ops::v1::Finding> MessageErrorFindings(
    const google::protobuf::RepeatedPtrField<ops::v1::Message>& messages, absl::Time since);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_MESSAGES_H_

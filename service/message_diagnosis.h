#ifndef SERVICE_MESSAGE_DIAGNOSIS_H_
#define SERVICE_MESSAGE_DIAGNOSIS_H_

#include "absl/time/time.h"
#include "kapso/ops/v1/message_debug.pb.h"

namespace kapso::service {

// Fills message.diagnosis from its delivery timeline (AddDeliveryTimeline
// first): each distinct Meta error code explained from the catalog
// (meta_error_catalog.h), the customer service window, and a one-line
// summary. The window is read, in this order, from Meta's conversation
// expiration on a status event, from an inbound message's own time (the
// customer wrote then: 24 hours from it), or from a 131047 error (closed);
// otherwise it is "unknown".
void AddDiagnosis(ops::v1::Message& message, absl::Time now);

// GetMessage's finishing step: the timeline, then the diagnosis.
void ExplainMessage(ops::v1::Message& message);

}  // namespace kapso::service

#endif  // SERVICE_MESSAGE_DIAGNOSIS_H_

#ifndef SERVICE_DELIVERY_TIMELINE_H_
#define SERVICE_DELIVERY_TIMELINE_H_

#include "kapso/ops/v1/message_debug.pb.h"

namespace kapso::service {

// Fills message.delivery_timeline from Meta's raw status events in
// message.kapso.statuses: one event per status, oldest first (ties in
// delivery order: sent, delivered, read, failed), with Meta's errors on a
// failed step. Events without a readable timestamp keep their place at the
// end, untimed.
void AddDeliveryTimeline(ops::v1::Message& message);

}  // namespace kapso::service

#endif  // SERVICE_DELIVERY_TIMELINE_H_

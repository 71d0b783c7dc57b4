#ifndef SERVICE_FAILED_MESSAGES_FILTER_H_
#define SERVICE_FAILED_MESSAGES_FILTER_H_

#include <string>

#include "kapso/ops/v1/message_debug.pb.h"

namespace kapso::service {

// Kapso's message-list filter for failed outbound messages, to
// `phone_number` (partial match) through `phone_number_id` (either may be
// empty): the failed_messages source of ListMessageErrors, its live tail
// FollowMessageErrors, and RunTriage's messages source.
inline ops::v1::ListMessagesRequest FailedOutboundMessages(const std::string& phone_number,
                                                           const std::string& phone_number_id) {
  ops::v1::ListMessagesRequest filter;
  filter.set_status("failed");
  filter.set_direction("outbound");
  filter.set_phone_number(phone_number);
  filter.set_phone_number_id(phone_number_id);
  return filter;
}

}  // namespace kapso::service

#endif  // SERVICE_FAILED_MESSAGES_FILTER_H_

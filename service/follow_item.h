#ifndef SERVICE_FOLLOW_ITEM_H_
#define SERVICE_FOLLOW_ITEM_H_

#include <memory>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
#include "service/follow_watermark.h"

namespace kapso::service {

// One item of a followed list (an ApiLog, a WebhookDelivery, a Message),
// shared read-only by every stream it is fanned out to.
struct FollowItem {
  FollowItemKey key;
  std::shared_ptr<const google::protobuf::Message> item;
};

// A batch of items, oldest first.
using FollowBatch = std::vector<FollowItem>;

// One page of Kapso's list as read (newest first) and its next cursor.
struct FollowPage {
  FollowBatch items;
  std::string next_cursor;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_ITEM_H_

#ifndef KAPSO_CLIENT_TESTING_WIRE_ENVELOPES_H_
#define KAPSO_CLIENT_TESTING_WIRE_ENVELOPES_H_

#include <vector>

#include "google/protobuf/descriptor.h"
#include "kapso/internal/wire/api_logs.pb.h"
#include "kapso/internal/wire/conversations.pb.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso/internal/wire/paging.pb.h"
#include "kapso/internal/wire/phone_numbers.pb.h"
#include "kapso/internal/wire/webhook_deliveries.pb.h"
#include "kapso/internal/wire/webhooks.pb.h"

namespace kapso::client::testing_util {

// Every envelope of kapso/internal/wire/, in the order they had in one file
// before the split per resource: the fuzz corpus's first byte picks one by
// this index.
inline const std::vector<const google::protobuf::Descriptor*>& WireEnvelopes() {
  namespace wire = ::kapso::internal::wire;
  static const auto* const kEnvelopes = new std::vector<const google::protobuf::Descriptor*>{
      wire::PageMeta::descriptor(),         wire::Paging::descriptor(),
      wire::WebhookList::descriptor(),      wire::WebhookItem::descriptor(),
      wire::PhoneNumberList::descriptor(),  wire::MessageList::descriptor(),
      wire::MessageItem::descriptor(),      wire::ConversationList::descriptor(),
      wire::ConversationItem::descriptor(), wire::ApiLogList::descriptor(),
      wire::DeliveryList::descriptor(),     wire::TestResultItem::descriptor(),
  };
  return *kEnvelopes;
}

}  // namespace kapso::client::testing_util

#endif  // KAPSO_CLIENT_TESTING_WIRE_ENVELOPES_H_

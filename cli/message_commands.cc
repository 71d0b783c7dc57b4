#include "cli/message_commands.h"

#include "cli/common_flags.h"
#include "cli/rpc_call.h"
#include "kapso/ops/v1/message_debug.grpc.pb.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

v1::ListMessagesRequest BuildListMessages(const ParsedFlags& flags) {
  v1::ListMessagesRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_conversation_id(flags.GetString("conversation-id"));
  request.set_phone_number(flags.GetString("phone-number"));
  request.set_direction(flags.GetString("direction"));
  request.set_status(flags.GetString("status"));
  request.set_message_type(flags.GetString("message-type"));
  if (flags.Has("has-media")) request.set_has_media(flags.GetBool("has-media"));
  request.set_page_size(static_cast<int32_t>(flags.GetInt("per-page")));
  request.set_page_token(flags.GetString("page-token"));
  return request;
}

absl::Status RunList(const ParsedFlags& flags, CommandEnv& env) {
  auto stub = NewStub<v1::MessageDebug>(env);
  if (!stub.ok()) return stub.status();
  return ListAndPrint(env, **stub, BuildListMessages(flags), flags.GetBool("all"),
                      &v1::MessageDebug::Stub::ListMessages);
}

absl::Status RunGet(const ParsedFlags& flags, CommandEnv& env) {
  auto stub = NewStub<v1::MessageDebug>(env);
  if (!stub.ok()) return stub.status();
  v1::GetMessageRequest request;
  request.set_message_id(flags.GetString("message-id"));
  return CallAndPrint<v1::Message>(env, [&](auto* context, auto* response) {
    return (*stub)->GetMessage(context, request, response);
  });
}

// --phone-number searches; --conversation-id reads one. Exactly one is needed.
absl::Status CheckLookupFlags(const ParsedFlags& flags) {
  const bool by_phone = flags.Has("phone-number");
  const bool by_id = flags.Has("conversation-id");
  if (by_phone == by_id) {
    return UsageError("--phone-number or --conversation-id: give exactly one of the two",
                      by_phone ? "conversation-id" : "phone-number");
  }
  for (const char* filter : {"phone-number-id", "status", "page-token"}) {
    if (by_id && flags.Has(filter)) {
      return UsageError(absl::StrCat("--", filter, ": only with --phone-number"), filter);
    }
  }
  return absl::OkStatus();
}

absl::Status RunLookup(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckLookupFlags(flags); !s.ok()) return s;
  auto stub = NewStub<v1::MessageDebug>(env);
  if (!stub.ok()) return stub.status();
  if (flags.Has("conversation-id")) {
    v1::GetConversationRequest request;
    request.set_conversation_id(flags.GetString("conversation-id"));
    return CallAndPrint<v1::Conversation>(env, [&](auto* context, auto* response) {
      return (*stub)->GetConversation(context, request, response);
    });
  }
  v1::ListConversationsRequest request;
  request.set_phone_number(flags.GetString("phone-number"));
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_status(flags.GetString("status"));
  request.set_page_size(static_cast<int32_t>(flags.GetInt("per-page")));
  request.set_page_token(flags.GetString("page-token"));
  return ListAndPrint(env, **stub, std::move(request), flags.GetBool("all"),
                      &v1::MessageDebug::Stub::ListConversations);
}

std::vector<FlagSpec> ListFlags() {
  return {
      StringFlag("phone-number-id", "ID", "only messages through this number"),
      EnumFlag("direction", {"inbound", "outbound"}, "only this direction"),
      EnumFlag("status", {"pending", "sent", "delivered", "read", "failed"}, "only this status"),
      StringFlag("phone-number", "P", "customer phone number (partial match)"),
      StringFlag("conversation-id", "ID", "only this conversation"),
      StringFlag("message-type", "T", "text, image, template..."),
      BoolFlag("has-media", "only messages with (true) or without (false) media"),
      PerPageFlag(),
      PageTokenFlag(),
      AllFlag(),
  };
}

}  // namespace

std::vector<Command> MessageCommands() {
  return {
      {"messages", "list", "List messages, newest first", ListFlags(), RunList},
      {"messages",
       "get",
       "Show a message with its delivery timeline",
       {Required(StringFlag("message-id", "WAMID", "the WhatsApp message id"))},
       RunGet},
      {"conversations",
       "lookup",
       "Find conversations by customer number, or read one",
       {StringFlag("phone-number", "P", "customer number (partial match), e.g. +15551234567"),
        StringFlag("conversation-id", "ID", "the conversation to read"),
        StringFlag("phone-number-id", "ID", "only this business number"),
        EnumFlag("status", {"active", "ended"}, "only this status"), PerPageFlag(), PageTokenFlag(),
        AllFlag()},
       RunLookup,
       "Give exactly one of --phone-number and --conversation-id."},
  };
}

}  // namespace kapso::cli

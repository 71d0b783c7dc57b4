// Seed messages (45, newest first) and the 6 conversations they belong to.
// Conversation fields (counts, last message, activity) are derived from the
// messages so the two collections always agree.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sandbox/seed_data.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

constexpr int kMessageCount = 45;
constexpr absl::Duration kMessageSpacing = absl::Minutes(20);

struct ConversationSpec {
  const char* phone_number;  // the contact, Meta style (digits only)
  const char* contact_name;
  const char* phone_number_id;
  const char* status;
};

const ConversationSpec kConversations[] = {
    {"15550100101", "Alicia Gomez", "1000000000000001", "active"},
    {"15550100102", "Bruno Silva", "1000000000000001", "active"},
    {"15550100103", "Chen Wei", "1000000000000001", "ended"},
    {"15550100104", "Dana Levi", "1000000000000002", "active"},
    {"15550100105", "Emeka Obi", "1000000000000002", "ended"},
    {"15550100106", "Farah Khan", "1000000000000003", "ended"},
};

// The business side of a chat: seed number 100000000000000N is
// +1 555-010-000N.
std::string BusinessPhone(const char* phone_number_id) {
  std::string id = phone_number_id;
  return absl::StrCat("1555010000", id.substr(id.size() - 1));
}

std::string ConversationId(int n) { return absl::StrFormat("c0000000-0000-4000-8000-%012d", n); }

struct MessageSpec {
  int conversation;  // 1-based index into kConversations
  bool outbound;
  std::string type;  // text, template, image, document
  std::string text;
  std::string status;
  int error_code = 0;  // Meta error of a failed send
};

// The first four are fixed facts (docs/contracts.md); the rest follow a
// pattern: media every fifth message, failures at 11, 23 and 37.
MessageSpec SpecFor(int i) {
  switch (i) {
    case 1:
      return {1, true, "text", "Your order #1042 has shipped.", "read"};
    case 2:
      return {1, true, "template", "order_update", "failed", 131047};
    case 3:
      return {2, true, "text", "Your refund was processed.", "failed", 131026};
    case 4:
      return {1, false, "text", "Where is my order?", "delivered"};
  }
  MessageSpec spec{i % 6 + 1, i % 2 == 1, "text", "", ""};
  if (i % 5 == 0) spec.type = "image";
  if (i % 5 == 3) spec.type = "document";
  spec.text = absl::StrCat(spec.outbound ? "Update " : "Question ", i);
  const char* outbound_status[] = {"sent", "delivered", "read", "read"};
  spec.status = spec.outbound ? outbound_status[i % 4] : "delivered";
  if (i == 11) spec.error_code = 131049;
  if (i == 23) spec.error_code = 131026;
  if (i == 37) spec.error_code = 131047;
  if (spec.error_code != 0) spec.status = "failed";
  return spec;
}

json MetaError(int code) {
  std::string title;
  std::string details;
  if (code == 131047) {
    title = "Re-engagement message";
    details =
        "Message failed to send because more than 24 hours have passed "
        "since the customer last replied to this number.";
  } else if (code == 131026) {
    title = "Message undeliverable";
    details =
        "Unable to deliver message. The recipient may not be a WhatsApp "
        "user or may not have accepted the latest terms.";
  } else {
    title = "This message was not delivered to maintain healthy ecosystem engagement.";
    details =
        "In order to maintain a healthy ecosystem engagement, the message "
        "failed to be delivered.";
  }
  return {{"code", code},
          {"title", title},
          {"message", title},
          {"error_data", {{"details", details}}},
          {"href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}};
}

// Raw Meta status events for an outbound message, oldest first.
json Statuses(const std::string& id, const MessageSpec& spec, const std::string& recipient,
              absl::Time sent) {
  json statuses = json::array();
  auto add = [&](const char* status, int after_seconds) {
    json event = {{"id", id},
                  {"status", status},
                  {"timestamp", UnixSeconds(sent + absl::Seconds(after_seconds))},
                  {"recipient_id", recipient}};
    if (spec.error_code != 0) {
      event["errors"] = json::array({MetaError(spec.error_code)});
    } else {
      event["pricing"] = {{"billable", true},
                          {"pricing_model", "PMP"},
                          {"category", spec.type == "template" ? "marketing" : "service"}};
    }
    statuses.push_back(std::move(event));
  };
  if (spec.status == "failed") {
    add("failed", 2);
    return statuses;
  }
  add("sent", 1);
  if (spec.status == "delivered" || spec.status == "read") add("delivered", 3);
  if (spec.status == "read") add("read", 40);
  return statuses;
}

void AddContent(int i, const MessageSpec& spec, json& message) {
  json& kapso = message["kapso"];
  if (spec.type == "text") {
    message["text"] = {{"body", spec.text}};
  } else if (spec.type == "template") {
    message["template"] = {
        {"name", spec.text}, {"language", {{"code", "en_US"}}}, {"components", json::array()}};
    kapso["content"] = absl::StrCat("[Template: ", spec.text, "]");
    return;
  } else {
    bool image = spec.type == "image";
    std::string media_id = absl::StrFormat("media-%04d", i);
    std::string filename =
        image ? absl::StrCat("photo-", i, ".jpg") : absl::StrCat("invoice-", i, ".pdf");
    std::string url = absl::StrCat("https://media.sandbox.kapso.example/", filename);
    message[spec.type] = {{"id", media_id}, {"link", url}, {"caption", spec.text}};
    if (!image) message[spec.type]["filename"] = filename;
    kapso["media_data"] = {{"url", url},
                           {"filename", filename},
                           {"content_type", image ? "image/jpeg" : "application/pdf"},
                           {"byte_size", 20480 + i * 512}};
    kapso["media_url"] = url;
  }
  kapso["content"] = spec.text;
}

json Message(int i, const MessageSpec& spec, absl::Time sent) {
  const ConversationSpec& conv = kConversations[spec.conversation - 1];
  std::string id = absl::StrFormat("wamid.SANDBOX%04d", i);
  std::string business = BusinessPhone(conv.phone_number_id);
  json message = {{"id", id},
                  {"timestamp", UnixSeconds(sent)},
                  {"type", spec.type},
                  {"from", spec.outbound ? business : conv.phone_number},
                  {"to", spec.outbound ? conv.phone_number : business}};
  message["kapso"] = {
      {"direction", spec.outbound ? "outbound" : "inbound"},
      {"status", spec.status},
      {"processing_status", "processed"},
      {"origin", "cloud_api"},
      {"phone_number", conv.phone_number},
      {"phone_number_id", conv.phone_number_id},
      {"has_media", spec.type == "image" || spec.type == "document"},
      {"whatsapp_conversation_id", ConversationId(spec.conversation)},
      {"contact_name", conv.contact_name},
      {"statuses", spec.outbound ? Statuses(id, spec, conv.phone_number, sent) : json::array()}};
  AddContent(i, spec, message);
  return message;
}

// Folds one message (visited newest first) into its conversation.
void Absorb(const json& message, absl::Time sent, json& conversation) {
  json& kapso = conversation["kapso"];
  std::string when = FormatUtc(sent);
  if (kapso["messages_count"].get<int>() == 0) {
    conversation["last_active_at"] = when;
    conversation["updated_at"] = when;
    kapso["last_message_id"] = message["id"];
    kapso["last_message_type"] = message["type"];
    kapso["last_message_timestamp"] = when;
    kapso["last_message_text"] = message["kapso"]["content"];
  }
  const char* last =
      message["kapso"]["direction"] == "outbound" ? "last_outbound_at" : "last_inbound_at";
  if (!kapso.contains(last)) kapso[last] = when;
  kapso["messages_count"] = kapso["messages_count"].get<int>() + 1;
  conversation["created_at"] = FormatUtc(sent - absl::Minutes(1));
}

json EmptyConversation(int n) {
  const ConversationSpec& spec = kConversations[n - 1];
  return {{"id", ConversationId(n)},
          {"phone_number", spec.phone_number},
          {"status", spec.status},
          {"metadata", json::object()},
          {"phone_number_id", spec.phone_number_id},
          {"kapso", {{"contact_name", spec.contact_name}, {"messages_count", 0}}}};
}

}  // namespace

void AddMessagesAndConversations(absl::Time now, SeedData& seed) {
  json conversations[6];
  for (int n = 1; n <= 6; ++n) conversations[n - 1] = EmptyConversation(n);
  for (int i = 1; i <= kMessageCount; ++i) {
    MessageSpec spec = SpecFor(i);
    absl::Time sent = now - kMessageSpacing * i;
    json message = Message(i, spec, sent);
    Absorb(message, sent, conversations[spec.conversation - 1]);
    std::string id = message["id"];
    seed.messages.push_back(MakeRecord(id, sent, std::move(message)));
  }
  for (json& conversation : conversations) {
    absl::Time last_active = *ParseTime(conversation["last_active_at"].get<std::string>());
    std::string id = conversation["id"];
    seed.conversations.push_back(MakeRecord(id, last_active, std::move(conversation)));
  }
  SortNewestFirst(seed.messages);
  SortNewestFirst(seed.conversations);
}

}  // namespace kapso::sandbox

#include "sandbox/message_routes.h"

#include <memory>

#include "sandbox/api_error.h"
#include "sandbox/cursor_paging.h"
#include "sandbox/http_json.h"
#include "sandbox/json_filter.h"

namespace kapso::sandbox {
namespace {

absl::StatusOr<JsonFilter> MessageFilter(const httplib::Request& req) {
  JsonFilterBuilder builder(req);
  builder.Exact("phone_number_id", "/kapso/phone_number_id")
      .Exact("conversation_id", "/kapso/whatsapp_conversation_id")
      .DigitsContain("phone_number", "/kapso/phone_number")
      .OneOf("direction", "/kapso/direction", {"inbound", "outbound"})
      .OneOf("status", "/kapso/status", {"pending", "sent", "delivered", "read", "failed"})
      .Exact("message_type", "/type")
      .BoolEquals("has_media", "/kapso/has_media");
  return builder.Build();
}

absl::StatusOr<JsonFilter> ConversationFilter(const httplib::Request& req) {
  JsonFilterBuilder builder(req);
  builder.Exact("phone_number_id", "/phone_number_id")
      .DigitsContain("phone_number", "/phone_number")
      .OneOf("status", "/status", {"active", "ended"})
      .TimeAfter("created_after", "/created_at")
      .TimeBefore("created_before", "/created_at")
      .TimeAfter("last_active_after", "/last_active_at")
      .TimeBefore("last_active_before", "/last_active_at");
  return builder.Build();
}

// GET of one record by the id in the path.
absl::Status WriteRecord(const std::vector<Record>& records, const std::string& id,
                         const char* what, httplib::Response& res) {
  const Record* record = FindRecord(records, id);
  if (record == nullptr) return ApiError(404, std::string(what) + " not found");
  WriteRawJson(res, 200, "{\"data\":" + record->serialized + "}");
  return absl::OkStatus();
}

}  // namespace

void AddMessageRoutes(Router& router, SandboxStore& store) {
  router.Add("GET", "/platform/v1/whatsapp/messages",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               return WriteCursorList(req, res, store.seed()->messages, MessageFilter(req),
                                      "created_at");
             });
  router.Add("GET", "/platform/v1/whatsapp/messages/{message_id}",
             [&store](const httplib::Request&, const PathParams& params, httplib::Response& res) {
               return WriteRecord(store.seed()->messages, params.at("message_id"), "Message", res);
             });
  router.Add("GET", "/platform/v1/whatsapp/conversations",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               return WriteCursorList(req, res, store.seed()->conversations,
                                      ConversationFilter(req), "last_active_at");
             });
  router.Add("GET", "/platform/v1/whatsapp/conversations/{conversation_id}",
             [&store](const httplib::Request&, const PathParams& params, httplib::Response& res) {
               return WriteRecord(store.seed()->conversations, params.at("conversation_id"),
                                  "Conversation", res);
             });
}

}  // namespace kapso::sandbox

#include "service/request_validation.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

using ::testing::ElementsAreArray;

constexpr char kNumber[] = "1000000000000001";
constexpr char kWebhookId[] = "0a000000-0000-4000-8000-000000000001";

// One row: how to spoil (or keep) a valid request, and the fields the
// validator must name, in order; none means the request is valid.
template <typename Request>
struct Case {
  const char* name;
  std::function<void(Request&)> change;
  std::vector<std::string> fields;
};

void ExpectViolations(const absl::Status& status, const std::vector<std::string>& fields) {
  if (fields.empty()) {
    EXPECT_TRUE(status.ok()) << status;
    return;
  }
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(client::ErrorReason(status), "INVALID_ARGUMENT");
  auto bad_request = client::GetBadRequest(status);
  ASSERT_TRUE(bad_request.has_value());
  std::vector<std::string> named;
  for (const auto& violation : bad_request->field_violations()) {
    named.push_back(violation.field());
    EXPECT_FALSE(violation.description().empty());
  }
  EXPECT_THAT(named, ElementsAreArray(fields));
}

template <typename Request>
void RunCases(const Request& valid, const std::vector<Case<Request>>& cases) {
  for (const Case<Request>& c : cases) {
    SCOPED_TRACE(c.name);
    Request request = valid;
    c.change(request);
    ExpectViolations(Validate(request), c.fields);
  }
}

template <typename Request>
void Keep(Request&) {}

// --- Webhooks ------------------------------------------------------------

TEST(ValidateListWebhooks, Table) {
  v1::ListWebhooksRequest valid;
  valid.set_phone_number_id(kNumber);
  RunCases<v1::ListWebhooksRequest>(
      valid,
      {
          {"valid", Keep<v1::ListWebhooksRequest>, {}},
          {"project scope without number",
           [](auto& r) {
             r.clear_phone_number_id();
             r.set_scope(v1::WEBHOOK_SCOPE_PROJECT);
           },
           {}},
          {"non-numeric number",
           [](auto& r) { r.set_phone_number_id("12ab"); },
           {"phone_number_id"}},
          {"number with slash", [](auto& r) { r.set_phone_number_id("1/2"); }, {"phone_number_id"}},
          {"config scope without number",
           [](auto& r) {
             r.clear_phone_number_id();
             r.set_scope(v1::WEBHOOK_SCOPE_CONFIG);
           },
           {"phone_number_id"}},
          {"unknown scope",
           [](auto& r) { r.set_scope(static_cast<v1::WebhookScope>(7)); },
           {"scope"}},
          {"page_size -1", [](auto& r) { r.set_page_size(-1); }, {"page_size"}},
          {"page_size 101", [](auto& r) { r.set_page_size(101); }, {"page_size"}},
          {"page_size 100", [](auto& r) { r.set_page_size(100); }, {}},
          {"unknown kind", [](auto& r) { r.set_kind("slack"); }, {"kind"}},
          {"every violation at once",
           [](auto& r) {
             r.set_phone_number_id("x");
             r.set_kind("KAPSO");
             r.set_page_size(101);
           },
           {"phone_number_id", "kind", "page_size"}},
      });
}

TEST(ValidateWebhookItem, GetAndDeleteTable) {
  struct Row {
    const char* name;
    v1::WebhookScope scope;
    std::string phone_number_id;
    std::string webhook_id;
    std::vector<std::string> fields;
  };
  const Row rows[] = {
      {"config", v1::WEBHOOK_SCOPE_CONFIG, kNumber, kWebhookId, {}},
      {"project", v1::WEBHOOK_SCOPE_PROJECT, "", kWebhookId, {}},
      {"missing id", v1::WEBHOOK_SCOPE_PROJECT, "", "", {"webhook_id"}},
      {"traversal id", v1::WEBHOOK_SCOPE_PROJECT, "", "../api_logs", {"webhook_id"}},
      {"id with space", v1::WEBHOOK_SCOPE_PROJECT, "", "a b", {"webhook_id"}},
      {"id not a uuid", v1::WEBHOOK_SCOPE_PROJECT, "", "webhook-1", {"webhook_id"}},
      {"uuid with braces",
       v1::WEBHOOK_SCOPE_PROJECT,
       "",
       "{0a000000-0000-4000-8000-00000000001}",
       {"webhook_id"}},
      {"config without number", v1::WEBHOOK_SCOPE_CONFIG, "", kWebhookId, {"phone_number_id"}},
      {"both", v1::WEBHOOK_SCOPE_CONFIG, "+1555", "", {"phone_number_id", "webhook_id"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    v1::GetWebhookRequest get;
    get.set_scope(row.scope);
    get.set_phone_number_id(row.phone_number_id);
    get.set_webhook_id(row.webhook_id);
    ExpectViolations(Validate(get), row.fields);
    v1::DeleteWebhookRequest del;
    del.set_scope(row.scope);
    del.set_phone_number_id(row.phone_number_id);
    del.set_webhook_id(row.webhook_id);
    ExpectViolations(Validate(del), row.fields);
  }
}

v1::CreateWebhookRequest ValidCreate() {
  v1::CreateWebhookRequest r;
  r.set_phone_number_id(kNumber);
  v1::Webhook* w = r.mutable_webhook();
  w->set_url("https://example.com/kapso/hook");
  w->set_kind("kapso");
  w->add_events("whatsapp.message.received");
  w->add_events("whatsapp.message.failed");
  return r;
}

TEST(ValidateCreateWebhook, Table) {
  using R = v1::CreateWebhookRequest;
  RunCases<R>(
      ValidCreate(),
      {
          {"valid", Keep<R>, {}},
          {"valid with every option",
           [](R& r) {
             v1::Webhook* w = r.mutable_webhook();
             w->set_payload_version("v1");
             w->set_buffer_enabled(true);
             w->set_buffer_window_seconds(60);
             w->set_max_buffer_size(100);
             w->add_buffer_events("whatsapp.message.received");
             w->set_inactivity_minutes(1440);
             (*w->mutable_headers())["X-Team"] = "ops";
             w->set_secret_key("s3cret");
           },
           {}},
          {"valid meta",
           [](R& r) {
             r.mutable_webhook()->set_kind("meta");
             r.mutable_webhook()->clear_events();
           },
           {}},
          {"no webhook", [](R& r) { r.clear_webhook(); }, {"webhook"}},
          {"http url",
           [](R& r) { r.mutable_webhook()->set_url("http://example.com/hook"); },
           {"webhook.url"}},
          {"missing url", [](R& r) { r.mutable_webhook()->clear_url(); }, {"webhook.url"}},
          {"scheme only", [](R& r) { r.mutable_webhook()->set_url("https://"); }, {"webhook.url"}},
          {"no host before path",
           [](R& r) { r.mutable_webhook()->set_url("https:///hook"); },
           {"webhook.url"}},
          {"no host before port",
           [](R& r) { r.mutable_webhook()->set_url("https://:443/hook"); },
           {"webhook.url"}},
          {"no host before query",
           [](R& r) { r.mutable_webhook()->set_url("https://?a=b"); },
           {"webhook.url"}},
          {"no host after user info",
           [](R& r) { r.mutable_webhook()->set_url("https://user@:443/hook"); },
           {"webhook.url"}},
          {"host with port, user info, query and fragment",
           [](R& r) { r.mutable_webhook()->set_url("https://u:p@hooks.example.com:8443/k?a=b#c"); },
           {}},
          {"bare host", [](R& r) { r.mutable_webhook()->set_url("https://example.com"); }, {}},
          {"space in url",
           [](R& r) { r.mutable_webhook()->set_url("https://exa mple.com"); },
           {"webhook.url"}},
          {"unknown event",
           [](R& r) { r.mutable_webhook()->add_events("whatsapp.message.exploded"); },
           {"webhook.events[2]"}},
          {"unknown buffer event",
           [](R& r) { r.mutable_webhook()->add_buffer_events("message.received"); },
           {"webhook.buffer_events[0]"}},
          {"meta with events",
           [](R& r) { r.mutable_webhook()->set_kind("meta"); },
           {"webhook.events"}},
          {"meta with buffering",
           [](R& r) {
             r.mutable_webhook()->set_kind("meta");
             r.mutable_webhook()->clear_events();
             r.mutable_webhook()->set_buffer_enabled(false);
           },
           {"webhook.events"}},
          {"kapso without events",
           [](R& r) { r.mutable_webhook()->clear_events(); },
           {"webhook.events"}},
          {"default kind without events",
           [](R& r) {
             r.mutable_webhook()->clear_kind();
             r.mutable_webhook()->clear_events();
           },
           {"webhook.events"}},
          {"unknown kind", [](R& r) { r.mutable_webhook()->set_kind("slack"); }, {"webhook.kind"}},
          {"buffer window 0",
           [](R& r) { r.mutable_webhook()->set_buffer_window_seconds(0); },
           {"webhook.buffer_window_seconds"}},
          {"buffer window 61",
           [](R& r) { r.mutable_webhook()->set_buffer_window_seconds(61); },
           {"webhook.buffer_window_seconds"}},
          {"buffer size 101",
           [](R& r) { r.mutable_webhook()->set_max_buffer_size(101); },
           {"webhook.max_buffer_size"}},
          {"buffer size 0",
           [](R& r) { r.mutable_webhook()->set_max_buffer_size(0); },
           {"webhook.max_buffer_size"}},
          {"inactivity 1441",
           [](R& r) { r.mutable_webhook()->set_inactivity_minutes(1441); },
           {"webhook.inactivity_minutes"}},
          {"inactivity 0",
           [](R& r) { r.mutable_webhook()->set_inactivity_minutes(0); },
           {"webhook.inactivity_minutes"}},
          {"payload v3",
           [](R& r) { r.mutable_webhook()->set_payload_version("v3"); },
           {"webhook.payload_version"}},
          {"header name with space",
           [](R& r) { (*r.mutable_webhook()->mutable_headers())["X Team"] = "ops"; },
           {"webhook.headers"}},
          {"header value with CRLF",
           [](R& r) {
             (*r.mutable_webhook()->mutable_headers())["X-Team"] = "ops\r\nX-Injected: 1";
           },
           {"webhook.headers"}},
          {"header value with LF",
           [](R& r) { (*r.mutable_webhook()->mutable_headers())["X-Team"] = "a\nb"; },
           {"webhook.headers"}},
          {"open headers of any JSON value",
           [](R& r) {
             auto& h = *r.mutable_webhook()->mutable_headers_json()->mutable_fields();
             h["X-Retries"].set_number_value(3);
             h["X-On"].set_bool_value(true);
             h["X-Team"].set_string_value("ops");
           },
           {}},
          {"open header with CRLF and bad name",
           [](R& r) {
             auto& h = *r.mutable_webhook()->mutable_headers_json()->mutable_fields();
             h["X-Team"].set_string_value("a\r\nX-Injected: 1");
             h["X Bad"].set_number_value(1);
           },
           {"webhook.headers_json", "webhook.headers_json"}},
          {"both header fields",
           [](R& r) {
             (*r.mutable_webhook()->mutable_headers())["X-A"] = "1";
             (*r.mutable_webhook()->mutable_headers_json()->mutable_fields())["X-B"]
                 .set_string_value("2");
           },
           {"webhook.headers"}},
          {"secret too long",
           [](R& r) { r.mutable_webhook()->set_secret_key(std::string(257, 'k')); },
           {"webhook.secret_key"}},
          {"config without number",
           [](R& r) {
             r.clear_phone_number_id();
             r.set_scope(v1::WEBHOOK_SCOPE_CONFIG);
           },
           {"phone_number_id"}},
          {"every violation at once",
           [](R& r) {
             r.set_phone_number_id("abc");
             v1::Webhook* w = r.mutable_webhook();
             w->set_url("http://example.com");
             w->set_payload_version("v3");
             w->set_buffer_window_seconds(0);
             w->set_inactivity_minutes(1441);
           },
           {"phone_number_id", "webhook.url", "webhook.payload_version",
            "webhook.buffer_window_seconds", "webhook.inactivity_minutes"}},
      });
}

TEST(ValidateUpdateWebhook, Table) {
  using R = v1::UpdateWebhookRequest;
  R valid;
  valid.set_phone_number_id(kNumber);
  valid.set_webhook_id(kWebhookId);
  valid.mutable_webhook()->set_url("https://example.com/new");
  valid.mutable_update_mask()->add_paths("url");
  RunCases<R>(valid, {
                         {"valid", Keep<R>, {}},
                         {"clearing events is allowed",
                          [](R& r) {
                            r.mutable_update_mask()->add_paths("events");
                            r.mutable_update_mask()->add_paths("active");
                          },
                          {}},
                         {"no mask and no kind", [](R& r) { r.clear_update_mask(); }, {}},
                         {"mask with kind",
                          [](R& r) { r.mutable_update_mask()->add_paths("kind"); },
                          {"update_mask"}},
                         {"mask with unknown path",
                          [](R& r) { r.mutable_update_mask()->add_paths("colour"); },
                          {"update_mask"}},
                         {"mask with output-only path",
                          [](R& r) { r.mutable_update_mask()->add_paths("created_at"); },
                          {"update_mask"}},
                         {"no mask but kind set",
                          [](R& r) {
                            r.clear_update_mask();
                            r.mutable_webhook()->set_kind("meta");
                          },
                          {"webhook.kind"}},
                         {"missing webhook id", [](R& r) { r.clear_webhook_id(); }, {"webhook_id"}},
                         {"http url",
                          [](R& r) { r.mutable_webhook()->set_url("http://example.com/new"); },
                          {"webhook.url"}},
                         {"masked url left empty would clear it",
                          [](R& r) { r.mutable_webhook()->clear_url(); },
                          {"webhook.url"}},
                         {"unmasked empty url is fine",
                          [](R& r) {
                            r.mutable_webhook()->clear_url();
                            r.mutable_update_mask()->clear_paths();
                            r.mutable_update_mask()->add_paths("active");
                          },
                          {}},
                         {"unknown event",
                          [](R& r) { r.mutable_webhook()->add_events("nope"); },
                          {"webhook.events[0]"}},
                         {"header with CRLF",
                          [](R& r) { (*r.mutable_webhook()->mutable_headers())["X-A"] = "1\r\n"; },
                          {"webhook.headers"}},
                         {"every violation at once",
                          [](R& r) {
                            r.clear_webhook_id();
                            r.mutable_update_mask()->add_paths("kind");
                            r.mutable_update_mask()->add_paths("colour");
                            r.mutable_webhook()->set_max_buffer_size(101);
                          },
                          {"webhook_id", "update_mask", "update_mask", "webhook.max_buffer_size"}},
                     });
}

TEST(ValidateTestWebhook, Table) {
  using R = v1::TestWebhookRequest;
  R valid;
  valid.set_webhook_id(kWebhookId);
  RunCases<R>(
      valid,
      {
          {"valid without event", Keep<R>, {}},
          {"valid with event", [](R& r) { r.set_event_type("whatsapp.conversation.ended"); }, {}},
          {"unknown event", [](R& r) { r.set_event_type("whatsapp.bogus"); }, {"event_type"}},
          {"missing id", [](R& r) { r.clear_webhook_id(); }, {"webhook_id"}},
      });
}

// --- Messages and conversations -----------------------------------------

TEST(ValidateListMessages, Table) {
  using R = v1::ListMessagesRequest;
  RunCases<R>(
      R(),
      {
          {"no filters", Keep<R>, {}},
          {"every valid filter",
           [](R& r) {
             r.set_phone_number_id(kNumber);
             r.set_conversation_id("c0000000-0000-4000-8000-000000000001");
             r.set_phone_number("+1555");
             r.set_direction("outbound");
             r.set_status("failed");
             r.set_message_type("template");
             r.set_has_media(true);
             r.set_page_size(100);
           },
           {}},
          {"non-numeric number",
           [](R& r) { r.set_phone_number_id("+15550100001"); },
           {"phone_number_id"}},
          {"conversation id with slash",
           [](R& r) { r.set_conversation_id("a/b"); },
           {"conversation_id"}},
          {"partial phone with space",
           [](R& r) { r.set_phone_number("+1 555"); },
           {"phone_number"}},
          {"plus only", [](R& r) { r.set_phone_number("+"); }, {"phone_number"}},
          {"direction", [](R& r) { r.set_direction("sideways"); }, {"direction"}},
          {"direction is case-sensitive", [](R& r) { r.set_direction("INBOUND"); }, {"direction"}},
          {"status", [](R& r) { r.set_status("bounced"); }, {"status"}},
          {"message type", [](R& r) { r.set_message_type("Text"); }, {"message_type"}},
          {"page_size 101", [](R& r) { r.set_page_size(101); }, {"page_size"}},
          {"every violation at once",
           [](R& r) {
             r.set_direction("up");
             r.set_status("gone");
             r.set_page_size(-1);
           },
           {"direction", "status", "page_size"}},
      });
}

TEST(ValidateGetMessage, Table) {
  using R = v1::GetMessageRequest;
  RunCases<R>(
      R(), {
               {"missing", Keep<R>, {"message_id"}},
               {"wamid", [](R& r) { r.set_message_id("wamid.HBgLMTU1NTAx+Mw=="); }, {}},
               {"spaces", [](R& r) { r.set_message_id("wamid.ABC DEF"); }, {"message_id"}},
               {"newline", [](R& r) { r.set_message_id("wamid.A\n"); }, {"message_id"}},
               {"dot-dot", [](R& r) { r.set_message_id(".."); }, {"message_id"}},
               {"too long", [](R& r) { r.set_message_id(std::string(257, 'a')); }, {"message_id"}},
           });
}

TEST(ValidateListConversations, Table) {
  using R = v1::ListConversationsRequest;
  RunCases<R>(
      R(),
      {
          {"no filters", Keep<R>, {}},
          {"E.164", [](R& r) { r.set_phone_number("+15551234567"); }, {}},
          // Kapso's filter is a partial match on digits (its spec).
          {"no plus", [](R& r) { r.set_phone_number("5551234567"); }, {}},
          {"partial", [](R& r) { r.set_phone_number("+0123"); }, {}},
          {"letters", [](R& r) { r.set_phone_number("+1555abc"); }, {"phone_number"}},
          {"spaces", [](R& r) { r.set_phone_number("+1 555"); }, {"phone_number"}},
          {"too long", [](R& r) { r.set_phone_number("+1234567890123456"); }, {"phone_number"}},
          {"status", [](R& r) { r.set_status("closed"); }, {"status"}},
          {"status ended ok", [](R& r) { r.set_status("ended"); }, {}},
          {"every violation at once",
           [](R& r) {
             r.set_phone_number("55-5");
             r.set_phone_number_id("x");
             r.set_status("open");
             r.set_page_size(101);
           },
           {"phone_number", "phone_number_id", "status", "page_size"}},
      });
}

TEST(ValidateGetConversation, Table) {
  using R = v1::GetConversationRequest;
  RunCases<R>(
      R(),
      {
          {"missing", Keep<R>, {"conversation_id"}},
          {"uuid", [](R& r) { r.set_conversation_id("c0000000-0000-4000-8000-000000000001"); }, {}},
          {"traversal", [](R& r) { r.set_conversation_id(".."); }, {"conversation_id"}},
          // The spec's `format: uuid`: other ids never reach Kapso.
          {"not a uuid", [](R& r) { r.set_conversation_id("conv_1"); }, {"conversation_id"}},
          {"uuid missing a digit",
           [](R& r) { r.set_conversation_id("c0000000-0000-4000-8000-00000000001"); },
           {"conversation_id"}},
          {"upper-case uuid",
           [](R& r) { r.set_conversation_id("C0000000-0000-4000-8000-0000000000AB"); },
           {}},
      });
}

// --- Triage and health ---------------------------------------------------

TEST(ValidateListMessageErrors, Table) {
  using R = v1::ListMessageErrorsRequest;
  RunCases<R>(
      R(),
      {
          {"defaults", Keep<R>, {}},
          {"period 30d, limit 100",
           [](R& r) {
             r.set_period(v1::PERIOD_30D);
             r.set_limit(100);
           },
           {}},
          {"period out of range",
           [](R& r) { r.set_period(static_cast<v1::Period>(4)); },
           {"period"}},
          {"negative period", [](R& r) { r.set_period(static_cast<v1::Period>(-1)); }, {"period"}},
          {"limit -1", [](R& r) { r.set_limit(-1); }, {"limit"}},
          {"limit 101", [](R& r) { r.set_limit(101); }, {"limit"}},
          {"phone", [](R& r) { r.set_phone_number("+1-555"); }, {"phone_number"}},
          {"number id", [](R& r) { r.set_phone_number_id("abc"); }, {"phone_number_id"}},
      });
}

TEST(ValidateListApiLogs, Table) {
  using R = v1::ListApiLogsRequest;
  RunCases<R>(
      R(),
      {
          {"defaults", Keep<R>, {}},
          {"status 100", [](R& r) { r.set_status_code(100); }, {}},
          {"status 599", [](R& r) { r.set_status_code(599); }, {}},
          {"status 99", [](R& r) { r.set_status_code(99); }, {"status_code"}},
          {"status 600", [](R& r) { r.set_status_code(600); }, {"status_code"}},
          {"period", [](R& r) { r.set_period(static_cast<v1::Period>(9)); }, {"period"}},
          {"endpoint too long", [](R& r) { r.set_endpoint(std::string(513, 'e')); }, {"endpoint"}},
          {"page_size", [](R& r) { r.set_page_size(101); }, {"page_size"}},
          {"every violation at once",
           [](R& r) {
             r.set_period(static_cast<v1::Period>(9));
             r.set_status_code(600);
             r.set_page_size(-1);
           },
           {"period", "status_code", "page_size"}},
      });
}

TEST(ValidateListWebhookDeliveries, Table) {
  using R = v1::ListWebhookDeliveriesRequest;
  RunCases<R>(
      R(),
      {
          {"defaults", Keep<R>, {}},
          {"every valid filter",
           [](R& r) {
             r.set_period(v1::PERIOD_7D);
             r.set_status("failed");
             r.set_event("whatsapp.message.failed");
             r.set_webhook_id(kWebhookId);
             r.set_errors_only(true);
           },
           {}},
          {"status sent is not a delivery status", [](R& r) { r.set_status("sent"); }, {"status"}},
          {"event with space", [](R& r) { r.set_event("whatsapp message"); }, {"event"}},
          {"event without dot", [](R& r) { r.set_event("failed"); }, {"event"}},
          {"webhook id", [](R& r) { r.set_webhook_id("a/b"); }, {"webhook_id"}},
          {"webhook id not a uuid", [](R& r) { r.set_webhook_id("wh_1"); }, {"webhook_id"}},
          {"period", [](R& r) { r.set_period(static_cast<v1::Period>(4)); }, {"period"}},
      });
}

TEST(ValidateGetProjectOverview, Table) {
  using R = v1::GetProjectOverviewRequest;
  RunCases<R>(
      R(), {
               {"default", Keep<R>, {}},
               {"7d", [](R& r) { r.set_period(v1::PERIOD_7D); }, {}},
               {"out of range", [](R& r) { r.set_period(static_cast<v1::Period>(4)); }, {"period"}},
           });
}

TEST(ValidateCheckPhoneNumberHealth, Table) {
  using R = v1::CheckPhoneNumberHealthRequest;
  RunCases<R>(R(),
              {
                  {"missing", Keep<R>, {"phone_number_id"}},
                  {"numeric", [](R& r) { r.set_phone_number_id(kNumber); }, {}},
                  {"non-numeric", [](R& r) { r.set_phone_number_id("12ab"); }, {"phone_number_id"}},
                  {"too long",
                   [](R& r) { r.set_phone_number_id(std::string(33, '1')); },
                   {"phone_number_id"}},
              });
}

}  // namespace
}  // namespace kapso::service

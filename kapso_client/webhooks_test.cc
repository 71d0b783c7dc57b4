// How the Webhooks RPCs are asked of Kapso: paths in every scope, queries, bodies,
// and how a page of the list is read back.

#include "kapso_client/webhooks.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/built_request.h"

namespace kapso::client {
namespace {

using ::google::protobuf::Struct;
using ::google::protobuf::util::TimeUtil;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;
using testing_util::Built;
using testing_util::ExpectInvalidArgument;
using testing_util::Page;

constexpr char kNumber[] = "1000000000000001";
constexpr char kWebhookId[] = "0a000000-0000-4000-8000-000000000001";
using Query = std::vector<std::pair<std::string, std::string>>;

Struct ParseJson(const std::string& json) {
  Struct parsed;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok()) << json;
  return parsed;
}

// The `whatsapp_webhook` object of a create/update body.
Struct WebhookBody(const HttpRequest& http) {
  Struct envelope = ParseJson(http.body);
  EXPECT_EQ(envelope.fields_size(), 1) << http.body;
  auto it = envelope.fields().find("whatsapp_webhook");
  if (it == envelope.fields().end()) {
    ADD_FAILURE() << "no whatsapp_webhook in " << http.body;
    return Struct();
  }
  return it->second.struct_value();
}

std::vector<std::string> Keys(const Struct& s) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : s.fields()) keys.push_back(key);
  return keys;
}

// --- Webhook paths -------------------------------------------------------

struct ScopeCase {
  const char* name;
  v1::WebhookScope scope;
  std::string phone_number_id;
  std::string collection;  // "" when the request is invalid
};

const ScopeCase kScopeCases[] = {
    {"config", v1::WEBHOOK_SCOPE_CONFIG, kNumber,
     "/whatsapp/phone_numbers/1000000000000001/webhooks"},
    {"inferred config", v1::WEBHOOK_SCOPE_UNSPECIFIED, kNumber,
     "/whatsapp/phone_numbers/1000000000000001/webhooks"},
    {"inferred project", v1::WEBHOOK_SCOPE_UNSPECIFIED, "", "/whatsapp/webhooks"},
    {"project ignores number in path", v1::WEBHOOK_SCOPE_PROJECT, kNumber, "/whatsapp/webhooks"},
    {"config number encoded", v1::WEBHOOK_SCOPE_CONFIG, "../../api_logs",
     "/whatsapp/phone_numbers/..%2F..%2Fapi_logs/webhooks"},
    {"config without number", v1::WEBHOOK_SCOPE_CONFIG, "", ""},
    {"config with dot-dot number", v1::WEBHOOK_SCOPE_CONFIG, "..", ""},
};

TEST(WebhookRequests, ItemPathsInEveryScope) {
  for (const ScopeCase& c : kScopeCases) {
    SCOPED_TRACE(c.name);
    v1::GetWebhookRequest get;
    get.set_scope(c.scope);
    get.set_phone_number_id(c.phone_number_id);
    get.set_webhook_id(kWebhookId);
    v1::DeleteWebhookRequest del;
    del.set_scope(c.scope);
    del.set_phone_number_id(c.phone_number_id);
    del.set_webhook_id(kWebhookId);
    v1::UpdateWebhookRequest update;
    update.set_scope(c.scope);
    update.set_phone_number_id(c.phone_number_id);
    update.set_webhook_id(kWebhookId);
    if (c.collection.empty()) {
      ExpectInvalidArgument(BuildGetWebhook(get), "phone_number_id");
      ExpectInvalidArgument(BuildDeleteWebhook(del), "phone_number_id");
      ExpectInvalidArgument(BuildUpdateWebhook(update), "phone_number_id");
      continue;
    }
    const std::string item = c.collection + "/" + kWebhookId;
    HttpRequest http = Built(BuildGetWebhook(get));
    EXPECT_EQ(http.method, HttpMethod::kGet);
    EXPECT_EQ(http.path, item);
    EXPECT_TRUE(http.query.empty());
    http = Built(BuildDeleteWebhook(del));
    EXPECT_EQ(http.method, HttpMethod::kDelete);
    EXPECT_EQ(http.path, item);
    EXPECT_TRUE(http.body.empty());
    http = Built(BuildUpdateWebhook(update));
    EXPECT_EQ(http.method, HttpMethod::kPatch);
    EXPECT_EQ(http.path, item);
  }
}

TEST(WebhookRequests, CollectionPathsInEveryScope) {
  for (const ScopeCase& c : kScopeCases) {
    SCOPED_TRACE(c.name);
    v1::ListWebhooksRequest list;
    list.set_scope(c.scope);
    list.set_phone_number_id(c.phone_number_id);
    v1::CreateWebhookRequest create;
    create.set_scope(c.scope);
    create.set_phone_number_id(c.phone_number_id);
    create.mutable_webhook()->set_url("https://example.com/hook");
    if (c.collection.empty()) {
      ExpectInvalidArgument(BuildListWebhooks(list, Page(20)), "phone_number_id");
      ExpectInvalidArgument(BuildCreateWebhook(create), "phone_number_id");
      continue;
    }
    HttpRequest http = Built(BuildListWebhooks(list, Page(20)));
    EXPECT_EQ(http.method, HttpMethod::kGet);
    EXPECT_EQ(http.path, c.collection);
    http = Built(BuildCreateWebhook(create));
    EXPECT_EQ(http.method, HttpMethod::kPost);
    EXPECT_EQ(http.path, c.collection);
  }
}

TEST(WebhookRequests, WebhookIdIsOneEncodedSegment) {
  struct Case {
    const char* id;
    const char* path;  // nullptr: rejected
  };
  const Case cases[] = {
      {"../../api_logs", "/whatsapp/webhooks/..%2F..%2Fapi_logs"},
      {"a b?c", "/whatsapp/webhooks/a%20b%3Fc"},
      {"", nullptr},
      {".", nullptr},
      {"..", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    v1::GetWebhookRequest get;
    get.set_scope(v1::WEBHOOK_SCOPE_PROJECT);
    get.set_webhook_id(c.id);
    v1::TestWebhookRequest test;
    test.set_webhook_id(c.id);
    if (c.path == nullptr) {
      ExpectInvalidArgument(BuildGetWebhook(get), "webhook_id");
      ExpectInvalidArgument(BuildTestWebhook(test), "webhook_id");
      continue;
    }
    EXPECT_EQ(Built(BuildGetWebhook(get)).path, c.path);
    EXPECT_EQ(Built(BuildTestWebhook(test)).path, std::string(c.path) + "/test");
  }
}

// --- ListWebhooks query --------------------------------------------------

TEST(BuildListWebhooks, Query) {
  using Setup = std::function<void(v1::ListWebhooksRequest&)>;
  auto config = [](v1::ListWebhooksRequest& r) { r.set_phone_number_id(kNumber); };
  struct Case {
    const char* name;
    Setup setup;
    Query query;
  };
  const Case cases[] = {
      {"no filters", config, {{"page", "3"}, {"per_page", "50"}}},
      {"kind",
       [&](auto& r) {
         config(r);
         r.set_kind("meta");
       },
       {{"page", "3"}, {"per_page", "50"}, {"kind", "meta"}}},
      {"every config filter",
       [&](auto& r) {
         config(r);
         r.set_url_contains("example.com/a b");
         r.set_active(true);
         *r.mutable_created_after() = TimeUtil::SecondsToTimestamp(1767323045);
         *r.mutable_created_before() = TimeUtil::SecondsToTimestamp(1767409445);
       },
       {{"page", "3"},
        {"per_page", "50"},
        {"url_contains", "example.com/a b"},
        {"active", "true"},
        {"created_after", "2026-01-02T03:04:05Z"},
        {"created_before", "2026-01-03T03:04:05Z"}}},
      {"active false is sent",
       [&](auto& r) {
         config(r);
         r.set_active(false);
       },
       {{"page", "3"}, {"per_page", "50"}, {"active", "false"}}},
      {"project scope keeps only kind",
       [](auto& r) {
         r.set_scope(v1::WEBHOOK_SCOPE_PROJECT);
         r.set_kind("kapso");
         r.set_url_contains("x");
         r.set_active(false);
         *r.mutable_created_after() = TimeUtil::SecondsToTimestamp(1);
       },
       {{"page", "3"}, {"per_page", "50"}, {"kind", "kapso"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::ListWebhooksRequest request;
    c.setup(request);
    EXPECT_THAT(Built(BuildListWebhooks(request, Page(50, 3, "ignored"))).query,
                UnorderedElementsAreArray(c.query));
  }
}

// --- Create --------------------------------------------------------------

v1::Webhook FullWebhook() {
  v1::Webhook w;
  w.set_id("output-only-id");
  w.set_project_id("output-only-project");
  *w.mutable_created_at() = TimeUtil::SecondsToTimestamp(1);
  *w.mutable_updated_at() = TimeUtil::SecondsToTimestamp(2);
  w.set_url("https://example.com/hook");
  w.set_kind("kapso");
  w.add_events("whatsapp.message.received");
  w.add_events("whatsapp.message.failed");
  w.set_active(true);
  w.set_secret_key("s3cret-value");
  (*w.mutable_headers())["X-Team"] = "ops";
  w.set_payload_version("v2");
  w.set_buffer_enabled(true);
  w.set_buffer_window_seconds(5);
  w.set_max_buffer_size(50);
  w.add_buffer_events("whatsapp.message.received");
  w.set_inactivity_minutes(60);
  w.set_phone_number_id("999");  // the request's number wins
  return w;
}

TEST(BuildCreateWebhook, ConfigScopeSendsWritableFieldsOnly) {
  v1::CreateWebhookRequest request;
  request.set_phone_number_id(kNumber);
  *request.mutable_webhook() = FullWebhook();
  HttpRequest http = Built(BuildCreateWebhook(request));
  Struct body = WebhookBody(http);
  EXPECT_THAT(Keys(body),
              UnorderedElementsAre("url", "kind", "events", "active", "secret_key", "headers",
                                   "payload_version", "buffer_enabled", "buffer_window_seconds",
                                   "max_buffer_size", "buffer_events", "inactivity_minutes"));
  EXPECT_EQ(body.fields().at("url").string_value(), "https://example.com/hook");
  EXPECT_EQ(body.fields().at("events").list_value().values_size(), 2);
  EXPECT_EQ(body.fields().at("events").list_value().values(1).string_value(),
            "whatsapp.message.failed");
  EXPECT_EQ(body.fields().at("buffer_window_seconds").number_value(), 5);
  EXPECT_EQ(body.fields().at("headers").struct_value().fields().at("X-Team").string_value(), "ops");
  EXPECT_TRUE(body.fields().at("active").bool_value());
}

TEST(BuildCreateWebhook, ProjectScopeCarriesPhoneNumberIdInBody) {
  struct Case {
    const char* name;
    v1::WebhookScope scope;
    std::string phone_number_id;
    bool in_body;
  };
  const Case cases[] = {
      {"explicit project with number", v1::WEBHOOK_SCOPE_PROJECT, kNumber, true},
      {"explicit project without number", v1::WEBHOOK_SCOPE_PROJECT, "", false},
      {"inferred project", v1::WEBHOOK_SCOPE_UNSPECIFIED, "", false},
      {"config", v1::WEBHOOK_SCOPE_CONFIG, kNumber, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::CreateWebhookRequest request;
    request.set_scope(c.scope);
    request.set_phone_number_id(c.phone_number_id);
    request.mutable_webhook()->set_url("https://example.com/hook");
    request.mutable_webhook()->add_events("whatsapp.phone_number.created");
    request.mutable_webhook()->set_phone_number_id("999");
    Struct body = WebhookBody(Built(BuildCreateWebhook(request)));
    auto it = body.fields().find("phone_number_id");
    if (c.in_body) {
      ASSERT_NE(it, body.fields().end());
      EXPECT_EQ(it->second.string_value(), c.phone_number_id);
    } else {
      EXPECT_EQ(it, body.fields().end());
    }
  }
}

TEST(BuildCreateWebhook, OmitsUnsetFields) {
  v1::CreateWebhookRequest request;
  request.set_phone_number_id(kNumber);
  request.mutable_webhook()->set_url("https://example.com/hook");
  request.mutable_webhook()->add_events("whatsapp.message.failed");
  EXPECT_THAT(Keys(WebhookBody(Built(BuildCreateWebhook(request)))),
              UnorderedElementsAre("url", "events"));
}

// --- Update --------------------------------------------------------------

TEST(BuildUpdateWebhook, Body) {
  struct Case {
    const char* name;
    std::function<void(v1::UpdateWebhookRequest&)> setup;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {"mask picks only masked fields",
       [](auto& r) {
         *r.mutable_webhook() = FullWebhook();
         r.mutable_update_mask()->add_paths("url");
         r.mutable_update_mask()->add_paths("inactivity_minutes");
       },
       {"url", "inactivity_minutes"}},
      {"masked fields at default are sent",
       [](auto& r) {
         r.mutable_webhook()->set_url("https://not-masked.example.com");
         r.mutable_webhook()->set_active(false);
         r.mutable_update_mask()->add_paths("active");
         r.mutable_update_mask()->add_paths("events");
         r.mutable_update_mask()->add_paths("headers");
         r.mutable_update_mask()->add_paths("secret_key");
       },
       {"active", "events", "headers", "secret_key"}},
      {"no mask sends every set writable field",
       [](auto& r) {
         r.mutable_webhook()->set_id("output-only");
         r.mutable_webhook()->set_project_id("output-only");
         r.mutable_webhook()->set_phone_number_id("999");
         r.mutable_webhook()->set_url("https://example.com/new");
         r.mutable_webhook()->set_active(false);
         r.mutable_webhook()->set_max_buffer_size(10);
       },
       {"url", "active", "max_buffer_size"}},
      {"no mask and nothing set sends nothing", [](auto&) {}, {}},
      {"kind is never sent",
       [](auto& r) {
         r.mutable_webhook()->set_kind("meta");
         r.mutable_webhook()->set_url("https://example.com/new");
       },
       {"url"}},
      {"masked kind is not sent",
       [](auto& r) {
         r.mutable_webhook()->set_kind("meta");
         r.mutable_update_mask()->add_paths("kind");
         r.mutable_update_mask()->add_paths("payload_version");
       },
       {"payload_version"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::UpdateWebhookRequest request;
    request.set_phone_number_id(kNumber);
    request.set_webhook_id(kWebhookId);
    c.setup(request);
    EXPECT_THAT(Keys(WebhookBody(Built(BuildUpdateWebhook(request)))),
                UnorderedElementsAreArray(c.keys));
  }
}

TEST(BuildUpdateWebhook, MaskedDefaultsHaveTheirDefaultValues) {
  v1::UpdateWebhookRequest request;
  request.set_phone_number_id(kNumber);
  request.set_webhook_id(kWebhookId);
  request.mutable_webhook()->set_active(false);
  request.mutable_update_mask()->add_paths("active");
  request.mutable_update_mask()->add_paths("events");
  request.mutable_update_mask()->add_paths("secret_key");
  Struct body = WebhookBody(Built(BuildUpdateWebhook(request)));
  ASSERT_EQ(body.fields().count("active"), 1u);
  EXPECT_EQ(body.fields().at("active").kind_case(), google::protobuf::Value::kBoolValue);
  EXPECT_FALSE(body.fields().at("active").bool_value());
  ASSERT_EQ(body.fields().count("events"), 1u);
  EXPECT_EQ(body.fields().at("events").kind_case(), google::protobuf::Value::kListValue);
  EXPECT_EQ(body.fields().at("events").list_value().values_size(), 0);
  EXPECT_EQ(body.fields().at("secret_key").string_value(), "");
}

TEST(BuildUpdateWebhook, MaskedNullableFieldsLeftUnsetAreSentAsNull) {
  v1::UpdateWebhookRequest request;
  request.set_phone_number_id(kNumber);
  request.set_webhook_id(kWebhookId);
  request.mutable_webhook()->set_max_buffer_size(7);
  for (const char* path : {"buffer_window_seconds", "max_buffer_size", "inactivity_minutes",
                           "payload_version", "headers_json", "buffer_enabled"}) {
    request.mutable_update_mask()->add_paths(path);
  }
  Struct body = WebhookBody(Built(BuildUpdateWebhook(request)));
  EXPECT_THAT(Keys(body),
              UnorderedElementsAre("buffer_window_seconds", "max_buffer_size", "inactivity_minutes",
                                   "payload_version", "headers", "buffer_enabled"));
  for (const char* name :
       {"buffer_window_seconds", "inactivity_minutes", "payload_version", "headers"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(body.fields().at(name).kind_case(), google::protobuf::Value::kNullValue);
  }
  EXPECT_EQ(body.fields().at("max_buffer_size").number_value(), 7);  // set: its value
  EXPECT_EQ(body.fields().at("buffer_enabled").kind_case(), google::protobuf::Value::kBoolValue);
  EXPECT_FALSE(body.fields().at("buffer_enabled").bool_value());  // not nullable in the spec
  EXPECT_NE(Built(BuildUpdateWebhook(request)).body.find("\"inactivity_minutes\":null"),
            std::string::npos);
}

TEST(BuildUpdateWebhook, OpenHeadersAreSentAsKapsosHeaders) {
  v1::UpdateWebhookRequest request;
  request.set_phone_number_id(kNumber);
  request.set_webhook_id(kWebhookId);
  auto& headers = *request.mutable_webhook()->mutable_headers_json()->mutable_fields();
  headers["X-Retries"].set_number_value(3);
  headers["X-Team"].set_string_value("ops");
  request.mutable_update_mask()->add_paths("headers_json");
  Struct body = WebhookBody(Built(BuildUpdateWebhook(request)));
  EXPECT_THAT(Keys(body), UnorderedElementsAre("headers"));
  EXPECT_EQ(body.fields().at("headers").struct_value().fields().at("X-Retries").number_value(), 3);
  request.clear_update_mask();  // no mask: the field set, under Kapso's name
  body = WebhookBody(Built(BuildUpdateWebhook(request)));
  EXPECT_THAT(Keys(body), UnorderedElementsAre("headers"));
}

TEST(BuildCreateWebhook, OpenHeadersAreSentAsKapsosHeaders) {
  v1::CreateWebhookRequest request;
  request.set_phone_number_id(kNumber);
  request.mutable_webhook()->set_url("https://example.com/hook");
  (*request.mutable_webhook()->mutable_headers_json()->mutable_fields())["X-On"].set_bool_value(
      true);
  Struct body = WebhookBody(Built(BuildCreateWebhook(request)));
  EXPECT_THAT(Keys(body), UnorderedElementsAre("url", "headers"));
  EXPECT_TRUE(body.fields().at("headers").struct_value().fields().at("X-On").bool_value());
}

// --- Test webhook --------------------------------------------------------

TEST(BuildTestWebhook, EventTypeInBodyOnlyWhenSet) {
  v1::TestWebhookRequest request;
  request.set_webhook_id(kWebhookId);
  HttpRequest http = Built(BuildTestWebhook(request));
  EXPECT_EQ(http.method, HttpMethod::kPost);
  EXPECT_EQ(http.path, std::string("/whatsapp/webhooks/") + kWebhookId + "/test");
  EXPECT_TRUE(http.query.empty());
  EXPECT_EQ(ParseJson(http.body).fields_size(), 0);

  request.set_event_type("whatsapp.message.received");
  Struct body = ParseJson(Built(BuildTestWebhook(request)).body);
  EXPECT_THAT(Keys(body), UnorderedElementsAre("event_type"));
  EXPECT_EQ(body.fields().at("event_type").string_value(), "whatsapp.message.received");
}

TEST(TakeWebhookPage, MovesWebhooksAndTotalAndAnswersTheNextPage) {
  wire::WebhookList list;
  list.add_data()->set_id(kWebhookId);
  list.mutable_meta()->set_total_count(3);
  list.mutable_meta()->set_total_pages(3);
  v1::ListWebhooksResponse response;
  std::optional<PageRequest> next = TakeWebhookPage(Page(1, 2), list, &response);
  ASSERT_EQ(response.webhooks_size(), 1);
  EXPECT_EQ(response.webhooks(0).id(), kWebhookId);
  EXPECT_EQ(response.total_size(), 3);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->page, 3);
  list.add_data()->set_id(kWebhookId);  // the last page, not an empty one
  EXPECT_FALSE(TakeWebhookPage(*next, list, &response).has_value());
}

TEST(IsUpdatableWebhookField, OnlyWritableNonKindFields) {
  for (const char* field :
       {"url", "events", "active", "secret_key", "headers", "payload_version", "buffer_enabled",
        "buffer_window_seconds", "max_buffer_size", "buffer_events", "inactivity_minutes"}) {
    SCOPED_TRACE(field);
    EXPECT_TRUE(IsUpdatableWebhookField(field));
  }
  for (const char* field : {"kind", "id", "project_id", "phone_number_id", "created_at",
                            "updated_at", "", "URL", "headers.X-Team"}) {
    SCOPED_TRACE(field);
    EXPECT_FALSE(IsUpdatableWebhookField(field));
  }
}

}  // namespace
}  // namespace kapso::client

#include "cli/table_renderer.h"

#include "gtest/gtest.h"
#include "kapso/ops/v1/health.pb.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso/ops/v1/webhooks.pb.h"

namespace kapso::cli {
namespace {

TEST(FormatColumnsTest, AlignsAndTrims) {
  EXPECT_EQ(FormatColumns({{"ID", "URL"}, {"1234", "x"}, {"1", ""}}, "  "),
            "  ID    URL\n"
            "  1234  x\n"
            "  1\n");
}

TEST(FieldTextTest, NestedRepeatedAndTimestamps) {
  kapso::ops::v1::Message m;
  m.mutable_kapso()->set_status("failed");
  auto* e = m.add_delivery_timeline();
  e->set_status("sent");
  e->mutable_time()->set_seconds(1700000000);
  EXPECT_EQ(FieldText(m, "kapso.status"), "failed");
  EXPECT_EQ(FieldText(m, "kapso.nope"), "");
  EXPECT_EQ(FieldText(m, "context.x"), "");
  EXPECT_EQ(FieldText(*e, "time"), "2023-11-14T22:13:20Z");
  kapso::ops::v1::Webhook w;
  w.add_events("a");
  w.add_events("b");
  EXPECT_EQ(FieldText(w, "events"), "a,b");
  EXPECT_EQ(FieldText(w, "active"), "");  // Unset optional.
  w.set_active(false);
  EXPECT_EQ(FieldText(w, "active"), "false");
}

TEST(RenderTableTest, ListAsColumnsThenScalars) {
  kapso::ops::v1::ListWebhooksResponse r;
  auto* w = r.add_webhooks();
  w->set_id("w1");
  w->set_kind("kapso");
  w->set_active(true);
  w->set_url("https://x");
  w->add_events("e1");
  r.set_next_page_token("tok");
  EXPECT_EQ(RenderTable(r),
            "webhooks (1):\n"
            "  ID  KIND   ACTIVE  URL        EVENTS\n"
            "  w1  kapso  true    https://x  e1\n"
            "next_page_token: tok\n");
}

TEST(RenderTableTest, CountsReadAsNumbers) {
  kapso::ops::v1::ProjectOverview o;
  o.mutable_api_calls_total()->set_value(100);
  o.mutable_api_calls_failed()->set_value(12);
  o.mutable_api_calls_failed()->set_exact(true);
  o.mutable_webhook_deliveries_total()->mutable_error()->set_code(14);
  o.mutable_webhook_deliveries_total()->mutable_error()->set_message("down");
  o.mutable_phone_numbers_error()->set_code(5);
  o.mutable_phone_numbers_error()->set_message("gone");
  std::string text = RenderTable(o);
  EXPECT_NE(text.find("api_calls_total: 100+\n"), std::string::npos) << text;
  EXPECT_NE(text.find("api_calls_failed: 12\n"), std::string::npos) << text;
  EXPECT_NE(text.find("webhook_deliveries_total: error: UNAVAILABLE: down\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("phone_numbers_error: NOT_FOUND: gone\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace kapso::cli

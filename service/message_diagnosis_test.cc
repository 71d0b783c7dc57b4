#include "service/message_diagnosis.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "service/meta_error_catalog.h"

namespace kapso::service {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'700'000'000);

ops::v1::Message FailedWith(std::vector<int32_t> codes) {
  ops::v1::Message message;
  message.mutable_kapso()->set_direction("outbound");
  auto* event = message.add_delivery_timeline();
  event->set_status("failed");
  for (int32_t code : codes) event->add_errors()->set_code(code);
  return message;
}

TEST(MetaErrorCatalog, KnownCodesAndRanges) {
  EXPECT_EQ(LookupMetaError(131047).title, "Re-engagement message");
  EXPECT_EQ(LookupMetaError(131056).category, "throughput");
  EXPECT_EQ(LookupMetaError(190).category, "token");
  EXPECT_EQ(LookupMetaError(132999).category, "template");  // not listed: by range
  EXPECT_EQ(LookupMetaError(133999).category, "account");
  EXPECT_EQ(LookupMetaError(424242).title, "Unknown Meta error");
  for (int32_t code :
       {131047, 131026, 131056, 131049, 132001, 131031, 131042, 130429, 80007, 190, 100}) {
    EXPECT_FALSE(LookupMetaError(code).remediation.empty()) << code;
    EXPECT_EQ(LookupMetaError(code).code, code) << code;
  }
}

TEST(MessageDiagnosis, EachDistinctCodeExplainedOnceInOrder) {
  ops::v1::Message message = FailedWith({131047, 131026, 131047});
  AddDiagnosis(message, kNow);
  ASSERT_EQ(message.diagnosis().errors_size(), 2);
  EXPECT_EQ(message.diagnosis().errors(0).code(), 131047);
  EXPECT_EQ(message.diagnosis().errors(1).code(), 131026);
  EXPECT_EQ(message.diagnosis().errors(0).severity(), "error");
  EXPECT_NE(message.diagnosis().summary().find("131047"), std::string::npos);
  // A 131047 says the window was closed when the message was sent.
  EXPECT_EQ(message.diagnosis().window().state(), "closed");
  EXPECT_EQ(message.diagnosis().window().basis(), "error_131047");
}

TEST(MessageDiagnosis, WindowFromMetasConversationExpiration) {
  ops::v1::Message message = FailedWith({});
  message.mutable_delivery_timeline(0)->set_status("delivered");
  auto* status = message.mutable_kapso()->add_statuses();
  (*status->mutable_conversation()->mutable_fields())["expiration_timestamp"].set_string_value(
      "1700003600");
  AddDiagnosis(message, kNow);
  EXPECT_EQ(message.diagnosis().window().state(), "open");
  EXPECT_EQ(message.diagnosis().window().expires_at().seconds(), 1700003600);
  EXPECT_EQ(message.diagnosis().summary(), "last status: delivered");
  AddDiagnosis(message, kNow + absl::Hours(2));
  EXPECT_EQ(message.diagnosis().window().state(), "closed");
}

TEST(MessageDiagnosis, AnInboundMessageOpensTheWindowForADay) {
  ops::v1::Message message;
  message.mutable_kapso()->set_direction("inbound");
  message.set_timestamp(absl::StrCat(absl::ToUnixSeconds(kNow - absl::Hours(23))));
  AddDiagnosis(message, kNow);
  EXPECT_EQ(message.diagnosis().window().state(), "open");
  EXPECT_EQ(message.diagnosis().window().basis(), "inbound_message");
  message.set_timestamp(absl::StrCat(absl::ToUnixSeconds(kNow - absl::Hours(25))));
  AddDiagnosis(message, kNow);
  EXPECT_EQ(message.diagnosis().window().state(), "closed");
}

TEST(MessageDiagnosis, UnknownWithoutData) {
  ops::v1::Message message;
  message.mutable_kapso()->set_direction("outbound");
  message.set_timestamp("not a time");
  AddDiagnosis(message, kNow);
  EXPECT_EQ(message.diagnosis().window().state(), "unknown");
  EXPECT_EQ(message.diagnosis().summary(), "no delivery status yet");
}

}  // namespace
}  // namespace kapso::service

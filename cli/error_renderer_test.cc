#include "cli/error_renderer.h"

#include "cli/cli_status.h"
#include "cli/printer.h"

#include <sstream>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

grpc::Status NotFoundWithDetails() {
  google::rpc::Status rpc;
  rpc.set_code(grpc::StatusCode::NOT_FOUND);
  rpc.set_message("webhook not found");
  google::rpc::ErrorInfo info;
  info.set_reason("KAPSO_NOT_FOUND");
  info.set_domain("ops.kapso.ai");
  (*info.mutable_metadata())["http_status"] = "404";
  rpc.add_details()->PackFrom(info);
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(2);
  rpc.add_details()->PackFrom(retry);
  return grpc::Status(grpc::StatusCode::NOT_FOUND, "webhook not found", rpc.SerializeAsString());
}

google::protobuf::Struct ParseJson(const std::string& json) {
  google::protobuf::Struct doc;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &doc).ok()) << json;
  return doc;
}

TEST(ErrorRendererTest, JsonCarriesCodeMessageAndDecodedDetails) {
  absl::Status status = FromGrpcStatus(NotFoundWithDetails());
  google::protobuf::Struct doc = ParseJson(RenderErrorJson(status));
  EXPECT_FALSE(doc.fields().at("ok").bool_value());
  const auto& error = doc.fields().at("error").struct_value().fields();
  EXPECT_EQ(error.at("code").string_value(), "NOT_FOUND");
  EXPECT_EQ(error.at("message").string_value(), "webhook not found");
  const auto& details = error.at("details").list_value();
  ASSERT_EQ(details.values_size(), 2);
  const auto& info = details.values(0).struct_value().fields();
  EXPECT_EQ(info.at("@type").string_value(), "type.googleapis.com/google.rpc.ErrorInfo");
  EXPECT_EQ(info.at("reason").string_value(), "KAPSO_NOT_FOUND");
  EXPECT_EQ(details.values(1).struct_value().fields().at("retry_delay").string_value(), "2s");
}

TEST(ErrorRendererTest, TextShowsReasonAndRetry) {
  std::string text = RenderErrorText(FromGrpcStatus(NotFoundWithDetails()));
  EXPECT_NE(text.find("NOT_FOUND: webhook not found"), std::string::npos) << text;
  EXPECT_NE(text.find("reason: KAPSO_NOT_FOUND (ops.kapso.ai) http_status=404"), std::string::npos)
      << text;
  EXPECT_NE(text.find("retry after: 2s"), std::string::npos) << text;
}

TEST(ErrorRendererTest, EscapesMessage) {
  std::string json = RenderErrorJson(absl::InternalError("a \"quoted\"\nline"));
  EXPECT_EQ(
      ParseJson(json).fields().at("error").struct_value().fields().at("message").string_value(),
      "a \"quoted\"\nline");
}

TEST(ErrorRendererTest, UsageErrorNamesFlagInBadRequest) {
  std::string json = RenderErrorJson(UsageError("--scope: bad", "scope"));
  EXPECT_NE(json.find(R"("field":"--scope")"), std::string::npos) << json;
}

TEST(ExitCodeTest, ByKindOfFailure) {
  struct Case {
    absl::Status status;
    int want;
  };
  const Case cases[] = {
      {absl::OkStatus(), kExitOk},
      {UsageError("x"), kExitUsage},
      {FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "refused")), kExitUnreachable},
      {FromGrpcStatus(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "late")), kExitUnreachable},
      {FromGrpcStatus(NotFoundWithDetails()), kExitFailure},
      {InvalidSignatureError("no"), kExitFailure},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.status.ToString());
    EXPECT_EQ(ExitCodeFor(c.status), c.want);
  }
  // The server's own UNAVAILABLE (Kapso down) is an upstream error, not an
  // unreachable server: it carries details.
  google::rpc::Status rpc;
  rpc.set_code(14);
  grpc::Status upstream(grpc::StatusCode::UNAVAILABLE, "kapso 503", rpc.SerializeAsString());
  EXPECT_EQ(ExitCodeFor(FromGrpcStatus(upstream)), kExitFailure);
  EXPECT_EQ(ErrorCodeName(InvalidSignatureError("no")), "INVALID_SIGNATURE");
}

}  // namespace
}  // namespace kapso::cli

namespace kapso::cli {
namespace {

TEST(ErrorRendererTest, TextHasNoTerminalEscapesFromTheServer) {
  google::rpc::Status rpc;
  rpc.set_code(grpc::StatusCode::NOT_FOUND);
  google::rpc::ErrorInfo info;
  info.set_reason("KAPSO_NOT_FOUND");
  (*info.mutable_metadata())["kapso_request_id"] = "id\x1b]0;title\x07";
  rpc.add_details()->PackFrom(info);
  std::string message = "\x1b[31mALERT\x1b[0m\nforged: line";
  std::string text = RenderErrorText(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, message, rpc.SerializeAsString())));
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
  EXPECT_NE(text.find("ALERT"), std::string::npos) << text;
  EXPECT_EQ(text.find("\nforged"), std::string::npos) << text;
}

TEST(PrinterTest, AnAnswerThatCannotBePrintedIsAnErrorNotNullData) {
  google::protobuf::Timestamp past_9999;
  past_9999.set_seconds(253402300800);
  std::ostringstream out, err;
  Printer printer(OutputFormat::kJson, out, err);
  EXPECT_FALSE(printer.Data(past_9999).ok());
  EXPECT_EQ(out.str(), "");
  past_9999.set_seconds(0);
  EXPECT_TRUE(printer.Data(past_9999).ok());
  EXPECT_EQ(out.str(), "{\"ok\":true,\"data\":\"1970-01-01T00:00:00Z\"}\n");
}

}  // namespace
}  // namespace kapso::cli

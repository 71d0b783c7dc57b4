#include "service/grpc_status.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

constexpr char kSecret[] = "sk-live-0123456789";

SecretRedactor Redactor() { return SecretRedactor({kSecret, "sandbox-secret-1", "short"}); }

// What a gRPC caller decodes from the grpc-status-details-bin trailer.
google::rpc::Status Details(const grpc::Status& status) {
  google::rpc::Status decoded;
  EXPECT_TRUE(decoded.ParseFromString(status.error_details()));
  return decoded;
}

struct Unpacked {
  std::vector<google::rpc::ErrorInfo> error_infos;
  std::vector<google::rpc::RetryInfo> retry_infos;
  std::vector<google::rpc::BadRequest> bad_requests;
};

Unpacked Unpack(const google::rpc::Status& status) {
  Unpacked out;
  for (const auto& any : status.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) {
      any.UnpackTo(&out.error_infos.emplace_back());
    } else if (any.Is<google::rpc::RetryInfo>()) {
      any.UnpackTo(&out.retry_infos.emplace_back());
    } else if (any.Is<google::rpc::BadRequest>()) {
      any.UnpackTo(&out.bad_requests.emplace_back());
    } else {
      ADD_FAILURE() << "unexpected detail " << any.type_url();
    }
  }
  return out;
}

absl::Status RateLimited() {
  absl::Status status =
      client::MakeError(absl::StatusCode::kResourceExhausted, "Rate limit exceeded",
                        "KAPSO_RATE_LIMITED", {{"http_status", "429"}, {"kapso_method", "GET"}});
  client::SetRetryDelay(status, absl::Seconds(60));
  return status;
}

struct Case {
  const char* name;
  absl::Status status;
  const char* reason;
  size_t retry_infos;
  size_t bad_requests;
};

std::vector<Case> Cases() {
  return {
      {"kapso error with retry", RateLimited(), "KAPSO_RATE_LIMITED", 1, 0},
      {"validation", client::InvalidArgument({{"page_size", "too big"}, {"kind", "unknown"}}),
       "INVALID_ARGUMENT", 0, 1},
      {"plain status gets an ErrorInfo", absl::DeadlineExceededError("too slow"),
       "DEADLINE_EXCEEDED", 0, 0},
      {"plain internal", absl::InternalError("boom"), "INTERNAL", 0, 0},
  };
}

TEST(ToGrpcStatus, CodeMessageAndDetails) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    grpc::Status grpc_status = ToGrpcStatus(c.status, Redactor());
    EXPECT_EQ(static_cast<int>(grpc_status.error_code()), static_cast<int>(c.status.code()));
    EXPECT_EQ(grpc_status.error_message(), c.status.message());

    google::rpc::Status details = Details(grpc_status);
    EXPECT_EQ(details.code(), static_cast<int>(c.status.code()));
    EXPECT_EQ(details.message(), c.status.message());
    Unpacked unpacked = Unpack(details);
    ASSERT_EQ(unpacked.error_infos.size(), 1u);
    EXPECT_EQ(unpacked.error_infos[0].reason(), c.reason);
    EXPECT_EQ(unpacked.error_infos[0].domain(), "ops.kapso.ai");
    EXPECT_EQ(unpacked.retry_infos.size(), c.retry_infos);
    EXPECT_EQ(unpacked.bad_requests.size(), c.bad_requests);
  }
}

TEST(ToRpcStatus, SameAsTheTrailer) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    google::rpc::Status rpc = ToRpcStatus(c.status, Redactor());
    EXPECT_EQ(rpc.SerializeAsString(),
              Details(ToGrpcStatus(c.status, Redactor())).SerializeAsString());
    EXPECT_EQ(Unpack(rpc).error_infos.size(), 1u);
  }
}

TEST(ToGrpcStatus, DetailValuesPassThrough) {
  Unpacked unpacked = Unpack(Details(ToGrpcStatus(RateLimited(), Redactor())));
  ASSERT_EQ(unpacked.retry_infos.size(), 1u);
  EXPECT_EQ(unpacked.retry_infos[0].retry_delay().seconds(), 60);
  ASSERT_EQ(unpacked.error_infos.size(), 1u);
  EXPECT_EQ(unpacked.error_infos[0].metadata().at("http_status"), "429");
  EXPECT_EQ(unpacked.error_infos[0].metadata().at("kapso_method"), "GET");

  unpacked = Unpack(Details(ToGrpcStatus(
      client::InvalidArgument({{"page_size", "too big"}, {"kind", "unknown"}}), Redactor())));
  ASSERT_EQ(unpacked.bad_requests.size(), 1u);
  ASSERT_EQ(unpacked.bad_requests[0].field_violations_size(), 2);
  EXPECT_EQ(unpacked.bad_requests[0].field_violations(0).field(), "page_size");
  EXPECT_EQ(unpacked.bad_requests[0].field_violations(1).field(), "kind");
}

TEST(ToGrpcStatus, RedactsSecretsFromTheMessage) {
  struct Row {
    std::string message;
    std::string redacted;
  };
  const Row rows[] = {
      {std::string("key ") + kSecret + " is invalid", "key [redacted] is invalid"},
      {std::string(kSecret) + "/" + kSecret, "[redacted]/[redacted]"},
      {"secret sandbox-secret-1 leaked", "secret [redacted] leaked"},
      // Too short to be a secret: left alone.
      {"a short answer", "a short answer"},
      {"nothing to hide", "nothing to hide"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.message);
    absl::Status status =
        client::MakeError(absl::StatusCode::kUnauthenticated, row.message, "KAPSO_UNAUTHENTICATED");
    grpc::Status grpc_status = ToGrpcStatus(status, Redactor());
    EXPECT_EQ(grpc_status.error_message(), row.redacted);
    EXPECT_EQ(Details(grpc_status).message(), row.redacted);
    EXPECT_EQ(Details(grpc_status).SerializeAsString().find(kSecret), std::string::npos);
    EXPECT_EQ(ToRpcStatus(status, Redactor()).message(), row.redacted);
  }
}

TEST(ToGrpcStatus, OkIsOk) {
  grpc::Status grpc_status = ToGrpcStatus(absl::OkStatus(), Redactor());
  EXPECT_TRUE(grpc_status.ok());
  EXPECT_EQ(grpc_status.error_message(), "");
  EXPECT_EQ(grpc_status.error_details(), "");

  google::rpc::Status rpc = ToRpcStatus(absl::OkStatus(), Redactor());
  EXPECT_EQ(rpc.code(), 0);
  EXPECT_EQ(rpc.message(), "");
  EXPECT_EQ(rpc.details_size(), 0);
}

}  // namespace
}  // namespace kapso::service

#include "service/observability_interceptor.h"

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/json_quote.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "kapso_client/status_details.h"
#include "service/method_label.h"

namespace kapso::service {
namespace {

using grpc::experimental::InterceptionHookPoints;

class ObservabilityInterceptor final : public grpc::experimental::Interceptor {
 public:
  ObservabilityInterceptor(const char* method, ServerMetrics* metrics, bool access_log)
      : method_(MethodLabel(method == nullptr ? "" : method)),
        metrics_(metrics),
        access_log_(access_log),
        start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      const auto* metadata = methods->GetSendInitialMetadata();
      auto it = metadata->find("x-request-id");
      if (it != metadata->end()) request_id_ = it->second;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      unreadable_request_ = methods->GetRecvMessage() == nullptr;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      if (unreadable_request_ && status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
        // gRPC 1.51's callback handlers answer UNIMPLEMENTED when a request
        // does not deserialize (e.g. invalid UTF-8 in a string field); the
        // caller's fault is INVALID_ARGUMENT.
        status = UnreadableRequest();
        methods->ModifySendStatus(status);
      }
      Record(status);
    }
    methods->Proceed();
  }

 private:
  void Record(const grpc::Status& status) {
    absl::Duration elapsed = absl::Now() - start_;
    if (metrics_ != nullptr) metrics_->RecordRpc(method_, status.error_code(), elapsed);
    // Probes call health several times a minute per replica: metrics only.
    if (!access_log_ || absl::StartsWith(method_, "/grpc.health.v1.")) return;
    std::string line = absl::StrCat(
        R"({"ts":")", absl::FormatTime(absl::RFC3339_full, start_, absl::UTCTimeZone()),
        R"(","msg":"rpc","method":)", JsonQuote(method_), R"(,"code":")",
        absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
        R"(","duration_ms":)", absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(elapsed)),
        R"(,"request_id":)", JsonQuote(request_id_));
    if (!status.ok()) absl::StrAppend(&line, R"(,"error":)", JsonQuote(status.error_message()));
    line += "}\n";
    std::fwrite(line.data(), 1, line.size(), stderr);  // one write per line: lines never interleave
  }

  static grpc::Status UnreadableRequest() {
    google::rpc::Status details;
    details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
    details.set_message(
        "the request is not a valid protobuf message of the method's type (a string "
        "field that is not UTF-8, or malformed bytes)");
    google::rpc::ErrorInfo info;
    info.set_reason("INVALID_ARGUMENT");
    info.set_domain(std::string(client::kErrorDomain));
    details.add_details()->PackFrom(info);
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, details.message(),
                        details.SerializeAsString());
  }

  const absl::string_view method_;  // MethodLabel: static storage
  ServerMetrics* const metrics_;
  const bool access_log_;
  const absl::Time start_;
  std::string request_id_;
  bool unreadable_request_ = false;
};

}  // namespace

grpc::experimental::Interceptor* ObservabilityInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new ObservabilityInterceptor(info->method(), metrics_, access_log_);
}

}  // namespace kapso::service

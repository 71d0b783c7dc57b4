#include "service/observability_interceptor.h"

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace kapso::service {
namespace {

using grpc::experimental::InterceptionHookPoints;

class ObservabilityInterceptor final : public grpc::experimental::Interceptor {
 public:
  ObservabilityInterceptor(const char* method, ServerMetrics* metrics, bool access_log)
      : method_(method == nullptr ? "" : method),
        metrics_(metrics),
        access_log_(access_log),
        start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      const auto* metadata = methods->GetSendInitialMetadata();
      auto it = metadata->find("x-request-id");
      if (it != metadata->end()) request_id_ = it->second;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  void Record(const grpc::Status& status) {
    absl::Duration elapsed = absl::Now() - start_;
    if (metrics_ != nullptr) metrics_->RecordRpc(method_, status.error_code(), elapsed);
    if (!access_log_) return;
    google::protobuf::Struct entry;
    auto& fields = *entry.mutable_fields();
    fields["ts"].set_string_value(absl::FormatTime(absl::RFC3339_full, start_, absl::UTCTimeZone()));
    fields["msg"].set_string_value("rpc");
    fields["method"].set_string_value(method_);
    fields["code"].set_string_value(
        absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())));
    fields["duration_ms"].set_number_value(absl::ToDoubleMilliseconds(elapsed));
    fields["request_id"].set_string_value(request_id_);
    if (!status.ok()) fields["error"].set_string_value(status.error_message());
    std::string line;
    if (!google::protobuf::util::MessageToJsonString(entry, &line).ok()) return;
    line += "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);  // one write per line: lines never interleave
  }

  const std::string method_;
  ServerMetrics* const metrics_;
  const bool access_log_;
  const absl::Time start_;
  std::string request_id_;
};

}  // namespace

grpc::experimental::Interceptor* ObservabilityInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new ObservabilityInterceptor(info->method(), metrics_, access_log_);
}

}  // namespace kapso::service

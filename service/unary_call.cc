#include "service/unary_call.h"

#include <algorithm>

#include "absl/random/random.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "kapso_client/status_details.h"
#include "kapso_client/upstream_text.h"

namespace kapso::service {
namespace {

std::string Metadata(const grpc::CallbackServerContext& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  return it == metadata.end() ? "" : std::string(it->second.data(), it->second.size());
}

std::string NewRequestId() {
  thread_local absl::BitGen gen;  // one per gRPC thread: no lock on every call
  return absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(gen), absl::Uniform<uint64_t>(gen));
}

}  // namespace

UnaryCall* UnaryCall::Start(grpc::CallbackServerContext* context, const ServiceDeps& deps) {
  return new UnaryCall(context, deps);
}

UnaryCall::UnaryCall(grpc::CallbackServerContext* context, const ServiceDeps& deps)
    : deps_(deps), cancellation_(std::make_shared<client::Cancellation>()) {
  request_context_.options.deadline =
      std::min(absl::FromChrono(context->deadline()), absl::Now() + deps.max_call_duration);
  request_context_.options.cancellation = cancellation_;
  request_context_.budget = std::make_shared<client::CallBudget>(deps.max_upstream_calls_per_rpc);
  request_context_.read_only = deps.read_only;
  // The id travels upstream as a header and back as metadata: anything but
  // a plain token (CR/LF, NUL, bytes gRPC core refuses to send) is replaced.
  request_context_.request_id = Metadata(*context, "x-request-id");
  if (!client::IsHeaderToken(request_context_.request_id, 128)) {
    request_context_.request_id = NewRequestId();
  }
  context->AddInitialMetadata("x-request-id", request_context_.request_id);
  if (deps.allow_caller_api_keys) {
    request_context_.api_key = Metadata(*context, "x-kapso-api-key");
    if (!request_context_.api_key.empty() &&
        !client::IsHeaderToken(request_context_.api_key, 256)) {
      request_context_.api_key.clear();
      Complete(client::MakeError(absl::StatusCode::kUnauthenticated,
                                 "x-kapso-api-key is not a well-formed API key (visible ASCII, "
                                 "at most 256 characters)",
                                 "INVALID_CALLER_API_KEY"));
    }
  }
}

bool UnaryCall::Check(const absl::Status& status) {
  if (finished_.load()) return false;  // refused at start (a malformed caller key)
  if (status.ok()) return true;
  Complete(status);
  return false;
}

UnaryCall* UnaryCall::Complete(const absl::Status& status) {
  if (!finished_.exchange(true)) Finish(ToGrpcStatus(status, *deps_.redactor));
  return this;
}

void UnaryCall::OnCancel() { cancellation_->Cancel(); }

void UnaryCall::OnDone() { delete this; }

}  // namespace kapso::service

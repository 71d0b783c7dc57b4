#ifndef SERVICE_SERVE_FOLLOW_H_
#define SERVICE_SERVE_FOLLOW_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "kapso_client/status_details.h"
#include "kapso_client/upstream_text.h"
#include "service/follow_registry.h"
#include "service/follow_stream.h"
#include "service/resume_token.h"
#include "service/service_deps.h"

namespace kapso::service {

// The Kapso key a call uses: the caller's `x-kapso-api-key` where the
// server allows one (checked as UnaryCall does), else "" (the server's).
absl::StatusOr<std::string> FollowApiKey(const grpc::CallbackServerContext& context,
                                         const ServiceDeps& deps);

// What tells pollers apart: the RPC, its filters (the request without its
// resume token, serialized deterministically) and the API key, exactly (a
// hash could let two keys share one poller, and so each other's data).
std::string FollowKey(const google::protobuf::Message& request, const std::string& api_key);

// Serves one Follow* RPC: checks the request (`checked`, the list RPC's
// validation), decodes its resume token, and joins the stream to the shared
// poller of its filters, built by `make_source` when it is the first.
template <typename Response, typename Request>
grpc::ServerWriteReactor<Response>* ServeFollow(
    grpc::CallbackServerContext* context, const ServiceDeps& deps, const Request& request,
    const absl::Status& checked, std::function<std::shared_ptr<const FollowSource>()> make_source,
    typename FollowStream<Response>::Fill fill) {
  auto* stream = new FollowStream<Response>(deps.redactor, fill);
  absl::StatusOr<std::string> api_key = FollowApiKey(*context, deps);
  absl::StatusOr<FollowWatermark> resume = FollowWatermark();
  if (!request.resume_token().empty()) resume = DecodeResumeToken(request, request.resume_token());
  for (const absl::Status& status : {checked, api_key.status(), resume.status()}) {
    if (!status.ok()) return stream->End(status), stream;
  }
  auto copy = std::make_shared<const Request>(request);
  auto subscription = std::make_shared<FollowSubscription>(
      stream, [copy](const FollowWatermark& mark) { return EncodeResumeToken(*copy, mark); },
      deps.follows->options().buffer_items,
      request.resume_token().empty() ? std::nullopt : std::optional<FollowWatermark>(*resume));
  std::string key = FollowKey(request, *api_key);
  stream->Attach(deps.follows, key, subscription);
  auto poller = deps.follows->Join(key, *api_key, make_source, subscription);
  if (!poller.ok()) {
    subscription->End(poller.status());
  } else {
    stream->Joined(*std::move(poller));
  }
  return stream;
}

}  // namespace kapso::service

#endif  // SERVICE_SERVE_FOLLOW_H_

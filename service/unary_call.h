#ifndef SERVICE_UNARY_CALL_H_
#define SERVICE_UNARY_CALL_H_

#include <atomic>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"
#include "kapso_client/kapso_client.h"
#include "service/service_deps.h"

namespace kapso::service {

// The reactor of one unary RPC. It turns the gRPC call into a RequestContext
// (deadline, cancellation, request id, API key) for the Kapso client, and
// finishes exactly once, from whichever thread the upstream work completes
// on; the gRPC callback thread never waits. A caller's cancellation cancels
// the upstream transfers. Deletes itself when gRPC is done with it.
class UnaryCall final : public grpc::ServerUnaryReactor {
 public:
  static UnaryCall* Start(grpc::CallbackServerContext* context, const ServiceDeps& deps);

  const client::RequestContext& request_context() const { return request_context_; }
  const ServiceDeps& deps() const { return deps_; }

  // Finishes with `status` mapped by ToGrpcStatus; later calls are ignored.
  UnaryCall* Complete(const absl::Status& status);

  // Completes with `status` unless it is OK; returns whether it was OK.
  bool Check(const absl::Status& status);

  // A callback for the Kapso client: on success runs `on_value(T)` (which
  // fills the response and returns a status), then completes.
  template <typename T, typename F>
  client::Done<T> Then(F on_value) {
    return [this, on_value = std::move(on_value)](absl::StatusOr<T> result) mutable {
      Complete(result.ok() ? on_value(*std::move(result)) : result.status());
    };
  }

 private:
  UnaryCall(grpc::CallbackServerContext* context, const ServiceDeps& deps);
  void OnCancel() override;
  void OnDone() override;
  // gRPC 1.51 runs the reactions of a reactor that is not "inlineable" on
  // its executor thread: a thread hand-off per call (~10% of a GetMessage's
  // CPU) just to run OnDone. Ours are short and never block (OnDone deletes
  // the call; OnCancel runs the Cancellation's callbacks, which queue work
  // for the curl loop or answer a waiting call, i.e. Finish it), which is
  // what the hook asks for; it is marked "not API", and Debian pins the gRPC
  // it comes from.
  bool InternalInlineable() override { return true; }

  const ServiceDeps& deps_;
  std::shared_ptr<client::Cancellation> cancellation_;
  client::RequestContext request_context_;
  std::atomic<bool> finished_{false};
};

}  // namespace kapso::service

#endif  // SERVICE_UNARY_CALL_H_

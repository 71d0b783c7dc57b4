#ifndef SERVICE_FETCH_BRANCH_H_
#define SERVICE_FETCH_BRANCH_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "google/rpc/status.pb.h"
#include "kapso_client/http_types.h"
#include "service/grpc_status.h"
#include "service/join.h"
#include "service/unary_call.h"

namespace kapso::service {

// A Join that completes `call` OK once every branch arrived: for handlers
// whose concurrent branches each fill their own part of the response and
// report their own error there (GetProjectOverview, ListMessageErrors).
inline std::shared_ptr<Join> CompleteWhenJoined(UnaryCall* call, int branches) {
  return std::make_shared<Join>(branches, [call] { call->Complete(absl::OkStatus()); });
}

// One branch of such a fan-out: fetches `request` as `Envelope`, then runs
// `fill(envelope&)` on success or `fail(google::rpc::Status)` with the
// branch's own (redacted) error, and arrives at `join`. A branch writes only
// its own sub-messages, so concurrent branches never touch the same memory;
// `fail` sets an error field only when there is an error (a message field
// made by mutable_ would be present, and read as an error, even when empty).
template <typename Envelope, typename Fill, typename Fail>
void FetchBranch(UnaryCall* call, absl::StatusOr<client::HttpRequest> request,
                 std::shared_ptr<Join> join, Fill fill, Fail fail) {
  const SecretRedactor* redactor = call->deps().redactor;
  call->deps().client->template Fetch<Envelope>(
      std::move(request), call->request_context(),
      [join = std::move(join), redactor, fill = std::move(fill),
       fail = std::move(fail)](absl::StatusOr<Envelope> result) mutable {
        if (result.ok()) {
          fill(*result);
        } else {
          fail(ToRpcStatus(result.status(), *redactor));
        }
        join->Arrive();
      });
}

}  // namespace kapso::service

#endif  // SERVICE_FETCH_BRANCH_H_

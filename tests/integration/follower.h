#ifndef TESTS_INTEGRATION_FOLLOWER_H_
#define TESTS_INTEGRATION_FOLLOWER_H_

// A caller of one Follow* stream on gRPC's callback client API: it reads
// every response as it arrives and keeps them, so a test can hold a
// thousand streams open without a thread each.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/client_callback.h"

namespace kapso::testing {

template <typename Response>
class Follower final : public grpc::ClientReadReactor<Response> {
 public:
  // `start(context, reactor)` starts the RPC (stub->async()->FollowX(...)).
  explicit Follower(
      const std::function<void(grpc::ClientContext*, grpc::ClientReadReactor<Response>*)>& start) {
    start(&context_, this);
    this->StartRead(&response_);
    this->StartCall();
  }

  void Cancel() { context_.TryCancel(); }

  // Waits until `ready()` holds over the responses so far (or the stream
  // ended); false on timeout.
  bool WaitFor(const std::function<bool(const std::vector<Response>&)>& ready,
               absl::Duration timeout = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    Wait wait{this, &ready};
    mu_.AwaitWithTimeout(absl::Condition(&Follower::Ready, &wait), timeout);
    return ready(responses_);
  }
  bool WaitDone(absl::Duration timeout = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    return mu_.AwaitWithTimeout(absl::Condition(&done_), timeout);
  }
  std::vector<Response> responses() {
    absl::MutexLock lock(&mu_);
    return responses_;
  }
  std::optional<grpc::Status> status() {
    absl::MutexLock lock(&mu_);
    return status_;
  }
  std::string last_token() {
    absl::MutexLock lock(&mu_);
    return responses_.empty() ? "" : responses_.back().resume_token();
  }

 private:
  struct Wait {
    Follower* self;
    const std::function<bool(const std::vector<Response>&)>* ready;
  };
  // Runs under mu_ (absl::Mutex evaluates conditions holding it).
  static bool Ready(Wait* wait) ABSL_EXCLUSIVE_LOCKS_REQUIRED(wait->self->mu_) {
    return wait->self->done_ || (*wait->ready)(wait->self->responses_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;
    {
      absl::MutexLock lock(&mu_);
      responses_.push_back(response_);
    }
    this->StartRead(&response_);
  }
  void OnDone(const grpc::Status& status) override {
    absl::MutexLock lock(&mu_);
    status_ = status;
    done_ = true;
  }

  grpc::ClientContext context_;
  Response response_;
  absl::Mutex mu_;
  std::vector<Response> responses_ ABSL_GUARDED_BY(mu_);
  std::optional<grpc::Status> status_ ABSL_GUARDED_BY(mu_);
  bool done_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace kapso::testing

#endif  // TESTS_INTEGRATION_FOLLOWER_H_

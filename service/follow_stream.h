#ifndef SERVICE_FOLLOW_STREAM_H_
#define SERVICE_FOLLOW_STREAM_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "service/follow_registry.h"
#include "service/follow_subscription.h"
#include "service/follow_writer.h"
#include "service/grpc_status.h"

namespace kapso::service {

// The reactor of one Follow* call: writes what its FollowSubscription
// queues, forwards gRPC's events to it, and leaves the registry when gRPC is
// done with the call (OnDone, after the caller's cancel or the stream's
// end). Deletes itself then, like UnaryCall.
template <typename Response>
class FollowStream final : public grpc::ServerWriteReactor<Response>, public FollowWriter {
 public:
  // Puts `items` into `response` (the RPC's repeated field).
  using Fill = void (*)(const FollowBatch& items, Response* response);

  FollowStream(const SecretRedactor* redactor, Fill fill) : redactor_(redactor), fill_(fill) {}

  // The stream's place in `registry`, for OnDone; set before the handler
  // returns, so before gRPC can run OnDone.
  void Attach(FollowRegistry* registry, std::string key,
              std::shared_ptr<FollowSubscription> subscription) {
    registry_ = registry;
    key_ = std::move(key);
    subscription_ = std::move(subscription);
  }
  void Joined(std::shared_ptr<FollowPoller> poller) { poller_ = std::move(poller); }

  void Write(const FollowBatch& items, const std::string& token) override {
    response_.Clear();
    fill_(items, &response_);
    response_.set_resume_token(token);
    this->StartWrite(&response_);
  }

  void End(const absl::Status& status) override { this->Finish(ToGrpcStatus(status, *redactor_)); }

 private:
  void OnWriteDone(bool ok) override {
    subscription_->OnWriteDone(ok);
    ReactionDone();
  }
  void OnCancel() override {
    if (subscription_ != nullptr) subscription_->OnCancel();
    ReactionDone();
  }
  void OnDone() override {
    ReactionDone();
    if (poller_ != nullptr) registry_->Leave(key_, poller_, subscription_.get());
    delete this;
  }
  // gRPC runs OnDone after every other reaction has returned, but orders
  // them with an atomic inside libgrpc++ that TSan cannot see; passing
  // through one mutex at the end of each reaction and at the start of
  // OnDone states that order where it can (uncontended: reactions of one
  // call rarely overlap).
  void ReactionDone() { absl::MutexLock lock(&reactions_mu_); }

  absl::Mutex reactions_mu_;

  const SecretRedactor* const redactor_;
  const Fill fill_;
  FollowRegistry* registry_ = nullptr;
  std::string key_;
  std::shared_ptr<FollowSubscription> subscription_;
  std::shared_ptr<FollowPoller> poller_;
  Response response_;  // the write in flight (gRPC reads it until OnWriteDone)
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_STREAM_H_

#include "cli/command.h"

#include "cli/channel_factory.h"

namespace kapso::cli {

absl::StatusOr<std::shared_ptr<grpc::Channel>> CommandEnv::Channel() {
  if (channel_ == nullptr) {
    absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = CreateServerChannel(options_);
    if (!channel.ok()) return channel.status();
    channel_ = *std::move(channel);
  }
  return channel_;
}

std::unique_ptr<grpc::ClientContext> CommandEnv::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + options_.timeout));
  return context;
}

}  // namespace kapso::cli

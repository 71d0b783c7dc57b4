#include "kapso_client/parsed_body.h"

#include "kapso_client/json_mapping.h"

namespace kapso::client {

absl::Status ParsedBody::CopyTo(absl::string_view body, google::protobuf::Message* out) {
  absl::MutexLock lock(&mu_);
  if (parsed_ == nullptr || parsed_->GetDescriptor() != out->GetDescriptor()) {
    parsed_.reset(out->New());
    status_ = ParseKapsoJson(body, parsed_.get());
  }
  if (status_.ok()) out->CopyFrom(*parsed_);
  return status_;
}

}  // namespace kapso::client

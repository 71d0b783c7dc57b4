#include "cli/follow_call.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace kapso::cli {

std::string ResumeTokenOf(const grpc::Status& status) {
  google::rpc::Status rpc_status;
  if (!rpc_status.ParseFromString(status.error_details())) return "";
  for (const auto& any : rpc_status.details()) {
    google::rpc::ErrorInfo info;
    if (!any.UnpackTo(&info)) continue;
    auto it = info.metadata().find("resume_token");
    if (it != info.metadata().end()) return it->second;
  }
  return "";
}

}  // namespace kapso::cli

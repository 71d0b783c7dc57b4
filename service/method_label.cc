#include "service/method_label.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "kapso/ops/v1/health.grpc.pb.h"
#include "kapso/ops/v1/message_debug.grpc.pb.h"
#include "kapso/ops/v1/triage.grpc.pb.h"
#include "kapso/ops/v1/webhooks.grpc.pb.h"

namespace kapso::service {
namespace {

absl::flat_hash_set<std::string> KnownMethods() {
  absl::flat_hash_set<std::string> known = {
      "/grpc.health.v1.Health/Check",
      "/grpc.health.v1.Health/Watch",
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
  };
  for (const char* service :
       {ops::v1::Webhooks::service_full_name(), ops::v1::MessageDebug::service_full_name(),
        ops::v1::Triage::service_full_name(), ops::v1::Health::service_full_name()}) {
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    for (int i = 0; descriptor != nullptr && i < descriptor->method_count(); ++i) {
      known.insert(absl::StrCat("/", service, "/", descriptor->method(i)->name()));
    }
  }
  return known;
}

}  // namespace

absl::string_view MethodLabel(absl::string_view method) {
  static const auto* const known = new absl::flat_hash_set<std::string>(KnownMethods());
  auto it = known->find(method);
  return it == known->end() ? absl::string_view("other") : absl::string_view(*it);
}

}  // namespace kapso::service

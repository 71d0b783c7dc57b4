#include "service/serve_follow.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace kapso::service {

absl::StatusOr<std::string> FollowApiKey(const grpc::CallbackServerContext& context,
                                         const ServiceDeps& deps) {
  if (!deps.allow_caller_api_keys) return std::string();
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("x-kapso-api-key");
  if (it == metadata.end()) return std::string();
  std::string key(it->second.data(), it->second.size());
  if (!client::IsHeaderToken(key, 256)) {
    return client::MakeError(absl::StatusCode::kUnauthenticated,
                             "x-kapso-api-key is not a well-formed API key (visible ASCII, "
                             "at most 256 characters)",
                             "INVALID_CALLER_API_KEY");
  }
  return key;
}

std::string FollowKey(const google::protobuf::Message& request, const std::string& api_key) {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const auto* field = filters->GetDescriptor()->FindFieldByName("resume_token");
  if (field != nullptr) filters->GetReflection()->ClearField(filters.get(), field);
  std::string key = filters->GetDescriptor()->full_name();
  key.push_back('\0');
  {
    google::protobuf::io::StringOutputStream stream(&key);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters->SerializeToCodedStream(&coded);
  }
  key.push_back('\0');
  key += api_key;
  return key;
}

}  // namespace kapso::service

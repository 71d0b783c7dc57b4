#include "service/reflection_v1.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/health/v1/health.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/impl/server_builder_plugin.h"
#include "grpcpp/impl/server_initializer.h"

namespace kapso::service {
namespace {

namespace pb = ::google::protobuf;
namespace v1 = ::grpc::reflection::v1;

// One reflection stream: answers each request from the generated pool and
// sends every file descriptor at most once per stream, as v1alpha does.
class Stream {
 public:
  explicit Stream(const std::vector<std::string>* services) : services_(services) {}

  void Answer(const v1::ServerReflectionRequest& req, v1::ServerReflectionResponse* res) {
    res->set_valid_host(req.host());
    *res->mutable_original_request() = req;
    const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
    switch (req.message_request_case()) {
      case v1::ServerReflectionRequest::kListServices:
        for (const std::string& name : *services_) {
          res->mutable_list_services_response()->add_service()->set_name(name);
        }
        return;
      case v1::ServerReflectionRequest::kFileByFilename:
        return SendFile(pool->FindFileByName(req.file_by_filename()), res);
      case v1::ServerReflectionRequest::kFileContainingSymbol:
        return SendFile(pool->FindFileContainingSymbol(req.file_containing_symbol()), res);
      case v1::ServerReflectionRequest::kFileContainingExtension: {
        const auto& ext = req.file_containing_extension();
        const pb::Descriptor* type = pool->FindMessageTypeByName(ext.containing_type());
        const pb::FieldDescriptor* field =
            type == nullptr ? nullptr : pool->FindExtensionByNumber(type, ext.extension_number());
        return SendFile(field == nullptr ? nullptr : field->file(), res);
      }
      case v1::ServerReflectionRequest::kAllExtensionNumbersOfType:
        return SendExtensionNumbers(pool, req.all_extension_numbers_of_type(), res);
      default:
        return Fail(grpc::StatusCode::UNIMPLEMENTED, "request type not supported", res);
    }
  }

 private:
  static void Fail(grpc::StatusCode code, const std::string& message,
                   v1::ServerReflectionResponse* res) {
    res->mutable_error_response()->set_error_code(code);
    res->mutable_error_response()->set_error_message(message);
  }

  void SendFile(const pb::FileDescriptor* file, v1::ServerReflectionResponse* res) {
    if (file == nullptr) return Fail(grpc::StatusCode::NOT_FOUND, "not found", res);
    auto* out = res->mutable_file_descriptor_response();
    AddWithDeps(file, out);
    // A client asking again for a file it already has still gets that file.
    if (out->file_descriptor_proto_size() == 0) AddOne(file, out);
  }

  void AddWithDeps(const pb::FileDescriptor* file, v1::FileDescriptorResponse* out) {
    if (!sent_.insert(file->name()).second) return;
    AddOne(file, out);
    for (int i = 0; i < file->dependency_count(); ++i) AddWithDeps(file->dependency(i), out);
  }

  static void AddOne(const pb::FileDescriptor* file, v1::FileDescriptorResponse* out) {
    pb::FileDescriptorProto proto;
    file->CopyTo(&proto);
    proto.SerializeToString(out->add_file_descriptor_proto());
  }

  static void SendExtensionNumbers(const pb::DescriptorPool* pool, const std::string& name,
                                   v1::ServerReflectionResponse* res) {
    const pb::Descriptor* type = pool->FindMessageTypeByName(name);
    if (type == nullptr) return Fail(grpc::StatusCode::NOT_FOUND, "type not found", res);
    std::vector<const pb::FieldDescriptor*> extensions;
    pool->FindAllExtensions(type, &extensions);
    auto* out = res->mutable_all_extension_numbers_response();
    out->set_base_type_name(type->full_name());
    for (const auto* ext : extensions) out->add_extension_number(ext->number());
  }

  const std::vector<std::string>* services_;
  std::set<std::string> sent_;
};

class ReflectionV1Service final : public v1::ServerReflection::Service {
 public:
  void set_services(const std::vector<std::string>* services) { services_ = services; }

  grpc::Status ServerReflectionInfo(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1::ServerReflectionResponse, v1::ServerReflectionRequest>* rw)
      override {
    Stream stream(services_);
    v1::ServerReflectionRequest req;
    while (rw->Read(&req)) {
      v1::ServerReflectionResponse res;
      stream.Answer(req, &res);
      if (!rw->Write(res)) break;
    }
    return grpc::Status::OK;
  }

 private:
  const std::vector<std::string>* services_ = nullptr;  // the server's, set in InitServer
};

class ReflectionV1Plugin final : public grpc::ServerBuilderPlugin {
 public:
  std::string name() override { return "kapso_reflection_v1"; }
  void InitServer(grpc::ServerInitializer* si) override {
    // The generated health messages register grpc.health.v1 in the pool that
    // both reflection versions read; referencing them keeps them linked in.
    grpc::health::v1::HealthCheckRequest::descriptor();
    si->RegisterService(service_);
  }
  void Finish(grpc::ServerInitializer* si) override {
    service_->set_services(si->GetServiceList());
  }
  void ChangeArguments(const std::string&, void*) override {}
  bool has_sync_methods() const override { return true; }

 private:
  std::shared_ptr<ReflectionV1Service> service_ = std::make_shared<ReflectionV1Service>();
};

std::unique_ptr<grpc::ServerBuilderPlugin> CreatePlugin() {
  return std::make_unique<ReflectionV1Plugin>();
}

}  // namespace

void InitReflectionV1ServerBuilderPlugin() {
  static const bool registered = [] {
    grpc::ServerBuilder::InternalAddPluginFactory(&CreatePlugin);
    return true;
  }();
  (void)registered;
}

}  // namespace kapso::service

// bare_server: a gRPC C++ server with nothing behind its calls, built on the
// same Debian libraries as kapso_ops_server. The benchmark's idle-RSS
// baseline and the floor of the per-call targets (bench/run.sh).
//
//   bare_server --listen=127.0.0.1:0 --port_file=FILE [--api=callback|async]
//
// --api=callback (the default): gRPC's default health service, whose unary
//   Check is a callback-API handler as kapso-ops' are, plus reflection.
// --api=async: one thread on one completion queue answering every method
//   with an empty message through the generic async API: the cheapest way
//   gRPC C++ serves a unary call, with no callback machinery in between.
// Prints `bare-server listening on HOST:PORT`; stops on SIGTERM/SIGINT.

#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/port_file.h"
#include "common/stop_signals.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port to serve gRPC on (port 0: any)");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once serving");
ABSL_FLAG(std::string, api, "callback", "callback (health + reflection) or async (see above)");

namespace {

// One call of the async loop; its address is the tag of each of its steps.
struct AsyncCall {
  enum class Step { kRequested, kRead, kFinished };
  grpc::GenericServerContext context;
  grpc::GenericServerAsyncReaderWriter stream{&context};
  grpc::ByteBuffer request;
  Step step = Step::kRequested;
};

void RequestNext(grpc::AsyncGenericService& service, grpc::ServerCompletionQueue* cq) {
  auto* call = new AsyncCall;
  service.RequestCall(&call->context, &call->stream, cq, cq, call);
}

// Runs until the queue is shut down and drained: accept, read the request,
// answer an empty message with OK in one batch, forget the call.
void AsyncLoop(grpc::AsyncGenericService& service, grpc::ServerCompletionQueue* cq) {
  RequestNext(service, cq);
  void* tag = nullptr;
  bool ok = false;
  while (cq->Next(&tag, &ok)) {
    auto* call = static_cast<AsyncCall*>(tag);
    if (!ok || call->step == AsyncCall::Step::kFinished) {
      delete call;
    } else if (call->step == AsyncCall::Step::kRequested) {
      RequestNext(service, cq);
      call->step = AsyncCall::Step::kRead;
      call->stream.Read(&call->request, call);
    } else {
      call->step = AsyncCall::Step::kFinished;
      grpc::Slice empty;
      call->stream.WriteAndFinish(grpc::ByteBuffer(&empty, 1), grpc::WriteOptions(),
                                  grpc::Status::OK, call);
    }
  }
}

int Announce(const std::string& listen, int port) {
  std::cout << "bare-server listening on " << listen.substr(0, listen.rfind(':')) << ":" << port
            << std::endl;
  if (const std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    if (absl::Status written = kapso::WritePortFile(path, port); !written.ok()) {
      std::cerr << "bare-server: " << written.message() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const kapso::StopSignals stop_signals;  // before any thread starts
  const std::string api = absl::GetFlag(FLAGS_api);
  if (api != "callback" && api != "async") {
    std::cerr << "bare-server: --api must be callback or async, not \"" << api << "\"\n";
    return 2;
  }
  const bool async = api == "async";

  grpc::AsyncGenericService generic;
  grpc::ServerBuilder builder;
  std::unique_ptr<grpc::ServerCompletionQueue> cq;
  if (async) {
    builder.RegisterAsyncGenericService(&generic);
    cq = builder.AddCompletionQueue();
  } else {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  }
  int port = 0;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "bare-server: cannot listen on " << listen << "\n";
    return 1;
  }
  if (!async) server->GetHealthCheckService()->SetServingStatus(true);
  if (int failed = Announce(listen, port); failed != 0) return failed;
  std::thread loop;
  if (async) loop = std::thread(AsyncLoop, std::ref(generic), cq.get());
  stop_signals.Wait();
  server->Shutdown();
  if (async) {
    cq->Shutdown();
    loop.join();
  }
  return 0;
}

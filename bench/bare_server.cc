// bare_server: a gRPC C++ server with nothing but the default health service
// and reflection, built on the same Debian libraries as kapso_ops_server. The
// benchmark's idle-RSS baseline (bench/run.sh).
//
//   bare_server --listen=127.0.0.1:0 --port_file=FILE
// Prints `bare-server listening on HOST:PORT`; stops on SIGTERM/SIGINT.

#include <iostream>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/port_file.h"
#include "common/stop_signals.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port to serve gRPC on (port 0: any)");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once serving");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const kapso::StopSignals stop_signals;  // before any thread starts

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "bare-server: cannot listen on " << listen << "\n";
    return 1;
  }
  server->GetHealthCheckService()->SetServingStatus(true);
  std::cout << "bare-server listening on " << listen.substr(0, listen.rfind(':')) << ":" << port
            << std::endl;
  if (const std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    if (absl::Status written = kapso::WritePortFile(path, port); !written.ok()) {
      std::cerr << "bare-server: " << written.message() << "\n";
      return 1;
    }
  }
  stop_signals.Wait();
  server->Shutdown();
  return 0;
}

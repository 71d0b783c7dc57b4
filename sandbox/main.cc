// kapso_sandbox: the Kapso Platform API simulator as a standalone process,
// for the non-C++ test suites, benchmarks and the zero-credential demo.
#include <signal.h>

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "common/port_file.h"
#include "common/stop_signals.h"
#include "sandbox/sandbox_server.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "Address to listen on.");
ABSL_FLAG(int, port, 0, "Port to listen on; 0 picks a free one.");
ABSL_FLAG(std::string, api_key, "sandbox-key",
          "The X-API-Key requests under /platform/v1 must send.");
ABSL_FLAG(std::string, port_file, "",
          "If set, the bound port is written there (atomically) once listening.");
ABSL_FLAG(int, rate_limit_per_minute, 0,
          "Requests a minute before 429; 0 is unlimited (headers still sent).");
ABSL_FLAG(bool, health_rate_limit, false, "Enforce the health endpoint's 5/s and 60/min limit.");
ABSL_FLAG(int, threads, 512, "HTTP worker threads (each open keep-alive connection holds one).");

namespace {

kapso::sandbox::SandboxOptions OptionsFromFlags() {
  kapso::sandbox::SandboxOptions options;
  options.host = absl::GetFlag(FLAGS_host);
  options.port = absl::GetFlag(FLAGS_port);
  options.api_key = absl::GetFlag(FLAGS_api_key);
  options.rate_limit_per_minute = absl::GetFlag(FLAGS_rate_limit_per_minute);
  options.health_rate_limit = absl::GetFlag(FLAGS_health_rate_limit);
  options.threads = absl::GetFlag(FLAGS_threads);
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Serves a simulated Kapso Platform API.");
  absl::ParseCommandLine(argc, argv);
  const kapso::StopSignals stop_signals;  // before any thread starts
  signal(SIGPIPE, SIG_IGN);

  kapso::sandbox::SandboxOptions options = OptionsFromFlags();
  auto sandbox = kapso::sandbox::SandboxServer::Start(options);
  if (!sandbox.ok()) {
    std::cerr << "kapso-sandbox: " << sandbox.status() << std::endl;
    return 1;
  }
  std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty()) {
    absl::Status written = kapso::WritePortFile(port_file, (*sandbox)->port());
    if (!written.ok()) {
      std::cerr << "kapso-sandbox: " << written << std::endl;
      return 1;
    }
  }
  std::cout << "kapso-sandbox listening on " << options.host << ":" << (*sandbox)->port()
            << std::endl;
  stop_signals.Wait();
  (*sandbox)->Stop();
  return 0;
}

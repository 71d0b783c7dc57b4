// The JSON half of a GetMessage alone: how long ParseKapsoJson (the
// one-pass reader, protobuf's parser when it declines) takes to read a
// body as wire::MessageItem, and how long protobuf's reference path takes.
// bench/bench.py runs it on the spec example that nginx serves in the
// static-upstream scenario. Usage: json_parse_bench BODY_FILE [ITERATIONS [fast]]
// (`fast`: the first path alone, e.g. under perf).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/synchronization/mutex.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso_client/json_mapping.h"

namespace {

using Parse = absl::Status (*)(absl::string_view, google::protobuf::Message*);

// Mean microseconds per parse over `iterations`, each into a fresh message
// (as a call does), after a warm-up of a tenth as many.
double MicrosPerParse(Parse parse, const std::string& body, int iterations) {
  for (int i = 0; i < iterations / 10; ++i) {
    kapso::internal::wire::MessageItem item;
    if (!parse(body, &item).ok()) std::exit(1);
  }
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    kapso::internal::wire::MessageItem item;
    if (!parse(body, &item).ok()) std::exit(1);
  }
  std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
  return took.count() / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s BODY_FILE [ITERATIONS]\n", argv[0]);
    return 2;
  }
  // As the server does (server_main.cc): no lock-order bookkeeping.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 20000;
  double fast = MicrosPerParse(&kapso::client::ParseKapsoJson, body, iterations);
  const bool fast_only = argc > 3 && std::string(argv[3]) == "fast";
  double reference =
      fast_only ? 0 : MicrosPerParse(&kapso::client::ParseKapsoJsonReference, body, iterations);
  std::printf("{\"bytes\": %zu, \"iterations\": %d, \"parse_us\": %.2f, \"reference_us\": %.2f}\n",
              body.size(), iterations, fast, reference);
  return 0;
}

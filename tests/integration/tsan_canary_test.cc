// Proves that the TSan suppressions (tools/sanitizers/tsan_defaults.cc) do
// not hide a race in our own server code: the suppressions name gRPC's
// frames, and a handler runs under some of them. The test re-runs itself as
// a child that races a callback handler against a plain thread (the shape of
// a handler against the curl loop) and expects TSan to report it. Built
// without TSan, it is skipped.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KAPSO_UNDER_TSAN 1
#endif
#endif

namespace kapso::testing {
namespace {

constexpr char kChildEnv[] = "KAPSO_TSAN_CANARY_CHILD";

// Written by the handler and by a plain thread with nothing ordering them.
long g_unguarded = 0;

class RacyHealth final : public grpc::health::v1::Health::CallbackService {
  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest*,
                                  grpc::health::v1::HealthCheckResponse* response) override {
    g_unguarded = 2;  // the race TSan must report
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

// The child: a server whose handler races a thread; TSan ends it with
// exit code 66 when it sees the race.
int RunRacyServer() {
  RacyHealth service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  std::thread writer([] {
    g_unguarded = 1;
    // Not an order: the writer stays alive across the handler's write, so
    // the two writes are concurrent (the race this canary must see).
    absl::SleepFor(absl::Milliseconds(300));
  });
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, {}, &response);
  writer.join();
  server->Shutdown();
  // Read it, or the compiler drops both writes as dead stores.
  return status.ok() && g_unguarded != 0 ? 0 : 1;
}

std::string RunChild() {
  std::string command = std::string(kChildEnv) + "=1 /proc/" + std::to_string(getpid()) +
                        "/exe --gtest_filter=TsanCanaryTest.* 2>&1";
  std::string output;
  FILE* child = popen(command.c_str(), "r");
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), child)) > 0) output.append(buffer, n);
  pclose(child);
  return output;
}

TEST(TsanCanaryTest, RaceInAHandlerIsStillReported) {
#ifndef KAPSO_UNDER_TSAN
  GTEST_SKIP() << "only meaningful under --config=tsan";
#else
  if (std::getenv(kChildEnv) != nullptr) std::exit(RunRacyServer());
  std::string output = RunChild();
  EXPECT_TRUE(absl::StrContains(output, "WARNING: ThreadSanitizer: data race")) << output;
  EXPECT_TRUE(absl::StrContains(output, "RacyHealth::Check")) << output;
#endif
}

}  // namespace
}  // namespace kapso::testing

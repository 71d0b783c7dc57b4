#include "cli/stop_signal.h"

#include <chrono>
#include <csignal>

namespace kapso::cli {
namespace {

volatile std::sig_atomic_t g_signalled = 0;

void OnSignal(int) { g_signalled = 1; }

}  // namespace

StopSignal::StopSignal(grpc::ClientContext* context) : context_(context) {
  g_signalled = 0;
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
  watcher_ = std::thread([this] { Watch(); });
}

StopSignal::~StopSignal() {
  done_ = true;
  watcher_.join();
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

bool StopSignal::stopped() const { return g_signalled != 0; }

void StopSignal::Watch() {
  while (!done_) {
    if (g_signalled) {
      context_->TryCancel();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace kapso::cli

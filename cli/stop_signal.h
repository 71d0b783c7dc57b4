// Ctrl-C and SIGTERM during a long-lived call (a --follow stream): cancel
// the call so the command ends cleanly (prints its resume token, exit 0)
// instead of dying mid-line.
#ifndef CLI_STOP_SIGNAL_H_
#define CLI_STOP_SIGNAL_H_

#include <signal.h>

#include <atomic>
#include <thread>

#include "grpcpp/client_context.h"

namespace kapso::cli {

class StopSignal {
 public:
  // Until destroyed, SIGINT and SIGTERM cancel `context`.
  explicit StopSignal(grpc::ClientContext* context);
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // Whether a signal stopped the call.
  bool stopped() const;

 private:
  // The handler only sets a flag (all a signal handler may safely do); this
  // thread sees it and cancels, since gRPC calls are not signal-safe.
  void Watch();

  grpc::ClientContext* const context_;
  std::atomic<bool> done_{false};
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  std::thread watcher_;
};

}  // namespace kapso::cli

#endif  // CLI_STOP_SIGNAL_H_

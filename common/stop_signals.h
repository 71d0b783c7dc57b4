#ifndef COMMON_STOP_SIGNALS_H_
#define COMMON_STOP_SIGNALS_H_

#include <signal.h>

namespace kapso {

// SIGTERM and SIGINT, blocked in the calling thread and so in every thread
// it starts afterwards (gRPC's, curl's, httplib's inherit the mask). Call it
// first in main, then Wait(): the signal is taken synchronously,
// and no work ever runs inside a signal handler.
class StopSignals {
 public:
  StopSignals();
  // Blocks until SIGTERM or SIGINT arrives; returns its number.
  int Wait() const;

 private:
  sigset_t signals_;
};

}  // namespace kapso

#endif  // COMMON_STOP_SIGNALS_H_

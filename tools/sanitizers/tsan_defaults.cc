// Built-in options and suppressions of TSan for --config=tsan (see
// BUILD.bazel). Suppressions only for Debian's uninstrumented system
// libraries, each with its reason.

extern "C" {

const char* __tsan_default_options() { return "halt_on_error=1:second_deadlock_stack=1"; }

// called_from_lib:L ignores the memory accesses of TSan's interceptors
// (memcpy, memcmp, memset, free...) when library L calls them. An
// uninstrumented library's own accesses are invisible to TSan except through
// those interceptors, and so is its synchronization: gRPC hands a call's
// buffers between threads through lock-free queues and atomics (combiners,
// closures, the completion queue); absl::Status payloads it creates at
// shutdown are compared (or parsed as times) on another gRPC thread; protobuf
// and libcurl copy
// buffers handed to them. TSan would see the library's memcpy without the
// happens-before edge the library made, and report a race that is not one.
// Every access made by our (instrumented) code is still checked.
//
// race: entries name gRPC's own functions, never ours, for the same
// invisible hand-off seen from code TSan does instrument. race_top: matches
// only the racing access itself; race: matches any frame of either stack, so
// those name frames our code never runs under. tests/integration/
// tsan_canary_test checks that a race in a handler against a plain thread
// (the curl loop's shape) is still reported with all of them in place.
// - race_top:grpc::internal::: grpc++'s call objects are inline template
//   code compiled into our binaries (CallOpSet, CallbackWithSuccessTag, the
//   unary handler's Finish and request callbacks). They are filled on one
//   thread and taken over by gRPC core's threads through uninstrumented
//   atomics, so each of their reads and writes races with the last one made
//   on another thread. Only gRPC's own access is skipped: the other side of a
//   race, when it is our code, still has to race with something else.
// - race:grpc::internal::CallOpSet: the same objects when the access is
//   one of TSan's interceptors (memcpy, free) called from their code, so
//   the top frame is the interceptor. Our code runs under a CallOpSet frame
//   only as the server interceptor (observability_interceptor.cc): its
//   per-call fields pass from hook to hook by that same hand-off, and what
//   it shares across calls is prometheus-cpp's (thread-safe) metrics.
// - race_top:...ObservabilityInterceptor::Intercept: the interceptor's first
//   read of each batch is a virtual call on gRPC's batch-methods object,
//   which libgrpc++ allocated on another thread and handed over invisibly.
//   Its other reads are its own per-call fields, passed from hook to hook
//   by the same hand-off.
// - race:...ServerCallback*Impl::~ and ::CallOnDone (unary and server
//   streaming handlers): the thread whose count-down reaches zero (an atomic
//   inside libgrpc++) runs OnDone, where our reactor (UnaryCall,
//   FollowStream) deletes itself, then frees grpc++'s call object, request
//   and response. TSan sees the frees but not the atomic that orders them
//   after the other threads' last reads, OnCancel's included. OnDone runs
//   under CallOnDone, so a race inside our OnDone would be skipped too: it
//   only deletes the reactor (and a stream leaves its poller, under the
//   registry's lock), and a use of a deleted reactor is ASan's to catch
//   (the ASan config runs every test).
// - race:libgrpc.so (a module name: it matches frames of that library, not
//   of libgrpc++) and race:grpc_core::: gRPC core calls into the absl::Mutex
//   and absl::Status code that third_party/absl_tsan instruments, on mutexes
//   and statuses it made and handed between its threads itself (a mutex in
//   a call it allocated on one thread and locks on another; a status payload
//   made at shutdown and freed elsewhere). Only such direct calls put a
//   libgrpc.so frame in a TSan stack: our code is reached through libgrpc++
//   (the callback CQ and handler tags), so no stack of ours contains one.
// called_from_lib:libcpp-httplib.so: the sandbox's HTTP server (tests' fake
// Kapso), same reason as the libraries above.
const char* __tsan_default_suppressions() {
  return "called_from_lib:libgrpc.so\n"
         "called_from_lib:libgrpc++.so\n"
         "called_from_lib:libgpr.so\n"
         "called_from_lib:libprotobuf.so\n"
         "called_from_lib:libcurl.so\n"
         "called_from_lib:libabsl_status.so\n"
         "called_from_lib:libabsl_cord.so\n"
         "called_from_lib:libabsl_strings.so\n"
         "called_from_lib:libabsl_time.so\n"
         "called_from_lib:libcpp-httplib.so\n"
         "called_from_lib:libupb.so\n"
         "race_top:grpc::internal::\n"
         "race:grpc::internal::CallOpSet\n"
         "race_top:kapso::service::*ObservabilityInterceptor::Intercept\n"
         "race:grpc::internal::Callback*Handler<*>::ServerCallback*Impl::~\n"
         "race:grpc::internal::Callback*Handler<*>::ServerCallback*Impl::CallOnDone\n"
         "race:libgrpc.so\n"
         "race:grpc_core::\n";
}

}  // extern "C"

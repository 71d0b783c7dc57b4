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
// invisible handoff seen from code TSan does instrument:
// - grpc::internal::CallOpSet and CallbackUnaryHandler<...>::Deserialize:
//   grpc++'s call-op and request buffers are inline template code (compiled
//   into our binaries from grpc++ headers), filled or allocated on one thread
//   and taken over by gRPC core's threads through uninstrumented atomics; a
//   Mutex gRPC locks inside them is reported as racing with their allocation.
// - grpc_core::: gRPC core (uninstrumented) calls into the absl::Status and
//   absl::Mutex code third_party/absl_tsan instruments, on statuses and
//   mutexes it handed between its threads itself. Our code is never called
//   from grpc_core:: frames (callbacks come through the grpc:: C++ layer), so
//   no report about our code matches.
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
         "race:grpc::internal::CallOpSet\n"
         "race:grpc::internal::CallbackUnaryHandler<*>::Deserialize\n"
         "race:grpc_core::\n";
}

}  // extern "C"

// Built-in options of ASan/UBSan/LSan for --config=asan (see BUILD.bazel).
// Every finding is fatal; LSan runs at exit.

extern "C" {

const char* __asan_default_options() {
  return "detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:"
         "check_initialization_order=1:strict_init_order=1:abort_on_error=0";
}

const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

// Leak suppressions: none so far (see fuzz/README.md, "Sanitizers").
const char* __lsan_default_suppressions() { return ""; }

}  // extern "C"

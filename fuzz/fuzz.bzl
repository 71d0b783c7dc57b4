"""One fuzz target, built two ways from the same source.

kapso_fuzz_target(name = "x", ...) makes:
  :x_replay  a cc_test (every config) that feeds each file of corpus/x/ to
             LLVMFuzzerTestOneInput: the seed corpus is a regression suite in
             the default gcc build and under --config=asan.
  :x         the fuzzer (tagged manual): a real libFuzzer binary under
             --config=asan (which defines kapso_fuzzer=libfuzzer), the replay
             driver otherwise. fuzz/run.sh runs these.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_test")

def kapso_fuzz_target(name, srcs, deps):
    corpus = native.glob(["corpus/%s/*" % name])
    cc_test(
        name = name + "_replay",
        srcs = srcs,
        deps = deps + [":replay_main"],
        data = corpus,
        args = ["fuzz/corpus/" + name],
        size = "small",
    )
    cc_binary(
        name = name,
        srcs = srcs,
        deps = deps + select({
            ":libfuzzer": [],
            "//conditions:default": [":replay_main"],
        }),
        linkopts = select({
            ":libfuzzer": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        tags = ["manual"],
    )

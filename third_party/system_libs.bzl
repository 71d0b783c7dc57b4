"""A repository of cc_library targets for Debian's system libraries.

Each target carries the link flags pkg-config reports for its packages, so the
build follows whatever the installed packages need (Abseil's many small
libraries, gRPC's plugins) without a hand-kept list.
"""

# target name -> (pkg-config packages, extra link flags)
_LIBS = {
    "absl": ([
        "absl_status",
        "absl_statusor",
        "absl_strings",
        "absl_str_format",
        "absl_time",
        "absl_synchronization",
        "absl_flags",
        "absl_flags_parse",
        "absl_flags_usage",
        "absl_random_random",
        "absl_hash",
        "absl_raw_hash_set",
        "absl_cord",
    ], []),
    "protobuf": (["protobuf"], []),
    "grpcpp": (["grpc++"], ["-lgrpc++_reflection"]),
    "curl": (["libcurl"], []),
    "crypto": (["libcrypto"], []),
    "gtest": (["gtest", "gmock"], []),
    "gtest_main": (["gtest_main", "gmock"], []),
    "httplib": (["cpp-httplib"], []),
    "prometheus": (["prometheus-cpp-core", "prometheus-cpp-pull"], []),
    # gperftools' TCMalloc (the server's allocator, see service/BUILD.bazel).
    "tcmalloc": (["libtcmalloc_minimal"], []),
}

def _pkg_config(ctx, flag, packages):
    flags = flag if type(flag) == "list" else [flag]
    result = ctx.execute(["pkg-config"] + flags + packages)
    if result.return_code != 0:
        fail("pkg-config %s %s failed (run scripts/setup.sh): %s" %
             (flag, " ".join(packages), result.stderr))
    return result.stdout.strip().split(" ") if result.stdout.strip() else []

def _system_libs_impl(ctx):
    lines = ['package(default_visibility = ["//visibility:public"])', ""]
    for name, (packages, extra) in _LIBS.items():
        linkopts = _pkg_config(ctx, "--libs", packages) + extra
        defines = [f[2:] for f in _pkg_config(ctx, "--cflags", packages) if f.startswith("-D")]
        lines.append("cc_library(")
        lines.append("    name = %r," % name)
        lines.append("    linkopts = %r," % linkopts)
        lines.append("    defines = %r," % defines)
        lines.append(")")
        lines.append("")
    lines.append("cc_library(name = \"nlohmann_json\")  # header-only, /usr/include")
    lines.append("")

    # Everything a gRPC client needs, linked statically (-static makes every
    # -l above resolve to its .a too): a short-lived CLI then starts without
    # resolving ~17k symbols across ~70 shared libraries.
    static_libs = _pkg_config(ctx, ["--static", "--libs"],
                              ["grpc++", "protobuf", "libcrypto"] + _LIBS["absl"][0][:-1])
    lines.append("cc_library(")
    lines.append("    name = \"static_client_runtime\",")
    lines.append("    linkopts = %r," % (["-static"] + [f for f in static_libs if f]))
    lines.append(")")
    ctx.file("WORKSPACE", 'workspace(name = "%s")\n' % ctx.name)
    ctx.file("BUILD.bazel", "\n".join(lines) + "\n")

system_libs = repository_rule(
    implementation = _system_libs_impl,
    local = True,
    environ = ["PKG_CONFIG_PATH"],
)

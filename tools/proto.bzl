"""cc_proto_gen: C++ (and gRPC) code from .proto files with the system protoc.

Bazel 4's proto rules want a protobuf source repository we cannot fetch, so one
genrule runs Debian's protoc (and grpc_cpp_plugin) and a cc_library wraps the
output. Generated headers are included by their proto path, e.g.
"kapso/ops/v1/webhooks.pb.h".
"""

_PROTOC = "/usr/bin/protoc"
_GRPC_PLUGIN = "/usr/bin/grpc_cpp_plugin"

def _proto_path(src):
    # "@repo//:google/rpc/status.proto" -> "google/rpc/status.proto"
    # "kapso/ops/v1/common.proto"      -> same
    return src.split(":")[-1] if ":" in src else src

def cc_proto_gen(name, srcs, proto_root, import_srcs = [], import_roots = [], deps = [], grpc = False, visibility = None, testonly = False):
    """Generates and compiles C++ for `srcs`.

    Args:
      name: the cc_library's name.
      srcs: .proto files to generate code for.
      proto_root: execroot-relative directory the proto paths are relative to.
      import_srcs: .proto files imported by srcs whose code lives in `deps`.
      import_roots: protoc -I roots for import_srcs.
      deps: cc libraries with the generated code of imported protos.
      grpc: also generate gRPC service stubs.
      visibility: as usual.
      testonly: as usual.
    """
    paths = [_proto_path(s) for s in srcs]
    suffixes = [".pb.h", ".pb.cc"] + ([".grpc.pb.h", ".grpc.pb.cc"] if grpc else [])
    outs = [p[:-len(".proto")] + s for p in paths for s in suffixes]
    out_dir = "$(GENDIR)/" + native.package_name()
    includes = ["-I/usr/include", "-I" + proto_root] + ["-I" + r for r in import_roots]
    cmd = [_PROTOC] + includes + ["--cpp_out=" + out_dir]
    if grpc:
        cmd += [
            "--plugin=protoc-gen-grpc=" + _GRPC_PLUGIN,
            "--grpc_out=" + out_dir,
        ]
    cmd += [proto_root + "/" + p for p in paths]
    native.genrule(
        name = name + "_gen",
        srcs = srcs + import_srcs,
        outs = outs,
        cmd = " ".join(cmd),
        visibility = ["//visibility:private"],
        testonly = testonly,
    )
    native.cc_library(
        name = name,
        srcs = [o for o in outs if o.endswith(".cc")],
        hdrs = [o for o in outs if o.endswith(".h")],
        includes = ["."],
        deps = deps + ["@system_libs//:protobuf"] + (["@system_libs//:grpcpp"] if grpc else []),
        visibility = visibility,
        testonly = testonly,
    )

#include "cli/signature_command.h"

#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "cli/cli_status.h"
#include "cli/signature_verifier.h"
#include "google/protobuf/struct.pb.h"

namespace kapso::cli {
namespace {

// The raw body bytes: any change, even a trailing newline, alters the MAC.
absl::StatusOr<std::string> ReadBody(const ParsedFlags& flags, CommandEnv& env) {
  if (!flags.Has("body-file")) {
    return std::string(std::istreambuf_iterator<char>(env.in()), {});
  }
  const std::string path = flags.GetString("body-file");
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return UsageError(absl::StrCat("--body-file: cannot read \"", path, "\""), "body-file");
  }
  return std::string(std::istreambuf_iterator<char>(file), {});
}

absl::Status RunVerify(const ParsedFlags& flags, CommandEnv& env) {
  absl::StatusOr<std::string> body = ReadBody(flags, env);
  if (!body.ok()) return body.status();
  absl::StatusOr<bool> valid =
      VerifyWebhookSignature(flags.GetString("secret-key"), *body, flags.GetString("signature"));
  if (!valid.ok()) return valid.status();
  if (!*valid) {
    return InvalidSignatureError("signature does not match the body and secret key");
  }
  google::protobuf::Struct result;
  (*result.mutable_fields())["valid"].set_bool_value(true);
  return env.printer().Data(result, "signature valid\n");
}

}  // namespace

Command SignatureCommand() {
  return {"",
          "verify-signature",
          "Check a Kapso webhook signature locally (exit 0 valid, 1 invalid)",
          {Required(StringFlag("secret-key", "S", "the webhook's secret key")),
           Required(StringFlag("signature", "HEX", "the X-Webhook-Signature header value")),
           StringFlag("body-file", "FILE", "raw request body (default: stdin)")},
          RunVerify};
}

}  // namespace kapso::cli

#include "cli/app.h"

#include <sstream>

#include "cli/cli_status.h"
#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

struct RunResult {
  int code;
  std::string out, err;
};

RunResult RunWith(std::vector<std::string> args, const std::string& stdin_text = "",
                  std::string server_env = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  CliIo io{&in, &out, &err, false,
           [&](const std::string& name) { return name == "KAPSO_OPS_SERVER" ? server_env : ""; }};
  int code = RunCli(args, io);
  return {code, out.str(), err.str()};
}

TEST(AppTest, HelpEverywhereExitsZero) {
  for (auto args : std::vector<std::vector<std::string>>{{"--help"},
                                                         {"help"},
                                                         {"webhooks", "--help"},
                                                         {"webhooks", "create", "--help"},
                                                         {"--help", "health"},
                                                         {"help", "messages", "get"}}) {
    SCOPED_TRACE(args[0]);
    RunResult r = RunWith(args);
    EXPECT_EQ(r.code, kExitOk);
    EXPECT_EQ(r.out.rfind("Usage: kapso-ops", 0), 0u) << r.out;
  }
  EXPECT_NE(RunWith({"webhooks", "create", "--help"}).out.find("--buffer-window-seconds N"),
            std::string::npos);
}

TEST(AppTest, UsageErrorsExitTwoBeforeAnyRpc) {
  struct Case {
    std::vector<std::string> args;
    std::string needle;
  };
  const Case cases[] = {
      {{}, "missing command"},
      {{"webhooks"}, "missing subcommand"},
      {{"webhook", "list"}, "unknown command"},
      {{"webhooks", "list", "--phone-number-id", "1", "--frobnicate"}, "--frobnicate"},
      {{"health"}, "--phone-number-id"},
      {{"health", "--phone-number", "+1 555", "--phone-number-id", "1"}, "not both"},
      {{"numbers", "resolve"}, "--phone-number"},
      {{"webhooks", "list", "--phone-number-id", "1", "--scope", "global"}, "--scope"},
      {{"overview", "--period", "1y"}, "--period"},
      {{"--output", "xml", "overview"}, "--output"},
      {{"webhooks", "create", "--phone-number-id", "1", "--url", "https://x", "--events", "a",
        "--headers", "[1]"},
       "--headers"},
      {{"webhooks", "update", "--phone-number-id", "1", "--webhook-id", "w"}, "nothing to update"},
      {{"conversations", "lookup"}, "exactly one"},
      {{"conversations", "lookup", "--phone-number", "+1", "--conversation-id", "c"},
       "exactly one"},
      {{"overview", "extra"}, "unexpected argument"},
      {{"webhooks", "update", "--phone-number-id", "1", "--webhook-id", "w", "--kind", "meta"},
       "--kind"},
      {{"conversations", "lookup", "--conversation-id", "c", "--page-token", "t"}, "--page-token"},
      {{"webhooks", "list", "--phone-number-id", "1", "--created-before", "soon"},
       "--created-before"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.needle);
    // An unroutable server: reaching it would fail differently (exit 3).
    RunResult r = RunWith(c.args, "", "127.0.0.1:1");
    EXPECT_EQ(r.code, kExitUsage) << r.err;
    EXPECT_NE(r.err.find(c.needle), std::string::npos) << r.err;
    EXPECT_EQ(r.err.rfind(R"({"ok":false,"error":{"code":"INVALID_ARGUMENT")", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(AppTest, GlobalFlagsBeforeOrAfterTheCommand) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"--server", "127.0.0.1:1", "--timeout", "2s", "overview"},
           {"overview", "--server=127.0.0.1:1", "--timeout", "2s"}}) {
    RunResult r = RunWith(args);
    EXPECT_EQ(r.code, kExitUnreachable) << r.err;
    EXPECT_NE(r.err.find(R"("code":"UNAVAILABLE")"), std::string::npos) << r.err;
  }
}

TEST(AppTest, ServerFromEnvironment) {
  RunResult r = RunWith({"overview", "--timeout", "2s"}, "", "127.0.0.1:1");
  EXPECT_EQ(r.code, kExitUnreachable);
  EXPECT_NE(r.err.find("127.0.0.1:1"), std::string::npos) << r.err;
}

TEST(AppTest, VerifySignatureFromStdin) {
  const std::string mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  RunResult ok = RunWith({"verify-signature", "--secret-key", "Jefe", "--signature", mac},
                         "what do ya want for nothing?");
  EXPECT_EQ(ok.code, kExitOk) << ok.err;
  EXPECT_EQ(ok.out, "{\"ok\":true,\"data\":{\"valid\":true}}\n");
  RunResult bad = RunWith({"verify-signature", "--secret-key", "Jefe", "--signature", mac},
                          "what do ya want for nothing?\n");
  EXPECT_EQ(bad.code, kExitFailure);
  EXPECT_NE(bad.err.find("INVALID_SIGNATURE"), std::string::npos) << bad.err;
  RunResult missing = RunWith({"verify-signature", "--secret-key", "k", "--signature", mac,
                               "--body-file", "/nonexistent/body"});
  EXPECT_EQ(missing.code, kExitUsage);
}

TEST(AppTest, CompletionCoversEveryCommand) {
  RunResult r = RunWith({"completion", "bash"});
  EXPECT_EQ(r.code, kExitOk);
  for (const char* needle :
       {"complete -F _kapso_ops kapso-ops", "\"webhooks create\")", "--buffer-window-seconds",
        "webhook-deliveries",
        "\"webhooks list --scope\") COMPREPLY=($(compgen -W \"config project\""}) {
    EXPECT_NE(r.out.find(needle), std::string::npos) << needle;
  }
}

}  // namespace
}  // namespace kapso::cli

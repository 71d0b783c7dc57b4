#include "cli/flag_parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

std::vector<FlagSpec> Specs() {
  return {Required(StringFlag("phone-number-id", "ID", "")), IntFlag("per-page", 1, 100, ""),
          BoolFlag("all", ""), EnumFlag("scope", {"config", "project"}, ""),
          DurationFlag("timeout", "")};
}

// Parses every arg with Specs(); unknown flags become errors.
absl::StatusOr<ParsedFlags> ParseAll(const std::vector<std::string>& args) {
  ParsedFlags flags;
  const std::vector<FlagSpec> specs = Specs();
  for (size_t i = 0; i < args.size();) {
    absl::StatusOr<bool> known = ParseOneFlag(args, &i, specs, &flags);
    if (!known.ok()) return known.status();
    if (!*known) return absl::NotFoundError(args[i]);
  }
  if (absl::Status s = CheckRequiredFlags(specs, flags); !s.ok()) return s;
  return flags;
}

TEST(FlagParserTest, AcceptsSpaceAndEqualsForms) {
  auto flags = ParseAll({"--phone-number-id", "123", "--per-page=50", "--scope", "project"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->GetString("phone-number-id"), "123");
  EXPECT_EQ(flags->GetInt("per-page"), 50);
  EXPECT_EQ(flags->GetString("scope"), "project");
  EXPECT_FALSE(flags->GetBool("all"));
}

TEST(FlagParserTest, BoolTakesOptionalValue) {
  struct Case {
    std::vector<std::string> args;
    bool want;
    size_t want_size;
  };
  const Case cases[] = {
      {{"--phone-number-id", "1", "--all"}, true, 2},
      {{"--all", "--phone-number-id", "1"}, true, 2},
      {{"--all", "false", "--phone-number-id", "1"}, false, 2},
      {{"--all=true", "--phone-number-id", "1"}, true, 2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args[0] + " " + c.args[1]);
    auto flags = ParseAll(c.args);
    ASSERT_TRUE(flags.ok()) << flags.status();
    EXPECT_EQ(flags->GetBool("all"), c.want);
    EXPECT_EQ(flags->size(), c.want_size);
  }
}

TEST(FlagParserTest, RejectsBadValuesNamingTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string flag;
  };
  const Case cases[] = {
      {{"--phone-number-id", "1", "--per-page", "0"}, "--per-page"},
      {{"--phone-number-id", "1", "--per-page", "101"}, "--per-page"},
      {{"--phone-number-id", "1", "--per-page", "ten"}, "--per-page"},
      {{"--phone-number-id", "1", "--scope", "global"}, "--scope"},
      {{"--phone-number-id", "1", "--all=maybe"}, "--all"},
      {{"--phone-number-id", "1", "--timeout", "soon"}, "--timeout"},
      {{"--phone-number-id", "1", "--timeout", "-1s"}, "--timeout"},
      {{"--phone-number-id"}, "--phone-number-id"},
      {{"--phone-number-id", "--all"}, "--phone-number-id"},
      {{"--phone-number-id", ""}, "--phone-number-id"},
      {{"--phone-number-id", "1", "--phone-number-id", "2"}, "--phone-number-id"},
      {{"--all"}, "--phone-number-id"},  // Required and missing.
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.flag);
    auto flags = ParseAll(c.args);
    ASSERT_FALSE(flags.ok());
    EXPECT_EQ(flags.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(flags.status().message().substr(0, c.flag.size()), c.flag) << flags.status();
  }
}

TEST(FlagParserTest, UnknownFlagIsLeftForTheCaller) {
  std::vector<std::string> args = {"--nope", "x"};
  ParsedFlags flags;
  size_t i = 0;
  const std::vector<FlagSpec> specs = Specs();
  auto known = ParseOneFlag(args, &i, specs, &flags);
  ASSERT_TRUE(known.ok());
  EXPECT_FALSE(*known);
  EXPECT_EQ(i, 0u);
}

TEST(FlagParserTest, EnumErrorListsAllowedValues) {
  absl::Status s = ValidateFlagValue(EnumFlag("period", {"24h", "7d"}, ""), "1y");
  EXPECT_EQ(s.message(), "--period: invalid value \"1y\" (one of 24h|7d)");
}

}  // namespace
}  // namespace kapso::cli

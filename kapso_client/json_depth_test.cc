#include "kapso_client/json_depth.h"

#include <string>

#include "gtest/gtest.h"

namespace kapso::client {
namespace {

std::string Nested(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(JsonDepthWithin, CountsArraysAndObjects) {
  EXPECT_TRUE(JsonDepthWithin(R"({"data":{"a":[1,{"b":[]}]}})", 5));
  EXPECT_FALSE(JsonDepthWithin(R"({"data":{"a":[1,{"b":[]}]}})", 4));
  EXPECT_TRUE(JsonDepthWithin(Nested(64), 64));
  EXPECT_FALSE(JsonDepthWithin(Nested(65), 64));
}

TEST(JsonDepthWithin, IgnoresBracketsInsideStrings) {
  EXPECT_TRUE(JsonDepthWithin(R"({"text":")" + Nested(1000) + R"("})", 1));
  // An escaped quote does not end the string.
  EXPECT_TRUE(JsonDepthWithin(R"({"text":"\"[[[[[[[["})", 1));
  EXPECT_TRUE(JsonDepthWithin(R"({"text":"\\"})", 1));
}

TEST(JsonDepthWithin, IsLinearOnHostileInput) {
  // 40 KB of nesting, and 8 MB of it, answer at once (no parse).
  EXPECT_FALSE(JsonDepthWithin(R"({"data":{"context":)" + Nested(20000) + "}}", 64));
  EXPECT_FALSE(JsonDepthWithin(std::string(8 << 20, '['), 64));
  EXPECT_TRUE(JsonDepthWithin(std::string(8 << 20, ']'), 64));
}

}  // namespace
}  // namespace kapso::client

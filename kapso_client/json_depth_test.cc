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

TEST(JsonHasRawControlInString, FindsUnescapedControlsInStringsOnly) {
  EXPECT_FALSE(JsonHasRawControlInString(R"({"a":"b\n\u0000","c":[1,2]})"));
  EXPECT_FALSE(JsonHasRawControlInString("{\n\t\"a\" :\r\n 1}"));  // whitespace outside strings
  EXPECT_TRUE(JsonHasRawControlInString(std::string("{\"a\":\"b\0c\"}", 10)));
  EXPECT_TRUE(JsonHasRawControlInString("{\"categor\x01y\":1}"));  // in a member name
  EXPECT_TRUE(JsonHasRawControlInString("{\"a\":\"line\nbreak\"}"));
}

}  // namespace
}  // namespace kapso::client

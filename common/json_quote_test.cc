#include "common/json_quote.h"

#include <gtest/gtest.h>

namespace kapso {
namespace {

TEST(JsonQuoteTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(JsonQuote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(JsonQuote("line\nnext\r\t"), R"("line\nnext\r\t")");
  EXPECT_EQ(JsonQuote(std::string("\x01\x1b[31m\x7f", 7)), R"("\u0001\u001b[31m\u007f")");
}

TEST(JsonQuoteTest, KeepsValidUtf8) {
  EXPECT_EQ(JsonQuote("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
}

TEST(JsonQuoteTest, ReplacesInvalidUtf8) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(JsonQuote("a\xFF"
                      "b"),
            "\"a" + replacement + "b\"");
  EXPECT_EQ(JsonQuote("\xC3"), "\"" + replacement + "\"");                    // truncated
  EXPECT_EQ(JsonQuote("\xC0\xAF"), "\"" + replacement + replacement + "\"");  // overlong
  EXPECT_EQ(JsonQuote("\xED\xA0\x80"),
            "\"" + replacement + replacement + replacement + "\"");  // surrogate
}

TEST(JsonQuoteTest, EmptyIsAnEmptyString) { EXPECT_EQ(JsonQuote(""), "\"\""); }

}  // namespace
}  // namespace kapso

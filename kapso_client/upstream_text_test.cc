#include "kapso_client/upstream_text.h"

#include <string>

#include "gtest/gtest.h"

namespace kapso::client {
namespace {

TEST(SanitizeUpstreamText, ReplacesControlCharactersAndEscapes) {
  EXPECT_EQ(SanitizeUpstreamText("a\x1b[31mb\r\nc\x7f\x07", 100), "a [31mb  c  ");
  // C1 controls (U+0080-U+009F, e.g. CSI U+009B) also start terminal escapes.
  EXPECT_EQ(SanitizeUpstreamText("x\xc2\x9b"
                                 "1m",
                                 100),
            "x 1m");
}

TEST(SanitizeUpstreamText, KeepsUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(SanitizeUpstreamText("caf\xc3\xa9 \xe2\x9c\x93", 100), "caf\xc3\xa9 \xe2\x9c\x93");
  EXPECT_EQ(SanitizeUpstreamText("a\xff"
                                 "b",
                                 100),
            "a\xef\xbf\xbd"
            "b");
  EXPECT_EQ(SanitizeUpstreamText("\xed\xa0\x80", 100), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(SanitizeUpstreamText("\xc3", 100), "\xef\xbf\xbd");  // cut sequence
}

TEST(SanitizeUpstreamText, TruncatesOnACharacterBoundary) {
  EXPECT_EQ(SanitizeUpstreamText("abcdef", 4), "abcd\u2026(truncated)");
  // "é" is two bytes: it does not fit after "abc" in 4 bytes.
  EXPECT_EQ(SanitizeUpstreamText("abc\xc3\xa9", 4), "abc\u2026(truncated)");
  EXPECT_EQ(SanitizeUpstreamText("abcd", 4), "abcd");
  EXPECT_EQ(SanitizeUpstreamText(std::string(1 << 20, 'x'), 512).size(), 512 + 14);
}

TEST(IsHeaderToken, AcceptsOnlyVisibleAsciiWithinTheBound) {
  EXPECT_TRUE(IsHeaderToken("abc-123_XYZ.~", 128));
  EXPECT_FALSE(IsHeaderToken("", 128));
  EXPECT_FALSE(IsHeaderToken(std::string(129, 'a'), 128));
  for (const char* bad : {"a b", "a\tb", "a\r\nX-Injected: yes", "\xff", "a\x7f"}) {
    EXPECT_FALSE(IsHeaderToken(bad, 128)) << bad;
  }
  EXPECT_FALSE(IsHeaderToken(std::string("a\0b", 3), 128));
}

}  // namespace
}  // namespace kapso::client

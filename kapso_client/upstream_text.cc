#include "kapso_client/upstream_text.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace kapso::client {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at text[i], or 0.
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length = lead < 0x80                    ? 1
                  : lead >= 0xC2 && lead <= 0xDF ? 2
                  : lead >= 0xE0 && lead <= 0xEF ? 3
                  : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = i + 1; k < i + length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF.
  if (length == 3 && ((lead == 0xE0 && byte(i + 1) < 0xA0) || (lead == 0xED && byte(i + 1) > 0x9F)))
    return 0;
  if (length == 4 && ((lead == 0xF0 && byte(i + 1) < 0x90) || (lead == 0xF4 && byte(i + 1) > 0x8F)))
    return 0;
  return length;
}

}  // namespace

std::string SanitizeUpstreamText(absl::string_view text, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  size_t i = 0;
  while (i < text.size()) {
    size_t length = Utf8SequenceLength(text, i);
    absl::string_view piece = length == 0 ? kReplacement : text.substr(i, length);
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool c0 = length == 1 && (c < 0x20 || c == 0x7F);
    bool c1 = length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (c0 || c1) piece = " ";
    if (out.size() + piece.size() > max_bytes) {
      absl::StrAppend(&out, "\u2026(truncated)");
      break;
    }
    out.append(piece.data(), piece.size());
    i += length == 0 ? 1 : length;
  }
  return out;
}

bool IsHeaderToken(absl::string_view value, size_t max_bytes) {
  if (value.empty() || value.size() > max_bytes) return false;
  for (char c : value) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace kapso::client

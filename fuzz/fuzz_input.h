#ifndef FUZZ_FUZZ_INPUT_H_
#define FUZZ_FUZZ_INPUT_H_

// Splits a fuzz input into parts, so one byte string can drive several
// arguments. Plain C++ (no FuzzedDataProvider) because the targets also build
// with gcc, which does not ship libFuzzer's headers.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace kapso::fuzz {

// The input as text.
inline std::string AsText(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// `text` cut at every `separator`; always at least one part.
inline std::vector<std::string> SplitInput(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator) {
      parts.emplace_back();
    } else {
      parts.back().push_back(c);
    }
  }
  return parts;
}

// The i-th part, or "" when there are fewer.
inline const std::string& Part(const std::vector<std::string>& parts, size_t i) {
  static const std::string kEmpty;
  return i < parts.size() ? parts[i] : kEmpty;
}

// An invariant of the code under test broke: report it and crash, so
// libFuzzer keeps the input.
#define KAPSO_FUZZ_CHECK(condition)                                                          \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

}  // namespace kapso::fuzz

#endif  // FUZZ_FUZZ_INPUT_H_

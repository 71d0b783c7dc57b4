#include "kapso_client/json_depth.h"

namespace kapso::client {
namespace {

// One pass over `json` that knows where strings are: `on_string_byte` sees
// each byte inside a string (escapes included), `on_structure` each byte
// outside one; either returning false stops the pass, and Walk says whether
// it ran to the end.
template <typename OnStringByte, typename OnStructure>
bool Walk(absl::string_view json, OnStringByte on_string_byte, OnStructure on_structure) {
  bool in_string = false;
  bool escaped = false;
  for (char c : json) {
    if (!in_string) {
      in_string = c == '"';
      if (!in_string && !on_structure(c)) return false;
      continue;
    }
    if (!on_string_byte(c)) return false;
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      in_string = false;
    }
  }
  return true;
}

}  // namespace

bool JsonDepthWithin(absl::string_view json, int max_depth) {
  int depth = 0;
  return Walk(
      json, [](char) { return true; },
      [&](char c) {
        if (c == '[' || c == '{') return ++depth <= max_depth;
        if ((c == ']' || c == '}') && depth > 0) --depth;
        return true;
      });
}

bool JsonHasRawControlInString(absl::string_view json) {
  return !Walk(
      json, [](char c) { return static_cast<unsigned char>(c) >= 0x20; },
      [](char) { return true; });
}

}  // namespace kapso::client

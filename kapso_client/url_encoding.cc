#include "kapso_client/url_encoding.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

std::string PercentEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

absl::StatusOr<std::string> PathSegment(absl::string_view field, absl::string_view id) {
  if (id.empty()) return InvalidArgument({{std::string(field), "is required"}});
  if (id == "." || id == "..") {
    return InvalidArgument({{std::string(field), "is not a valid id"}});
  }
  return PercentEncode(id);
}

std::string EncodeQuery(const std::vector<std::pair<std::string, std::string>>& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    absl::StrAppend(&out, out.empty() ? "" : "&", PercentEncode(key), "=", PercentEncode(value));
  }
  return out;
}

}  // namespace kapso::client

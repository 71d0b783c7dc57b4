// Page tokens (service/page_token.h) are caller input. Parts of the input,
// split at 0xFF: [0] a token as sent, [1] the raw bytes of a token (base64'd
// here, so the fuzzer reaches the proto parser), [2] a filter value, [3] a
// cursor. A token kapso-ops issued must decode to what it encoded, and only
// with the filters it was issued for.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/escaping.h"
#include "fuzz/fuzz_input.h"
#include "google/protobuf/stubs/common.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "service/page_token.h"

using kapso::fuzz::Part;

namespace {

bool Utf8(const std::string& text) {
  return google::protobuf::internal::IsStructurallyValidUTF8(text.data(),
                                                             static_cast<int>(text.size()));
}

void DecodeAny(const kapso::ops::v1::ListMessagesRequest& request, const std::string& token) {
  auto page = kapso::service::DecodePageToken(request, token, 0);
  if (page.ok()) KAPSO_FUZZ_CHECK(page->page >= 1 && page->page_size == 20);
}

void RoundTrip(kapso::ops::v1::ListMessagesRequest request, const std::string& cursor, int page) {
  std::string token = kapso::service::EncodePageToken(request, cursor, page);
  request.set_page_token(token);  // page_token and page_size are not filters
  request.set_page_size(7);
  auto decoded = kapso::service::DecodePageToken(request, token, 7);
  KAPSO_FUZZ_CHECK(decoded.ok());
  KAPSO_FUZZ_CHECK(decoded->cursor == cursor);
  KAPSO_FUZZ_CHECK(decoded->page == (page > 0 ? page : 1));
  request.set_phone_number_id(request.phone_number_id() + "x");
  KAPSO_FUZZ_CHECK(!kapso::service::DecodePageToken(request, token, 7).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parts = kapso::fuzz::SplitInput(kapso::fuzz::AsText(data, size), '\xff');
  kapso::ops::v1::ListMessagesRequest request;
  request.set_phone_number_id(Part(parts, 2));
  request.set_status(Part(parts, 3));
  DecodeAny(request, Part(parts, 0));
  std::string escaped;
  absl::WebSafeBase64Escape(Part(parts, 1), &escaped);
  DecodeAny(request, escaped);
  // Round trips only with what can really reach EncodePageToken: request
  // strings come through gRPC's proto3 parser and cursors from Kapso's JSON,
  // both valid UTF-8 (a proto3 token with a non-UTF-8 cursor cannot parse).
  int page = static_cast<int>(Part(parts, 3).size()) - 2;
  if (Utf8(Part(parts, 2)) && Utf8(Part(parts, 3))) RoundTrip(request, Part(parts, 3), page);
  return 0;
}

#include "service/page_token.h"

#include <cstdint>
#include <memory>

#include "absl/strings/escaping.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "kapso/internal/page_token.pb.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

constexpr int kDefaultPageSize = 20;

absl::Status InvalidToken(absl::string_view why) {
  return client::MakeError(absl::StatusCode::kInvalidArgument,
                           std::string("page_token: ") + std::string(why), "INVALID_PAGE_TOKEN");
}

}  // namespace

// FNV-1a over the deterministic serialization of the filters.
uint64_t FilterFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const auto* descriptor = filters->GetDescriptor();
  for (const char* name : {"page_token", "page_size", "resume_token"}) {
    if (const auto* field = descriptor->FindFieldByName(name)) {
      filters->GetReflection()->ClearField(filters.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters->SerializeToCodedStream(&coded);
  }
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : descriptor->full_name() + bytes) {
    hash = (hash ^ c) * 1099511628211ull;
  }
  return hash;
}

absl::StatusOr<client::PageRequest> DecodePageToken(const google::protobuf::Message& request,
                                                    absl::string_view token, int page_size) {
  client::PageRequest page;
  page.page_size = page_size == 0 ? kDefaultPageSize : page_size;
  if (token.empty()) return page;
  std::string bytes;
  kapso::internal::PageToken decoded;
  if (!absl::WebSafeBase64Unescape(token, &bytes) || !decoded.ParseFromString(bytes)) {
    return InvalidToken("is not a token kapso-ops issued");
  }
  if (decoded.filter_fingerprint() != FilterFingerprint(request)) {
    return InvalidToken("was issued for other filters; keep the filters while paging");
  }
  page.cursor = decoded.cursor();
  page.page = decoded.page() > 0 ? decoded.page() : 1;
  return page;
}

std::string EncodePageToken(const google::protobuf::Message& request, absl::string_view cursor,
                            int page) {
  kapso::internal::PageToken token;
  token.set_cursor(std::string(cursor));
  token.set_page(page);
  token.set_filter_fingerprint(FilterFingerprint(request));
  std::string encoded;
  absl::WebSafeBase64Escape(token.SerializeAsString(), &encoded);
  return encoded;
}

std::string EncodePageToken(const google::protobuf::Message& request,
                            const client::PageRequest& next) {
  return next.cursor.empty() ? EncodePageToken(request, "", next.page)
                             : EncodePageToken(request, next.cursor, 0);
}

}  // namespace kapso::service

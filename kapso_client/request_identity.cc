#include "kapso_client/request_identity.h"

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "kapso_client/url_encoding.h"

namespace kapso::client {

std::string RequestIdentity(const HttpRequest& request) {
  return absl::StrCat(absl::HashOf(request.api_key), " ", HttpMethodName(request.method), " ",
                      request.path, "?", EncodeQuery(request.query));
}

}  // namespace kapso::client

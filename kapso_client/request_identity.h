#ifndef KAPSO_CLIENT_REQUEST_IDENTITY_H_
#define KAPSO_CLIENT_REQUEST_IDENTITY_H_

#include <string>

#include "kapso_client/http_types.h"

namespace kapso::client {

// The identity of a request for sharing (coalescing_transport.h) and caching
// (caching_transport.h): key, method, path and query. The API key is
// included hashed, so answers never cross keys and no map holds a key.
std::string RequestIdentity(const HttpRequest& request);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_REQUEST_IDENTITY_H_

#ifndef KAPSO_CLIENT_KAPSO_ENDPOINTS_H_
#define KAPSO_CLIENT_KAPSO_ENDPOINTS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "kapso_client/http_types.h"

namespace kapso::client {

// What the transport layers need to know about Kapso's endpoints, apart from
// how each request is built (the per-resource files).

// The endpoint template of a Kapso path ("/whatsapp/messages/{id}"), or
// "other": one of a closed set, so metric labels never grow with ids.
std::string EndpointTemplate(absl::string_view path);

// Whether `request` is a phone number health check
// (GET /whatsapp/phone_numbers/{id}/health): Kapso caches those upstream and
// limits them separately (5/s, 60/min per project).
bool IsPhoneNumberHealthCheck(const HttpRequest& request);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_KAPSO_ENDPOINTS_H_

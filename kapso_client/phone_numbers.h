#ifndef KAPSO_CLIENT_PHONE_NUMBERS_H_
#define KAPSO_CLIENT_PHONE_NUMBERS_H_

// Kapso's /whatsapp/phone_numbers: the page-numbered list (envelope:
// kapso/internal/wire/phone_numbers.proto) and a number's health check.

#include <optional>

#include "absl/status/statusor.h"
#include "kapso/internal/wire/phone_numbers.pb.h"
#include "kapso/ops/v1/health.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

absl::StatusOr<HttpRequest> BuildListPhoneNumbers(const PageRequest& page);
absl::StatusOr<HttpRequest> BuildPhoneNumberHealth(
    const v1::CheckPhoneNumberHealthRequest& request);

// The page after `page` of the list whose answer was `list`, if any.
std::optional<PageRequest> NextPhoneNumberPage(const PageRequest& page,
                                               const wire::PhoneNumberList& list);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_PHONE_NUMBERS_H_

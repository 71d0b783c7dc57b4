#include "kapso_client/phone_numbers.h"

#include "kapso_client/request_building.h"

namespace kapso::client {

absl::StatusOr<HttpRequest> BuildListPhoneNumbers(const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/whatsapp/phone_numbers"};
  AddPageNumber(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildPhoneNumberHealth(
    const v1::CheckPhoneNumberHealthRequest& request) {
  return ItemRequest("/whatsapp/phone_numbers", "phone_number_id", request.phone_number_id(),
                     "/health");
}

std::optional<PageRequest> NextPhoneNumberPage(const PageRequest& page,
                                               const wire::PhoneNumberList& list) {
  return NextPage(page, list.meta(), list.data_size());
}

}  // namespace kapso::client

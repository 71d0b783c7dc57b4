#include "service/phone_number_health.h"

#include <utility>

#include "google/protobuf/util/time_util.h"
#include "kapso_client/phone_numbers.h"
#include "service/health_findings.h"

namespace kapso::service {

void FetchPhoneNumberHealth(client::KapsoClient* client, const client::RequestContext& context,
                            const std::string& phone_number_id,
                            client::Done<ops::v1::PhoneNumberHealth> done) {
  ops::v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(phone_number_id);
  absl::StatusOr<client::HttpRequest> http_request = client::BuildPhoneNumberHealth(request);
  client::HttpRequest sent;  // method and path, for the error of a bad answer
  if (http_request.ok()) sent.path = http_request->path;
  client->Send(std::move(http_request), context,
               [sent, done = std::move(done)](absl::StatusOr<client::HttpResponse> http) mutable {
                 if (!http.ok()) return std::move(done)(http.status());
                 ops::v1::PhoneNumberHealth health;
                 // Health is the one answer Kapso does not wrap in {"data": ...}.
                 absl::Status parsed = client::KapsoClient::ParseAnswer(sent, *http, &health);
                 if (!parsed.ok()) return std::move(done)(parsed);
                 AddHealthFindings(health);
                 *health.mutable_cache_age() =
                     google::protobuf::util::TimeUtil::NanosecondsToDuration(
                         absl::ToInt64Nanoseconds(http->age));
                 std::move(done)(std::move(health));
               });
}

}  // namespace kapso::service

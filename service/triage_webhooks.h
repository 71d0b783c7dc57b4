#ifndef SERVICE_TRIAGE_WEBHOOKS_H_
#define SERVICE_TRIAGE_WEBHOOKS_H_

#include <map>
#include <string>
#include <vector>

#include "google/protobuf/repeated_ptr_field.h"
#include "kapso/ops/v1/triage.pb.h"

namespace kapso::service {

// What kapso-ops learnt of a webhook (Webhooks.GetWebhook), for the triage.
struct WebhookState {
  bool known = false;  // false: it could not be read (e.g. deleted)
  bool active = false;
  std::string url;
  std::string why_unknown;  // the error, when not known
};

// Failed deliveries grouped by webhook and outcome (the receiver's HTTP
// status, or no response: a timeout or connection error), one finding per
// group, with the failure rate among every delivery to that webhook in
// `deliveries`, since when it fails, and whether the webhook is still
// active (`webhooks`, by id; a webhook missing there is "unknown").
std::vector<ops::v1::Finding> WebhookDeliveryFindings(
    const google::protobuf::RepeatedPtrField<ops::v1::WebhookDelivery>& deliveries,
    const std::map<std::string, WebhookState>& webhooks);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_WEBHOOKS_H_

#include "service/meta_error_catalog.h"

#include <algorithm>
#include <iterator>

namespace kapso::service {
namespace {

// Sorted by code (LookupMetaError searches it).
constexpr MetaErrorEntry kEntries[] = {
    {1, "API unknown", "platform", "warning",
     "Meta could not process the request (invalid request or a server error).",
     "Check the WhatsApp Business Platform status page; if there is no outage, check the request "
     "against the endpoint reference."},
    {2, "API service", "platform", "warning", "A temporary Meta outage or overload.",
     "Check the platform status page and retry later with back-off."},
    {4, "API too many calls", "throughput", "warning",
     "The app reached its Graph API call rate limit.",
     "Reduce the rate of API calls and retry later."},
    {10, "Permission denied", "token", "critical", "The permission is not granted or was removed.",
     "Check the app's permissions (whatsapp_business_messaging, whatsapp_business_management) and "
     "the system user's asset access in Business Manager."},
    {100, "Invalid parameter", "parameter", "error",
     "The request had an unsupported, misspelled or invalid parameter.",
     "Compare the request with the endpoint reference (parameter names, types, phone number "
     "formats) and resend."},
    {190, "Access token expired", "token", "critical",
     "The access token Kapso uses for this number has expired or was invalidated.",
     "Reconnect the number in Kapso (or issue a new system-user token) so Kapso holds a valid "
     "token."},
    {368, "Temporarily blocked for policy violations", "account", "critical",
     "The WhatsApp Business Account was restricted or disabled for a policy violation.",
     "Read the policy enforcement notice in WhatsApp Manager and appeal or fix the violation."},
    {80007, "Rate limit issues", "throughput", "warning",
     "The WhatsApp Business Account reached its API rate limit.",
     "Lower the request rate (batch, back off) and retry later."},
    {130429, "Rate limit hit", "throughput", "warning",
     "The number's Cloud API message throughput was reached.",
     "Send more slowly (queue with back-off) or request a higher throughput tier."},
    {130472, "User's number is part of an experiment", "recipient", "warning",
     "Meta did not deliver the marketing message because the recipient is in an experiment.",
     "Nothing to fix; do not resend at once."},
    {130497, "Business account restricted from messaging users in this country", "account",
     "critical", "The business cannot message recipients in the recipient's country.",
     "Check the account's country restrictions in WhatsApp Manager."},
    {131000, "Something went wrong", "platform", "warning", "An unknown Meta error on sending.",
     "Retry; if it persists, contact Meta support with the fbtrace_id."},
    {131005, "Access denied", "token", "critical",
     "The token lacks permission for this number or account.",
     "Check the token's permissions and asset assignment in Business Manager."},
    {131008, "Required parameter is missing", "parameter", "error",
     "The message lacked a required parameter.",
     "Add the missing parameter (see the error details) and resend."},
    {131009, "Parameter value is not valid", "parameter", "error",
     "One or more parameter values are invalid (often a template variable or phone number).",
     "Fix the value named in the error details and resend."},
    {131016, "Service unavailable", "platform", "warning",
     "A Meta service is temporarily unavailable.",
     "Check the platform status page and retry later."},
    {131021, "Recipient cannot be sender", "parameter", "error",
     "The message was addressed to the sending number itself.", "Send to a different recipient."},
    {131026, "Message undeliverable", "recipient", "error",
     "The recipient cannot receive it: not on WhatsApp, an old app version, terms not accepted, or "
     "the business is blocked.",
     "Confirm the number is on WhatsApp and opted in; do not retry the same message blindly."},
    {131031, "Account has been locked", "account", "critical",
     "The WhatsApp Business Account was locked (policy or data verification).",
     "Check the account status in WhatsApp Manager and resolve the verification or appeal."},
    {131042, "Business eligibility payment issue", "payment", "critical",
     "Meta cannot bill the account: no valid payment method, credit line over limit, or incomplete "
     "currency/time-zone setup.",
     "Fix the payment method and billing settings of the WhatsApp Business Account."},
    {131045, "Incorrect certificate", "account", "critical",
     "The number was not registered with a valid certificate.", "Register the phone number again."},
    {131047, "Re-engagement message", "recipient", "error",
     "More than 24 hours passed since the customer last wrote: the customer service window is "
     "closed for free-form messages.",
     "Send an approved template to reopen the conversation."},
    {131048, "Spam rate limit hit", "throughput", "critical",
     "Sending from this number is restricted because many earlier messages were blocked or "
     "reported as spam.",
     "Check the number's quality in WhatsApp Manager; message only opted-in users and improve "
     "content."},
    {131049, "Meta chose not to deliver", "recipient", "warning",
     "Not delivered to maintain healthy ecosystem engagement (per-user marketing limit).",
     "Do not resend at once; send fewer marketing messages to this user or wait."},
    {131050, "User stopped marketing messages", "recipient", "error",
     "The recipient opted out of marketing messages from this business.",
     "Stop sending marketing templates to this recipient."},
    {131051, "Unsupported message type", "parameter", "error", "The message type is not supported.",
     "Use a supported message type and payload."},
    {131052, "Media download error", "media", "error",
     "Meta could not download the media the message refers to.",
     "Use a public, valid media URL (or upload the media first) and resend."},
    {131053, "Media upload error", "media", "error",
     "The media could not be uploaded (type or size).",
     "Check the file's type and size against WhatsApp's limits."},
    {131056, "Pair rate limit hit", "throughput", "warning",
     "Too many messages from this number to the same recipient in a short time.",
     "Wait before messaging this recipient again; other recipients are not affected."},
    {131057, "Account in maintenance mode", "account", "warning",
     "The business account is in maintenance (e.g. a throughput upgrade).",
     "Wait a few minutes and retry."},
    {132000, "Template parameter count mismatch", "template", "error",
     "The number of variables sent does not match the template.",
     "Send exactly the template's parameters."},
    {132001, "Template does not exist", "template", "error",
     "No approved template with this name in this language.",
     "Check the template's name, language and approval status."},
    {132005, "Template hydrated text too long", "template", "error",
     "The text with its variables filled in exceeds the limit.", "Shorten the variables' values."},
    {132007, "Template format character policy violated", "template", "error",
     "The template's content violates a WhatsApp policy.",
     "Edit the template content to follow the policy."},
    {132012, "Template parameter format mismatch", "template", "error",
     "A variable's value does not have the format the template expects.",
     "Send each variable in the expected format (text, currency, date, media)."},
    {132015, "Template is paused", "template", "critical",
     "The template was paused for low quality.",
     "Edit the template or use another one; review recipients' feedback."},
    {132016, "Template is disabled", "template", "critical",
     "The template was disabled for repeated low quality.",
     "Create a new template with different content."},
    {133004, "Server temporarily unavailable", "platform", "warning",
     "Meta's registration service is unavailable.", "Retry later."},
    {133010, "Phone number not registered", "account", "critical",
     "The number is not registered on the WhatsApp Business Platform.",
     "Register the number (Kapso: reconnect it)."},
    {133016, "Register/deregister rate limit exceeded", "throughput", "warning",
     "Too many registration attempts for this number.", "Wait before trying to register again."},
};

constexpr MetaErrorEntry kTemplateError = {
    0,
    "Template error",
    "template",
    "error",
    "Meta refused the message's template.",
    "Check the template's name, language, approval status and parameters in WhatsApp Manager."};
constexpr MetaErrorEntry kRegistrationError = {
    0,
    "Registration error",
    "account",
    "critical",
    "Meta reported a phone number registration problem.",
    "Check the number's registration in WhatsApp Manager (Kapso: reconnect it)."};
constexpr MetaErrorEntry kUnknown = {0,
                                     "Unknown Meta error",
                                     "platform",
                                     "error",
                                     "Meta reported an error code kapso-ops does not know.",
                                     "Look the code up in Meta's Cloud API error code reference."};

}  // namespace

const MetaErrorEntry& LookupMetaError(int32_t code) {
  auto it = std::lower_bound(std::begin(kEntries), std::end(kEntries), code,
                             [](const MetaErrorEntry& e, int32_t c) { return e.code < c; });
  if (it != std::end(kEntries) && it->code == code) return *it;
  if (code >= 132000 && code <= 132999) return kTemplateError;
  if (code >= 133000 && code <= 133999) return kRegistrationError;
  return kUnknown;
}

}  // namespace kapso::service

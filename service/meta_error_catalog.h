#ifndef SERVICE_META_ERROR_CATALOG_H_
#define SERVICE_META_ERROR_CATALOG_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace kapso::service {

// What a Meta (WhatsApp Cloud API) error code means and what to do about it,
// in an operator's words. The entries follow Meta's Cloud API error code
// reference (developers.facebook.com/docs/whatsapp/cloud-api/support/
// error-codes) and its Graph API error handling page; see README "Meta error
// codes" for the list and how to extend it.
struct MetaErrorEntry {
  int32_t code;
  absl::string_view title;
  // recipient, template, account, payment, throughput, token, parameter,
  // media or platform.
  absl::string_view category;
  // critical (the number or account cannot send), error (this message
  // failed, fix and resend) or warning (wait and retry).
  absl::string_view severity;
  absl::string_view meaning;
  absl::string_view remediation;
};

// The entry for `code`; codes the catalog does not list get a generic entry
// by range (132xxx: template errors, 133xxx: registration errors, else
// unknown), never nullptr.
const MetaErrorEntry& LookupMetaError(int32_t code);

}  // namespace kapso::service

#endif  // SERVICE_META_ERROR_CATALOG_H_

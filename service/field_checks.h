#ifndef SERVICE_FIELD_CHECKS_H_
#define SERVICE_FIELD_CHECKS_H_

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"

namespace kapso::service {

// Collects field violations; Result() is OK when there are none.
class Violations {
 public:
  void Add(absl::string_view field, absl::string_view description);
  absl::Status Result();

  // Each check adds a violation for `field` when `value` fails it.
  void Required(absl::string_view field, absl::string_view value);
  void PhoneNumberId(absl::string_view field, absl::string_view value, bool required);
  void ResourceId(absl::string_view field, absl::string_view value, bool required);
  // An id Kapso's spec declares `format: uuid` (8-4-4-4-12 hex digits).
  void Uuid(absl::string_view field, absl::string_view value, bool required);
  void MessageId(absl::string_view field, absl::string_view value);
  void E164(absl::string_view field, absl::string_view value);
  void PartialPhoneNumber(absl::string_view field, absl::string_view value);
  void OneOf(absl::string_view field, absl::string_view value,
             std::initializer_list<absl::string_view> allowed);
  void PageSize(absl::string_view field, int value);
  void Range(absl::string_view field, int value, int min, int max);
  void HttpsUrl(absl::string_view field, absl::string_view value);
  void KnownEvent(absl::string_view field, absl::string_view value);
  void EventPattern(absl::string_view field, absl::string_view value);
  void HttpHeader(absl::string_view field, absl::string_view name, absl::string_view value);
  // A header of `headers_json`: its name an HTTP token, a string value
  // without line breaks (other JSON values are Kapso's to render).
  void OpenHttpHeader(absl::string_view field, absl::string_view name,
                      const google::protobuf::Value& value);
  // Lower-case letters and '_', at most 32 (e.g. a message type).
  void LowerWord(absl::string_view field, absl::string_view value);
  void MaxLength(absl::string_view field, absl::string_view value, size_t max);

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
};

}  // namespace kapso::service

#endif  // SERVICE_FIELD_CHECKS_H_

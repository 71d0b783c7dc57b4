// Kapso's JSON answers -> the wire envelopes (kapso_client/json_mapping.h).
// The first byte picks the envelope (kapso/internal/wire/); the rest is the
// body. A body that parses must serialize back and parse again to the same
// message (nothing the parser accepts is lost or unprintable). Wherever the
// one-pass reader (kapso_client/fast_json.h) answers, the reference path
// must succeed with an equal message.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"

#include "fuzz/fuzz_input.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/message_differencer.h"
#include "kapso_client/fast_json.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/testing/wire_envelopes.h"

namespace {

const google::protobuf::Descriptor* Envelope(uint8_t selector) {
  const auto& envelopes = kapso::client::testing_util::WireEnvelopes();
  return envelopes[selector % envelopes.size()];
}

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

// Clears the open twins (`<field>_json`, kapso_client/open_fields.h): they
// keep Kapso's body as sent, and a body printed by kapso-ops itself is not
// one Kapso sent, so only the typed fields must survive the round trip.
void ClearOpenTwins(google::protobuf::Message* message) {
  const auto* reflection = message->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const auto* field : fields) {
    if (absl::EndsWith(field->name(), "_json")) {
      reflection->ClearField(message, field);
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE &&
               !field->is_map()) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(*message, field); ++i) {
          ClearOpenTwins(reflection->MutableRepeatedMessage(message, field, i));
        }
      } else {
        ClearOpenTwins(reflection->MutableMessage(message, field));
      }
    }
  }
}

// Wherever the one-pass reader answers, the reference path gives the same.
void CheckFastAgainstReference(const google::protobuf::Descriptor* type, const std::string& body) {
  auto fast = NewMessage(type);
  if (!kapso::client::FastJsonToMessage(body, fast.get())) return;
  auto reference = NewMessage(type);
  KAPSO_FUZZ_CHECK(kapso::client::ParseKapsoJsonReference(body, reference.get()).ok());
  KAPSO_FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*fast, *reference));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const google::protobuf::Descriptor* type = Envelope(data[0]);
  std::string body = kapso::fuzz::AsText(data + 1, size - 1);
  CheckFastAgainstReference(type, body);
  auto parsed = NewMessage(type);
  if (!kapso::client::ParseKapsoJson(body, parsed.get()).ok()) return 0;
  auto json = kapso::client::ToKapsoJson(*parsed);
  KAPSO_FUZZ_CHECK(json.ok());
  CheckFastAgainstReference(type, *json);
  auto again = NewMessage(type);
  KAPSO_FUZZ_CHECK(kapso::client::ParseKapsoJson(*json, again.get()).ok());
  ClearOpenTwins(parsed.get());
  ClearOpenTwins(again.get());
  KAPSO_FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*parsed, *again));
  return 0;
}

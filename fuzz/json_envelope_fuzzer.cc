// Kapso's JSON answers -> the wire envelopes (kapso_client/json_mapping.h).
// The first byte picks the envelope message of wire.proto; the rest is the
// body. A body that parses must serialize back and parse again to the same
// message (nothing the parser accepts is lost or unprintable).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_input.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/message_differencer.h"
#include "kapso/internal/wire.pb.h"
#include "kapso_client/json_mapping.h"

namespace {

const google::protobuf::Descriptor* Envelope(uint8_t selector) {
  const google::protobuf::FileDescriptor* file =
      kapso::internal::wire::PageMeta::descriptor()->file();
  return file->message_type(selector % file->message_type_count());
}

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const google::protobuf::Descriptor* type = Envelope(data[0]);
  std::string body = kapso::fuzz::AsText(data + 1, size - 1);
  auto parsed = NewMessage(type);
  if (!kapso::client::ParseKapsoJson(body, parsed.get()).ok()) return 0;
  auto json = kapso::client::ToKapsoJson(*parsed);
  KAPSO_FUZZ_CHECK(json.ok());
  auto again = NewMessage(type);
  KAPSO_FUZZ_CHECK(kapso::client::ParseKapsoJson(*json, again.get()).ok());
  KAPSO_FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*parsed, *again));
  return 0;
}

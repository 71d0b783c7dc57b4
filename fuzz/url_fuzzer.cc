// URL building from caller input (kapso_client/url_encoding.h and the
// resources' request builders). Parts of the input, split at '\n', are ids and
// filters. Every path and query built must stay within its segment: only
// unreserved characters and %XX escapes, no empty, "." or ".." segment, and
// percent-decoding gives the caller's text back.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "fuzz/fuzz_input.h"
#include "kapso_client/conversations.h"
#include "kapso_client/messages.h"
#include "kapso_client/phone_numbers.h"
#include "kapso_client/url_encoding.h"
#include "kapso_client/webhooks.h"

using kapso::fuzz::Part;
namespace client = kapso::client;
namespace v1 = kapso::ops::v1;

namespace {

bool Unreserved(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // PercentEncode writes upper case only
}

// Decodes `encoded`, checking it holds nothing but unreserved characters and
// %XX escapes.
std::string CheckedDecode(const std::string& encoded) {
  std::string out;
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      KAPSO_FUZZ_CHECK(Unreserved(encoded[i]));
      out.push_back(encoded[i]);
      continue;
    }
    KAPSO_FUZZ_CHECK(i + 2 < encoded.size());
    int high = HexValue(encoded[i + 1]), low = HexValue(encoded[i + 2]);
    KAPSO_FUZZ_CHECK(high >= 0 && low >= 0);
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

void CheckPath(const client::HttpRequest& request) {
  KAPSO_FUZZ_CHECK(!request.path.empty() && request.path[0] == '/');
  for (absl::string_view segment : absl::StrSplit(request.path.substr(1), '/')) {
    KAPSO_FUZZ_CHECK(!segment.empty() && segment != "." && segment != "..");
    CheckedDecode(std::string(segment));
  }
  for (absl::string_view pair : absl::StrSplit(client::EncodeQuery(request.query), '&')) {
    if (pair.empty()) continue;
    std::pair<std::string, std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    CheckedDecode(kv.first);
    CheckedDecode(kv.second);
  }
}

void Check(const absl::StatusOr<client::HttpRequest>& request) {
  if (request.ok()) CheckPath(*request);
}

void BuildAll(const std::string& a, const std::string& b, const std::string& c) {
  v1::GetWebhookRequest get_webhook;
  get_webhook.set_phone_number_id(a);
  get_webhook.set_webhook_id(b);
  Check(client::BuildGetWebhook(get_webhook));
  v1::ListWebhooksRequest list_webhooks;
  list_webhooks.set_phone_number_id(a);
  list_webhooks.set_kind(b);
  list_webhooks.set_url_contains(c);
  Check(client::BuildListWebhooks(list_webhooks, {}));
  v1::GetMessageRequest get_message;
  get_message.set_message_id(a);
  Check(client::BuildGetMessage(get_message));
  v1::ListMessagesRequest list_messages;
  list_messages.set_phone_number_id(a);
  list_messages.set_conversation_id(b);
  list_messages.set_phone_number(c);
  Check(client::BuildListMessages(list_messages, {20, 1, c}));
  v1::GetConversationRequest get_conversation;
  get_conversation.set_conversation_id(b);
  Check(client::BuildGetConversation(get_conversation));
  v1::CheckPhoneNumberHealthRequest health;
  health.set_phone_number_id(c);
  Check(client::BuildPhoneNumberHealth(health));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = kapso::fuzz::AsText(data, size);
  KAPSO_FUZZ_CHECK(CheckedDecode(client::PercentEncode(text)) == text);
  auto segment = client::PathSegment("id", text);
  if (segment.ok()) {
    KAPSO_FUZZ_CHECK(segment->find('/') == std::string::npos);
    KAPSO_FUZZ_CHECK(*segment != "." && *segment != ".." && !segment->empty());
  }
  auto parts = kapso::fuzz::SplitInput(text, '\n');
  BuildAll(Part(parts, 0), Part(parts, 1), Part(parts, 2));
  return 0;
}

// The one-pass reader (fast_json.h) against the reference path
// (ParseKapsoJsonReference: open-field routing, then protobuf's
// JsonStringToMessage): wherever the reader answers, the reference must
// succeed with an equal message. Bodies: the fuzz corpus, the spec's
// GetMessage example, hand-picked edge cases, and seeded mutations of them,
// each read as every wire envelope type.

#include "kapso_client/fast_json.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "google/protobuf/util/message_differencer.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/testing/wire_envelopes.h"

namespace kapso::client {
namespace {

namespace wire = ::kapso::internal::wire;
using google::protobuf::Descriptor;
using google::protobuf::Message;

// Kapso's spec, GET /whatsapp/messages/{message_id}, the 200 example
// (contract/kapso-api/openapi-platform.yaml): what bench/ serves.
constexpr char kSpecGetMessage[] =
    R"({"data":{"id":"wamid.HBgMMTIzNDU2Nzg5MBUCABIYGTA5RTlCQkI2NTI3","timestamp":"1705395000",)"
    R"("type":"text","from":"14155550123","text":{"body":"Hello, I need help with my order"},)"
    R"("kapso":{"direction":"inbound","status":"read","processing_status":"processed",)"
    R"("origin":"cloud_api","phone_number":"14155550123","phone_number_id":"123456789012345",)"
    R"("has_media":false,"whatsapp_conversation_id":"c63ced48-1283-4d55-8c8d-930f525aa0e5",)"
    R"("contact_name":"Alicia","content":"Hello, I need help with my order","statuses":[)"
    R"({"id":"wamid.HBgMMTIzNDU2Nzg5MBUCABIYGTA5RTlCQkI2NTI3","status":"delivered",)"
    R"("timestamp":"1705395005","recipient_id":"14155550123"},)"
    R"({"id":"wamid.HBgMMTIzNDU2Nzg5MBUCABIYGTA5RTlCQkI2NTI3","status":"read",)"
    R"("timestamp":"1705395300","recipient_id":"14155550123"}]}}})";

const std::vector<const Descriptor*>& Envelopes() { return testing_util::WireEnvelopes(); }

std::unique_ptr<Message> New(const Descriptor* type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

std::vector<std::string> CorpusBodies() {
  std::vector<std::string> bodies;
  const char* srcdir = std::getenv("TEST_SRCDIR");
  if (srcdir == nullptr) return bodies;
  std::filesystem::path dir =
      std::filesystem::path(srcdir) / "kapso_ops" / "fuzz" / "corpus" / "json_envelope_fuzzer";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().size() > 1) bodies.push_back(text.str().substr(1));  // byte 0: the envelope
  }
  return bodies;
}

// Hand-picked: every place the reader declines or routes.
std::vector<std::string> EdgeBodies() {
  return {
      R"({"data":{"id":"x","kapso":{"statuses":null}}})",
      R"({"data":{"id":"x","kapso":{"statuses":5}}})",
      R"({"data":{"id":"x","kapso":{"statuses":[1,{"id":2,"status":"s","timestamp":17},null]}}})",
      R"({"data":{"id":"x","kapso":{"statuses":[{"conversation":5,"pricing":{"a":[1,2.5]}}]}}})",
      R"({"data":{"id":"x","kapso":{"statuses_json":[{}]}}})",
      R"({"data":{"id":"x","kapso":{"media_data":null,"transcript":null,"has_media":null}}})",
      R"({"data":{"id":"x","kapso":{"media_data":5}}})",
      R"({"data":{"id":"x","id":"y"}})",
      R"({"data":{"i\u0064":"x"}})",
      R"({"data":{"id":"caf\u00e9 \u20ac \ud83d\ude00 \u0000"}})",
      "{\"data\":{\"id\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}}",
      "{\"data\":{\"id\":\"bad \xc3\x28\"}}",
      R"({"data":[{"id":"a","headers":{"X":"v","Y":5,"Z":null}},{"id":"b","headers":null}]})",
      R"({"data":[{"id":"a","headers":{"X":"v","X":"w"}}]})",
      R"({"data":[{"id":"a","headers":[]}]})",
      R"({"meta":{"page":-0,"per_page":1.0,"total_pages":1e2,"total_count":9223372036854775807}})",
      R"({"meta":{"page":2147483648,"total_count":-9223372036854775809}})",
      R"({"meta":{"page":"3","total_count":"4"}})",
      R"({"data":{"id":"x","created_at":"2024-01-02T03:04:05.123+01:00"}})",
      R"({"data":{"id":"x","created_at":"0001-01-01T00:00:00+01:00"}})",
      // The reader's year bounds (0002..9998) with the largest offsets: still
      // in range, so ParseKapsoJson needs no range walk after the reader.
      R"({"data":{"id":"x","created_at":"0002-01-01T00:00:00+23:59"}})",
      R"({"data":{"id":"x","created_at":"9998-12-31T23:59:59-23:59"}})",
      R"({"data":{"id":"x","created_at":"not a time"}})",
      R"({"data":{"id":"x","created_at":null,"updated_at":5}})",
      R"({"data":{"id":"x","unknown":{"deep":[1,{"a":null}],"n":-0.0e-3}}})",
      R"({"data":{"id":"x"}} trailing)",
      R"( {"data":null} )",
      R"({"data":[null]})",
      R"({"data":[]})",
      R"([])",
      R"({"data":{"id":"x","kapso":{"is_coexistence":null}}})",
      R"({"data":[{"id":"a"},{"":"found by the fuzzer"}]})",
      R"({"data":{"id":"x","unknown":{"":1}}})",
  };
}

// One value of each kind, for mutations.
const std::vector<std::string>& Values() {
  static const auto* values = new std::vector<std::string>{"null",
                                                           "0",
                                                           "-0",
                                                           "7",
                                                           "-7",
                                                           "1.5",
                                                           "1e2",
                                                           "12345678901234567890",
                                                           "9007199254740993",
                                                           "\"x\"",
                                                           "\"\"",
                                                           "true",
                                                           "false",
                                                           "{}",
                                                           "[]",
                                                           "[null]",
                                                           "[1,\"a\"]",
                                                           "{\"a\":1}",
                                                           "\"2024-01-01T00:00:00Z\"",
                                                           "\"2024-01-01T00:00:00+01:00\"",
                                                           "{\"id\":\"q\"}",
                                                           "[{\"id\":\"q\",\"status\":5}]",
                                                           "\"\\u00e9\""};
  return *values;
}

// `body` with the value after one ':' (up to the next , } or ]) replaced.
std::string Mutate(const std::string& body, std::mt19937& rng) {
  std::vector<size_t> colons;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == ':') colons.push_back(i);
  }
  if (colons.empty()) return body;
  size_t at = colons[rng() % colons.size()] + 1;
  size_t end = at;
  int depth = 0;
  bool in_string = false;
  for (; end < body.size(); ++end) {
    char c = body[end];
    if (in_string) {
      if (c == '\\')
        ++end;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']' || c == ',') {
      if (depth == 0) break;
      if (c != ',') --depth;
    }
  }
  const auto& values = Values();
  return body.substr(0, at) + values[rng() % values.size()] + body.substr(end);
}

struct Tally {
  int cases = 0;
  int fast = 0;
};

void Check(const std::string& body, const Descriptor* type, Tally& tally) {
  auto fast = New(type);
  auto reference = New(type);
  ++tally.cases;
  if (!FastJsonToMessage(body, fast.get())) return;
  ++tally.fast;
  absl::Status status = ParseKapsoJsonReference(body, reference.get());
  ASSERT_TRUE(status.ok()) << type->name() << " read fast, refused by the reference (" << status
                           << "): " << body;
  google::protobuf::util::MessageDifferencer differ;
  std::string diff;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(*reference, *fast)) << type->name() << ": " << body << "\n" << diff;
}

TEST(FastJsonTest, TheSpecExampleTakesTheFastPathAndMatches) {
  wire::MessageItem item;
  ASSERT_TRUE(FastJsonToMessage(kSpecGetMessage, &item));
  EXPECT_EQ(item.data().kapso().statuses_size(), 2);
  EXPECT_EQ(item.data().kapso().statuses_json_size(), 2);
  Tally tally;
  Check(kSpecGetMessage, wire::MessageItem::descriptor(), tally);
  EXPECT_EQ(tally.fast, 1);
}

TEST(FastJsonTest, CorpusAndEdgeCasesMatchTheReferenceAsEveryEnvelope) {
  std::vector<std::string> bodies = CorpusBodies();
  ASSERT_GE(bodies.size(), 10u) << "the fuzz corpus is missing from the runfiles";
  for (std::string& edge : EdgeBodies()) bodies.push_back(std::move(edge));
  bodies.push_back(kSpecGetMessage);
  Tally tally;
  for (const std::string& body : bodies) {
    for (const Descriptor* type : Envelopes()) Check(body, type, tally);
  }
  std::cout << "read fast: " << tally.fast << " of " << tally.cases << " cases\n";
  // The reader must really carry the common case, not decline everything.
  EXPECT_GT(tally.fast, tally.cases / 4) << tally.fast << " of " << tally.cases;
}

TEST(FastJsonTest, MutatedBodiesMatchTheReference) {
  std::vector<std::string> seeds = CorpusBodies();
  seeds.push_back(kSpecGetMessage);
  std::mt19937 rng(20261130);
  Tally tally;
  for (int round = 0; round < 40; ++round) {
    for (const std::string& seed : seeds) {
      std::string body = Mutate(Mutate(seed, rng), rng);
      for (const Descriptor* type : Envelopes()) Check(body, type, tally);
    }
  }
  std::cout << "read fast: " << tally.fast << " of " << tally.cases << " mutated cases\n";
  EXPECT_GT(tally.fast, tally.cases / 10);
}

}  // namespace
}  // namespace kapso::client

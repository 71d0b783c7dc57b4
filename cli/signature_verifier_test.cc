#include "cli/signature_verifier.h"

#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

// RFC 4231, test case 2.
constexpr char kKey[] = "Jefe";
constexpr char kData[] = "what do ya want for nothing?";
constexpr char kMac[] = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

TEST(SignatureVerifierTest, MatchesRfc4231) {
  auto mac = WebhookSignature(kKey, kData);
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(*mac, kMac);
}

TEST(SignatureVerifierTest, Verifies) {
  struct Case {
    std::string secret, body, signature;
    bool want;
  };
  const std::string upper = "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843";
  const Case cases[] = {
      {kKey, kData, kMac, true},
      {kKey, kData, upper, true},
      {kKey, kData, std::string(kMac) + "\n", true},
      {kKey, std::string(kData) + "\n", kMac, false},  // Body changed.
      {"jefe", kData, kMac, false},                    // Secret changed.
      {kKey, kData, std::string(kMac).substr(2), false},
      {kKey, kData, "", false},
      {kKey, kData, std::string(64, '0'), false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.signature);
    auto valid = VerifyWebhookSignature(c.secret, c.body, c.signature);
    ASSERT_TRUE(valid.ok());
    EXPECT_EQ(*valid, c.want);
  }
}

}  // namespace
}  // namespace kapso::cli

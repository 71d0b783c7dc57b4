#include "kapso_client/caching_transport.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/fake_scheduler.h"
#include "kapso_client/testing/fake_transport.h"

namespace kapso::client {
namespace {

using testing_util::Answer;
using testing_util::FakeScheduler;
using testing_util::FakeTransport;
using testing_util::Get;
using testing_util::Reply;
using testing_util::Request;

constexpr absl::Duration kTtl = absl::Seconds(60);

std::string HealthPath(int id) { return absl::StrCat("/whatsapp/phone_numbers/", id, "/health"); }

class CachingTransportTest : public ::testing::Test {
 protected:
  // Sends `request` through `cache`; a miss is answered `status` with a body
  // naming the upstream request.
  Answer Send(HttpTransport& cache, HttpRequest request, int status = 200) {
    Answer answer;
    cache.Send(std::move(request), {}, answer.Callback());
    inner_.ReleaseAll(Reply(status, {}, absl::StrCat("body ", inner_.requests())));
    return answer;
  }
  Answer Send(HttpRequest request, int status = 200) {
    return Send(cache_, std::move(request), status);
  }
  Answer SendHealth(int id = 1, std::string api_key = "") {
    return Send(Get(HealthPath(id), std::move(api_key)));
  }

  FakeTransport inner_;
  FakeScheduler clock_;
  CachingTransport cache_{&inner_, &clock_, kTtl, /*max_entries=*/3};
};

TEST_F(CachingTransportTest, HealthIsServedFromCacheWithItsAge) {
  Answer first = SendHealth();
  clock_.Advance(absl::Seconds(42));
  Answer second = SendHealth();
  EXPECT_EQ(inner_.requests(), 1);
  ASSERT_EQ(second.http_status(), 200);
  EXPECT_EQ(second.outcome()->body, first.outcome()->body);
  EXPECT_EQ(second.outcome()->age, absl::Seconds(42));
  EXPECT_EQ(first.outcome()->age, absl::ZeroDuration());
  EXPECT_EQ(cache_.hits(), 1);
}

TEST_F(CachingTransportTest, ExpiresAfterTtl) {
  SendHealth();
  clock_.Advance(kTtl - absl::Nanoseconds(1));
  SendHealth();
  EXPECT_EQ(inner_.requests(), 1);
  clock_.Advance(absl::Nanoseconds(1));
  Answer fresh = SendHealth();
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_EQ(fresh.outcome()->age, absl::ZeroDuration());
}

TEST_F(CachingTransportTest, OnlySuccessfulAnswersAreKept) {
  for (int status : {201, 404, 429, 500, 503}) {
    SCOPED_TRACE(status);
    int before = inner_.requests();
    EXPECT_EQ(Send(Get(HealthPath(1)), status).http_status(), status);
    Send(Get(HealthPath(1)), status);
    EXPECT_EQ(inner_.requests(), before + 2);
  }
  EXPECT_EQ(cache_.hits(), 0);
}

TEST_F(CachingTransportTest, ErrorsAreNotKept) {
  inner_.Script({testing_util::Unreachable()});
  Answer failed;
  cache_.Send(Get(HealthPath(1)), {}, failed.Callback());
  EXPECT_FALSE(failed.outcome().ok());
  SendHealth();
  EXPECT_EQ(inner_.requests(), 2);
}

TEST_F(CachingTransportTest, OtherPathsAndMethodsAreNeverCached) {
  const HttpRequest requests[] = {Get("/whatsapp/phone_numbers/1"),
                                  Get("/whatsapp/messages"),
                                  Get("/whatsapp/phone_numbers/1/health/extra"),
                                  Get("/health"),
                                  Request(HttpMethod::kPost, HealthPath(1)),
                                  Request(HttpMethod::kDelete, HealthPath(1))};
  for (const HttpRequest& request : requests) {
    SCOPED_TRACE(absl::StrCat(HttpMethodName(request.method), " ", request.path));
    EXPECT_FALSE(CachingTransport::IsCacheable(request));
    int before = inner_.requests();
    Send(request);
    Send(request);
    EXPECT_EQ(inner_.requests(), before + 2);
  }
  EXPECT_TRUE(CachingTransport::IsCacheable(Get(HealthPath(7))));
}

TEST_F(CachingTransportTest, AnswersNeverCrossApiKeys) {
  Answer a = SendHealth(1, "key-a");
  Answer b = SendHealth(1, "key-b");
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_NE(a.outcome()->body, b.outcome()->body);
  EXPECT_EQ(SendHealth(1, "key-b").outcome()->body, b.outcome()->body);
  EXPECT_EQ(SendHealth(1, "key-a").outcome()->body, a.outcome()->body);
  EXPECT_EQ(inner_.requests(), 2);
}

TEST_F(CachingTransportTest, EvictsTheOldestWhenFull) {
  for (int id = 1; id <= 4; ++id) {  // max_entries is 3: the 4th evicts #1
    SendHealth(id);
    clock_.Advance(absl::Seconds(1));
  }
  EXPECT_EQ(inner_.requests(), 4);
  for (int id : {2, 3, 4}) {
    SCOPED_TRACE(id);
    SendHealth(id);
    EXPECT_EQ(inner_.requests(), 4);
  }
  SendHealth(1);
  EXPECT_EQ(inner_.requests(), 5);
}

TEST_F(CachingTransportTest, ZeroTtlDisablesTheCache) {
  CachingTransport uncached(&inner_, &clock_, absl::ZeroDuration());
  Send(uncached, Get(HealthPath(1)));
  Send(uncached, Get(HealthPath(1)));
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_EQ(uncached.hits(), 0);
}

}  // namespace
}  // namespace kapso::client

// How ListApiLogs is asked of Kapso.

#include "kapso_client/api_logs.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/built_request.h"

namespace kapso::client {
namespace {

using ::testing::UnorderedElementsAreArray;
using testing_util::Built;
using testing_util::Page;

using Query = std::vector<std::pair<std::string, std::string>>;

TEST(BuildListApiLogs, Query) {
  struct Case {
    const char* name;
    std::function<void(v1::ListApiLogsRequest&)> setup;
    Query query;
  };
  const Case cases[] = {
      {"defaults", [](auto&) {}, {{"period", "24h"}, {"limit", "20"}, {"after", "C1"}}},
      {"every filter",
       [](auto& r) {
         r.set_period(v1::PERIOD_7D);
         r.set_endpoint("/whatsapp/messages");
         r.set_status_code(429);
         r.set_errors_only(true);
       },
       {{"period", "7d"},
        {"endpoint", "/whatsapp/messages"},
        {"status_code", "429"},
        {"errors_only", "true"},
        {"limit", "20"},
        {"after", "C1"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::ListApiLogsRequest request;
    c.setup(request);
    HttpRequest http = Built(BuildListApiLogs(request, Page(20, 1, "C1")));
    EXPECT_EQ(http.method, HttpMethod::kGet);
    EXPECT_EQ(http.path, "/api_logs");
    EXPECT_THAT(http.query, UnorderedElementsAreArray(c.query));
  }
}

}  // namespace
}  // namespace kapso::client

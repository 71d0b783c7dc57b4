#ifndef KAPSO_CLIENT_TESTING_BUILT_REQUEST_H_
#define KAPSO_CLIENT_TESTING_BUILT_REQUEST_H_

// What the request-building tests of every resource check a built request
// with.

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"
#include "kapso_client/status_details.h"

namespace kapso::client::testing_util {

// The built request, or a failed test and an empty request.
inline HttpRequest Built(const absl::StatusOr<HttpRequest>& http) {
  EXPECT_TRUE(http.ok()) << http.status();
  return http.ok() ? *http : HttpRequest{};
}

// Expects INVALID_ARGUMENT with one BadRequest violation naming `field`.
inline void ExpectInvalidArgument(const absl::StatusOr<HttpRequest>& http,
                                  const std::string& field) {
  ASSERT_FALSE(http.ok());
  EXPECT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument);
  auto bad_request = GetBadRequest(http.status());
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 1);
  EXPECT_EQ(bad_request->field_violations(0).field(), field);
}

inline PageRequest Page(int page_size, int page = 1, std::string cursor = "") {
  PageRequest p;
  p.page_size = page_size;
  p.page = page;
  p.cursor = std::move(cursor);
  return p;
}

}  // namespace kapso::client::testing_util

#endif  // KAPSO_CLIENT_TESTING_BUILT_REQUEST_H_

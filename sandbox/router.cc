#include "sandbox/router.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "sandbox/http_json.h"

namespace kapso::sandbox {
namespace {

std::vector<absl::string_view> Segments(absl::string_view path) {
  return absl::StrSplit(path, '/', absl::SkipEmpty());
}

bool IsCapture(absl::string_view segment) {
  return absl::StartsWith(segment, "{") && absl::EndsWith(segment, "}");
}

}  // namespace

void Router::Add(absl::string_view method, absl::string_view pattern, RouteHandler handler) {
  Route route{std::string(method), {}, std::move(handler)};
  for (absl::string_view segment : Segments(pattern)) {
    route.segments.emplace_back(segment);
  }
  routes_.push_back(std::move(route));
}

bool Router::Dispatch(const httplib::Request& req, httplib::Response& res) const {
  std::vector<absl::string_view> parts = Segments(req.path);
  for (const Route& route : routes_) {
    if (route.method != req.method || route.segments.size() != parts.size()) {
      continue;
    }
    PathParams params;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (IsCapture(want)) {
        params[want.substr(1, want.size() - 2)] = std::string(parts[i]);
      } else {
        match = want == parts[i];
      }
    }
    if (!match) continue;
    absl::Status status = route.handler(req, params, res);
    if (!status.ok()) WriteError(res, status);
    return true;
  }
  return false;
}

}  // namespace kapso::sandbox

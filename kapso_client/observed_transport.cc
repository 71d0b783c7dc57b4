#include "kapso_client/observed_transport.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace kapso::client {

void ObservedTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  if (!observer_) return inner_->Send(std::move(request), std::move(options), std::move(done));
  absl::Time start = clock_->Now();
  HttpRequest seen;  // what the observer needs, without the body or the key
  seen.method = request.method;
  seen.path = request.path;
  inner_->Send(std::move(request), std::move(options),
               [this, start, seen = std::move(seen), done = std::move(done)](
                   absl::StatusOr<HttpResponse> outcome) mutable {
                 observer_(seen, outcome, clock_->Now() - start);
                 std::move(done)(std::move(outcome));
               });
}

std::string EndpointTemplate(absl::string_view path) {
  std::vector<std::string> segments;
  for (absl::string_view segment : absl::StrSplit(path, '/')) {
    bool is_id = false;
    for (char c : segment) is_id |= absl::ascii_isdigit(static_cast<unsigned char>(c));
    is_id |= segment.size() > 40 || segment.find('%') != absl::string_view::npos;
    segments.push_back(is_id ? "{id}" : std::string(segment));
  }
  return absl::StrJoin(segments, "/");
}

}  // namespace kapso::client

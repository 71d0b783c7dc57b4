// A small method + path router. Patterns are literal segments and `{name}`
// captures ("/platform/v1/whatsapp/messages/{message_id}"). Matching splits
// the path once and compares segments, which keeps regexes off the hot path.
#ifndef SANDBOX_ROUTER_H_
#define SANDBOX_ROUTER_H_

#include <functional>
#include <string>
#include <vector>

#include <httplib.h>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kapso::sandbox {

using PathParams = absl::flat_hash_map<std::string, std::string>;

// Writes the answer into `res` and returns OK, or returns the error the
// router writes as {"error": ...} with the status's HTTP code.
using RouteHandler =
    std::function<absl::Status(const httplib::Request&, const PathParams&, httplib::Response&)>;

class Router {
 public:
  void Add(absl::string_view method, absl::string_view pattern, RouteHandler handler);

  // Runs the matching route. Returns false, writing nothing, when none does.
  bool Dispatch(const httplib::Request& req, httplib::Response& res) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{x}" segments capture
    RouteHandler handler;
  };

  std::vector<Route> routes_;
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_ROUTER_H_

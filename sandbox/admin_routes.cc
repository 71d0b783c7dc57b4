#include "sandbox/admin_routes.h"

#include <string>
#include <utility>

#include "sandbox/api_error.h"
#include "sandbox/http_json.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

// Reads an optional integer field into `out`.
absl::Status ReadInt(const json& body, const char* name, int& out) {
  if (!body.contains(name)) return absl::OkStatus();
  if (!body[name].is_number_integer()) {
    return ApiError(400, std::string(name) + " must be an integer");
  }
  out = body[name].get<int>();
  return absl::OkStatus();
}

absl::Status ReadString(const json& body, const char* name, std::string& out) {
  if (!body.contains(name)) return absl::OkStatus();
  if (!body[name].is_string()) {
    return ApiError(400, std::string(name) + " must be a string");
  }
  out = body[name].get<std::string>();
  return absl::OkStatus();
}

absl::Status ReadHeaders(const json& body, Fault& fault) {
  if (!body.contains("headers")) return absl::OkStatus();
  if (!body["headers"].is_object()) return ApiError(400, "headers must be an object");
  for (const auto& [name, value] : body["headers"].items()) {
    if (!value.is_string()) return ApiError(400, "header values must be strings");
    fault.headers[name] = value.get<std::string>();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Fault> FaultFromJson(const json& body) {
  Fault fault;
  // A JSON (non-string) body is sent as its serialization.
  if (body.contains("body") && !body["body"].is_string()) {
    fault.body = body["body"].dump();
  }
  for (absl::Status status :
       {ReadString(body, "method", fault.method),
        ReadString(body, "path_prefix", fault.path_prefix),
        body.contains("body") && body["body"].is_string() ? ReadString(body, "body", fault.body)
                                                          : absl::OkStatus(),
        ReadInt(body, "status", fault.status), ReadInt(body, "delay_ms", fault.delay_ms),
        ReadInt(body, "times", fault.times), ReadHeaders(body, fault)}) {
    if (!status.ok()) return status;
  }
  if (fault.status != 0 && (fault.status < 100 || fault.status > 599)) {
    return ApiError(400, "status must be 0 or an HTTP status");
  }
  if (fault.delay_ms < 0) return ApiError(400, "delay_ms must be >= 0");
  if (fault.times == 0 || fault.times < -1) {
    return ApiError(400, "times must be -1 or >= 1");
  }
  return fault;
}

void AddAdminRoutes(Router& router, FaultInjector& faults, const RequestStats& stats,
                    std::function<void()> reset) {
  router.Add("POST", "/__sandbox/faults",
             [&faults](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               absl::StatusOr<json> body = ParseJsonObject(req);
               if (!body.ok()) return body.status();
               absl::StatusOr<Fault> fault = FaultFromJson(*body);
               if (!fault.ok()) return fault.status();
               WriteJson(res, 200, {{"id", faults.Add(*std::move(fault))}});
               return absl::OkStatus();
             });
  router.Add("DELETE", "/__sandbox/faults",
             [&faults](const httplib::Request&, const PathParams&, httplib::Response& res) {
               faults.Clear();
               WriteJson(res, 200, {{"ok", true}});
               return absl::OkStatus();
             });
  router.Add("GET", "/__sandbox/stats",
             [&stats](const httplib::Request&, const PathParams&, httplib::Response& res) {
               WriteJson(res, 200, stats.ToJson());
               return absl::OkStatus();
             });
  router.Add("POST", "/__sandbox/reset",
             [reset](const httplib::Request&, const PathParams&, httplib::Response& res) {
               reset();
               WriteJson(res, 200, {{"ok", true}});
               return absl::OkStatus();
             });
}

}  // namespace kapso::sandbox

#include "sandbox/record_routes.h"

#include <string>

#include "sandbox/api_error.h"
#include "sandbox/http_json.h"

namespace kapso::sandbox {

void AddRecordRoutes(Router& router, SandboxStore& store) {
  router.Add("POST", "/__sandbox/records",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               absl::StatusOr<nlohmann::json> body = ParseJsonObject(req);
               if (!body.ok()) return body.status();
               if (!body->contains("collection") || !(*body)["collection"].is_string()) {
                 return ApiError(400, "collection must be a string");
               }
               absl::Status added = store.AddRecord((*body)["collection"].get<std::string>(),
                                                    body->value("record", nlohmann::json()),
                                                    body->value("health", nlohmann::json()));
               if (!added.ok()) return added;
               WriteJson(res, 200, {{"ok", true}});
               return absl::OkStatus();
             });
}

}  // namespace kapso::sandbox

#include "sandbox/http_json.h"

#include <utility>

#include "sandbox/api_error.h"

namespace kapso::sandbox {

void WriteRawJson(httplib::Response& res, int code, std::string body) {
  res.status = code;
  res.body = std::move(body);
  res.set_header("Content-Type", "application/json; charset=utf-8");
}

void WriteJson(httplib::Response& res, int code, const nlohmann::json& body) {
  // Seed text is ASCII and request input may not be valid UTF-8; replacing
  // bad bytes keeps dump() from throwing on what a caller sent.
  WriteRawJson(res, code, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void WriteData(httplib::Response& res, int code, const nlohmann::json& data) {
  WriteJson(res, code, nlohmann::json{{"data", data}});
}

void WriteError(httplib::Response& res, const absl::Status& status) {
  nlohmann::json body = {{"error", std::string(status.message())}};
  std::optional<std::string> message = ExtraMessageOf(status);
  if (message.has_value()) body["message"] = *message;
  WriteJson(res, HttpCodeOf(status), body);
}

absl::StatusOr<nlohmann::json> ParseJsonObject(const httplib::Request& req) {
  if (req.body.empty()) return nlohmann::json::object();
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr,
                                              /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return ApiError(400, "Request body must be a JSON object");
  }
  return body;
}

}  // namespace kapso::sandbox

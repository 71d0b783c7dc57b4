// Writing Kapso-shaped JSON answers and reading JSON request bodies.
#ifndef SANDBOX_HTTP_JSON_H_
#define SANDBOX_HTTP_JSON_H_

#include <string>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace kapso::sandbox {

// Sets `code` and a JSON body already serialized.
void WriteRawJson(httplib::Response& res, int code, std::string body);

// Sets `code` and `body` serialized.
void WriteJson(httplib::Response& res, int code, const nlohmann::json& body);

// Kapso's success envelope: {"data": data}.
void WriteData(httplib::Response& res, int code, const nlohmann::json& data);

// Kapso's error shape: {"error": message} (plus "message" when the status
// carries one), with the status's HTTP code.
void WriteError(httplib::Response& res, const absl::Status& status);

// The request body as a JSON object; an empty body reads as {}. Malformed
// JSON or a non-object is a 400.
absl::StatusOr<nlohmann::json> ParseJsonObject(const httplib::Request& req);

}  // namespace kapso::sandbox

#endif  // SANDBOX_HTTP_JSON_H_

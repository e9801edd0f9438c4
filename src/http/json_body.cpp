#include "http/json_body.h"

namespace attune::http {

Result<nlohmann::json> JsonObjectBody(const Request& request) {
  if (request.Header("content-type").rfind("application/json", 0) != 0) {
    return Status::BadRequest("Send the body as JSON with Content-Type: application/json");
  }
  try {
    nlohmann::json value = nlohmann::json::parse(request.body);
    if (!value.is_object()) return Status::BadRequest("The JSON body must be an object {...}");
    return value;
  } catch (const nlohmann::json::parse_error& e) {
    return Status::BadRequest("The body is not valid JSON (at byte " + std::to_string(e.byte) +
                              ")");
  }
}

Result<std::string> StringMember(const nlohmann::json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Status::Invalid(key + " must be a string", key);
  return it->get<std::string>();
}

}  // namespace attune::http

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

Result<bool> BoolMember(const nlohmann::json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) return Status::Invalid(key + " must be true or false", key);
  return it->get<bool>();
}

Result<long long> IntMember(const nlohmann::json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return 0LL;
  if (!it->is_number_integer()) return Status::Invalid(key + " must be a whole number", key);
  return it->get<long long>();
}

Result<std::vector<std::string>> StringListMember(const nlohmann::json& object,
                                                  const std::string& key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) return Status::Invalid(key + " must be a list of strings", key);
  for (const auto& item : *it) {
    if (!item.is_string()) return Status::Invalid(key + " must be a list of strings", key);
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::optional<Timestamp>> InstantMember(const nlohmann::json& object,
                                               const std::string& key) {
  auto text = StringMember(object, key);
  if (!text.ok()) return text.status();
  if (text->empty()) return std::optional<Timestamp>();
  auto at = ParseInstant(*text, key);
  if (!at.ok()) return Status::Invalid(key + ": " + at.status().message(), key);
  return std::optional<Timestamp>(*at);
}

Result<std::optional<Date>> DateMember(const nlohmann::json& object, const std::string& key) {
  auto text = StringMember(object, key);
  if (!text.ok()) return text.status();
  if (text->empty()) return std::optional<Date>();
  auto day = ParseDate(*text, key);
  if (!day.ok()) return Status::Invalid(key + " must be a date YYYY-MM-DD", key);
  return std::optional<Date>(*day);
}

}  // namespace attune::http

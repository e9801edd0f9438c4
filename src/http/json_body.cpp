#include "http/json_body.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attune::http {

Result<nlohmann::json> JsonObjectBody(const Request& request) {
  if (request.Header("content-type").rfind("application/json", 0) != 0) {
    return Status::BadRequest("Send the body as JSON with Content-Type: application/json");
  }
  return ParseJsonObject(request.body);
}

namespace {

// Thrown from the parser's callback to stop at a key given twice or at
// nesting past kMaxJsonDepth.
struct Refused {
  std::string message;
};

// The quoted text of a library message ("... parsing '1e999999'"), or "".
std::string QuotedIn(const std::string& what) {
  size_t open = what.find('\'');
  size_t close = what.rfind('\'');
  if (open == std::string::npos || close <= open) return "";
  return what.substr(open + 1, close - open - 1);
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view text) {
  // The keys seen so far in each object being read, innermost last.
  std::vector<std::vector<std::string>> keys;
  auto check = [&keys](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if ((event == Event::object_start || event == Event::array_start) && depth >= kMaxJsonDepth) {
      throw Refused{"The JSON body is nested too deeply: at most " + std::to_string(kMaxJsonDepth) +
                    " levels of {...} and [...]"};
    }
    if (event == Event::object_start) keys.emplace_back();
    if (event == Event::object_end && !keys.empty()) keys.pop_back();
    if (event == Event::key && !keys.empty()) {
      std::string key = parsed.get<std::string>();
      auto& seen = keys.back();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        throw Refused{"The JSON body gives \"" + key +
                      "\" twice in one object; give each member once"};
      }
      seen.push_back(std::move(key));
    }
    return true;
  };
  try {
    nlohmann::json value = nlohmann::json::parse(text.begin(), text.end(), check);
    if (!value.is_object()) return Status::BadRequest("The JSON body must be an object {...}");
    return value;
  } catch (const Refused& r) {
    return Status::BadRequest(r.message);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    std::string reason = "it is not valid JSON";
    if (what.find("UTF-8") != std::string::npos || what.find("utf-8") != std::string::npos) {
      reason = "a string in it is not valid UTF-8 text";
    } else if (text.empty()) {
      reason = "it is empty";
    }
    return Status::BadRequest("The body is not valid JSON: " + reason + " (at byte " +
                              std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::out_of_range& e) {
    std::string number = QuotedIn(e.what());
    return Status::BadRequest("The body is not valid JSON for attune: the number " +
                              (number.empty() ? std::string() : number + " ") +
                              "is too large to read");
  } catch (const nlohmann::json::exception&) {
    return Status::BadRequest("The body is not valid JSON");
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
  // Whole numbers past what fits are read as unsigned or floating point.
  bool too_large = (it->is_number_unsigned() &&
                    it->get<unsigned long long>() >
                        static_cast<unsigned long long>(std::numeric_limits<long long>::max())) ||
                   (it->is_number_float() && std::abs(it->get<double>()) >= 9.2e18);
  if (too_large) return Status::Invalid(key + " is too large a number", key);
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

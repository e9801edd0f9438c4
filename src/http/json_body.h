// Reading a JSON request body.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "http/request.h"

namespace attune::http {

// The body as a JSON object. BadRequest when the content type is not JSON,
// the text is not JSON (with the byte where it broke), or it is not an object.
Result<nlohmann::json> JsonObjectBody(const Request& request);

// A string member of `object`: "" when absent; Invalid naming `key` when it is
// present but not a string.
Result<std::string> StringMember(const nlohmann::json& object, const std::string& key);
// Like StringMember for the other member types; absent or null gives the
// fallback (false, 0, empty, nullopt). `field` names the member in errors
// (Default: key).
Result<bool> BoolMember(const nlohmann::json& object, const std::string& key);
Result<long long> IntMember(const nlohmann::json& object, const std::string& key);
Result<std::vector<std::string>> StringListMember(const nlohmann::json& object,
                                                  const std::string& key);
// "YYYY-MM-DD HH:MM" (London) or "YYYY-MM-DDTHH:MM:SSZ".
Result<std::optional<Timestamp>> InstantMember(const nlohmann::json& object,
                                               const std::string& key);
// "YYYY-MM-DD".
Result<std::optional<Date>> DateMember(const nlohmann::json& object, const std::string& key);

}  // namespace attune::http

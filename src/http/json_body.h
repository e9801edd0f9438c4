// Reading a JSON request body.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "http/request.h"

namespace attune::http {

// Deepest nesting of objects and arrays a body may have.
inline constexpr int kMaxJsonDepth = 64;

// The body as a JSON object. BadRequest when the content type is not JSON,
// or ParseJsonObject refuses the text.
Result<nlohmann::json> JsonObjectBody(const Request& request);

// `text` as a JSON object. BadRequest, with a message saying what is wrong
// (and the byte where the text broke, when it is not JSON), for text that is
// not JSON, a string that is not UTF-8, a number too large to read, a key
// given twice in one object, nesting deeper than kMaxJsonDepth, or a value
// that is not an object. Never throws.
Result<nlohmann::json> ParseJsonObject(std::string_view text);

// A string member of `object`: "" when absent; Invalid naming `key` when it is
// present but not a string.
Result<std::string> StringMember(const nlohmann::json& object, const std::string& key);
// Like StringMember for the other member types; absent or null gives the
// fallback (false, 0, empty, nullopt). `field` names the member in errors
// (Default: key).
Result<bool> BoolMember(const nlohmann::json& object, const std::string& key);
// IntMember: Invalid ("too large") for a whole number outside long long.
Result<long long> IntMember(const nlohmann::json& object, const std::string& key);
Result<std::vector<std::string>> StringListMember(const nlohmann::json& object,
                                                  const std::string& key);
// "YYYY-MM-DD HH:MM" (London) or "YYYY-MM-DDTHH:MM:SSZ".
Result<std::optional<Timestamp>> InstantMember(const nlohmann::json& object,
                                               const std::string& key);
// "YYYY-MM-DD".
Result<std::optional<Date>> DateMember(const nlohmann::json& object, const std::string& key);

}  // namespace attune::http

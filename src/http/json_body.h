// Reading a JSON request body.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/request.h"

namespace attune::http {

// The body as a JSON object. BadRequest when the content type is not JSON,
// the text is not JSON (with the byte where it broke), or it is not an object.
Result<nlohmann::json> JsonObjectBody(const Request& request);

// A string member of `object`: "" when absent; Invalid naming `key` when it is
// present but not a string.
Result<std::string> StringMember(const nlohmann::json& object, const std::string& key);

}  // namespace attune::http

// Reading a multipart/form-data body (RFC 7578): the way browsers send forms
// with files, and attune's long forms (decision 0005).
#pragma once

#include <string_view>

#include "core/status.h"
#include "http/request.h"

namespace attune::http {

// The most parts one form may have.
inline constexpr size_t kMaxFormParts = 1000;

// Parses `body` sent with `content_type` ("multipart/form-data;
// boundary=..."). Each part becomes one name/value pair, in order; a file
// part's value is the file's content. BadRequest saying what is wrong when
// the boundary is missing, the body is not framed by it, a part has no
// name, or there are more than kMaxFormParts parts. Values are not checked
// for UTF-8 here (Request::Form does, naming the field).
Result<FormData> ParseMultipart(std::string_view content_type, std::string_view body);

// The value of parameter `name` (case-insensitive) in a header value such as
// `multipart/form-data; boundary="x"` or `form-data; name="note"`, unquoted;
// "" when absent.
std::string HeaderParameter(std::string_view header_value, std::string_view name);

}  // namespace attune::http

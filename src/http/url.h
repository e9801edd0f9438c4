// Pieces of URLs: %-escapes, and which locations are paths on this site.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace attune::http {

// %-decodes `text`; '+' becomes a space when `plus_is_space` (form data,
// not paths). BadRequest for a broken escape or a result that is not UTF-8.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// The same without the UTF-8 check: the bytes, for callers that say where
// the text stops being UTF-8.
Result<std::string> PercentDecodeBytes(std::string_view text, bool plus_is_space);

// %-encodes every byte but letters, digits, '-', '.', '_', '~' and '/', so
// the result is safe as a query value or a path.
std::string PercentEncode(std::string_view text);

// A location that can only lead to a page of this site: one leading '/' (not
// "//host" or "/\host"), then only printable ASCII characters allowed in a
// URL's path and query (no space, tab, control character, backslash or
// quote), so no browser reads it as another host.
bool IsLocalPath(std::string_view location);

}  // namespace attune::http

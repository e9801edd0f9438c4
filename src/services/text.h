// Small text helpers shared by validators.
#pragma once

#include <string>
#include <string_view>

namespace attune {

// Without leading and trailing white space.
std::string Trim(std::string_view text);
std::string ToLower(std::string_view text);
// A plausible email address: one @, something either side, a dot after it.
bool LooksLikeEmail(std::string_view email);

}  // namespace attune

// Small text helpers shared by validators.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace attune {

// Without leading and trailing white space.
std::string Trim(std::string_view text);
std::string ToLower(std::string_view text);
// A plausible email address: one @, something either side, a dot after it.
bool LooksLikeEmail(std::string_view email);

// Text someone typed: trimmed, at most `max` characters (as a browser
// counts them: "é" or an emoji is one), no control characters but line
// breaks and tabs. Invalid naming `field`; `what` in lower case ("your
// message") as the messages say it: "Your message can be at most ...",
// "There is a character in your message that ...".
Result<std::string> TypedText(const std::string& raw, size_t max, const char* field,
                              const char* what);

}  // namespace attune

#include "services/text.h"

#include <algorithm>
#include <cctype>

namespace attune {

std::string Trim(std::string_view text) {
  size_t a = 0, b = text.size();
  while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  return std::string(text.substr(a, b - a));
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool LooksLikeEmail(std::string_view email) {
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  size_t dot = email.find('.', at + 2);
  if (dot == std::string_view::npos || dot + 1 >= email.size()) return false;
  return email.find_first_of(" \t\r\n<>\"") == std::string_view::npos && email.size() <= 254;
}

Result<std::string> TypedText(const std::string& raw, size_t max, const char* field,
                              const char* what) {
  std::string text = Trim(raw);
  // Characters, not bytes: "é" or an emoji is one, as the browser counts.
  size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
  if (characters > max) {
    std::string said = what;
    if (!said.empty())
      said[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(said[0])));
    return Status::Invalid(said + " can be at most " + std::to_string(max) + " characters", field);
  }
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
      return Status::Invalid(
          "There is a character in " + std::string(what) + " that cannot be saved", field);
    }
  }
  return text;
}

}  // namespace attune

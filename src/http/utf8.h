// UTF-8 checks for text that comes in (forms, files) and goes out (JSON).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace attune::http {

// The length of the UTF-8 sequence starting at s[i], or 0 when none does
// (a stray byte, a cut-off sequence, an overlong form, a surrogate, or a
// code point past U+10FFFF). REQUIRES: i < s.size().
size_t Utf8Length(std::string_view s, size_t i);
bool ValidUtf8(std::string_view s);

// Where a text's first byte that is not UTF-8 is: its byte offset, and its
// line and column (from 1; columns count characters).
struct Utf8Error {
  size_t offset = 0;
  size_t line = 1;
  size_t column = 1;
  unsigned char byte = 0;
};
// nullopt when `s` is valid UTF-8.
std::optional<Utf8Error> FirstInvalidUtf8(std::string_view s);

}  // namespace attune::http

#include "http/url.h"

#include <cstring>

#include "http/utf8.h"

namespace attune::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  auto out = PercentDecodeBytes(text, plus_is_space);
  if (out.ok() && !ValidUtf8(*out)) {
    return Status::BadRequest("The address or form data is not valid UTF-8 text");
  }
  return out;
}

Result<std::string> PercentDecodeBytes(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) {
        return Status::BadRequest("The address or form data is malformed: an incomplete %-escape");
      }
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) {
        return Status::BadRequest("The address or form data is malformed: a broken %-escape");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (Unreserved(c) || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool IsLocalPath(std::string_view location) {
  if (location.empty() || location[0] != '/') return false;
  if (location.size() > 1 && (location[1] == '/' || location[1] == '\\')) return false;
  static const char kAllowed[] = "-._~!$&()*+,;=:@/?%#";
  for (unsigned char c : location) {
    if (Unreserved(c)) continue;
    if (c == 0 || std::strchr(kAllowed, c) == nullptr) return false;
  }
  return true;
}

}  // namespace attune::http

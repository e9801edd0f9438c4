#include "http/multipart.h"

#include <strings.h>

#include <string>

namespace attune::http {
namespace {

constexpr std::string_view kCrLf = "\r\n";

Status Malformed(const std::string& what) {
  return Status::BadRequest("The form could not be read: " + what +
                            ". Reload the page and send it again.");
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// The Content-Disposition value of the part whose header block is
// `headers` ("" when it has none).
std::string_view Disposition(std::string_view headers) {
  while (!headers.empty()) {
    size_t end = headers.find(kCrLf);
    std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view() : headers.substr(end + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (!EqualsIgnoringCase(TrimSpaces(line.substr(0, colon)), "content-disposition")) continue;
    return line.substr(colon + 1);
  }
  return "";
}

}  // namespace

std::string HeaderParameter(std::string_view value, std::string_view name) {
  const size_t size = value.size();
  size_t i = value.find(';');
  while (i < size) {
    ++i;  // past the ';'
    size_t key_start = i;
    while (i < size && value[i] != '=' && value[i] != ';') ++i;
    std::string_view key = TrimSpaces(value.substr(key_start, i - key_start));
    if (i >= size || value[i] == ';') continue;  // a parameter without a value
    ++i;                                         // past the '='
    while (i < size && (value[i] == ' ' || value[i] == '\t')) ++i;
    std::string parsed;
    if (i < size && value[i] == '"') {
      for (++i; i < size && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < size) ++i;
        parsed += value[i];
      }
      while (i < size && value[i] != ';') ++i;  // past the closing quote
    } else {
      size_t start = i;
      while (i < size && value[i] != ';') ++i;
      parsed = std::string(TrimSpaces(value.substr(start, i - start)));
    }
    if (EqualsIgnoringCase(key, name)) return parsed;
  }
  return "";
}

Result<FormData> ParseMultipart(std::string_view content_type, std::string_view body) {
  std::string boundary = HeaderParameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) {
    return Malformed("its boundary is missing from the Content-Type");
  }
  const std::string delimiter = "--" + boundary;

  // The first delimiter opens the body (after an optional preamble).
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos ||
      (pos != 0 && (pos < 2 || body.substr(pos - 2, 2) != kCrLf))) {
    return Malformed("it does not start with its boundary");
  }
  pos += delimiter.size();

  FormData form;
  size_t parts = 0;
  for (;;) {
    if (body.substr(pos, 2) == "--") return form;  // the closing delimiter
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != kCrLf) return Malformed("a boundary is not followed by a new line");
    pos += 2;
    if (++parts > kMaxFormParts) {
      return Malformed("it has more than " + std::to_string(kMaxFormParts) + " fields");
    }

    size_t headers_end = body.find("\r\n\r\n", pos);
    std::string_view headers;
    size_t content_start;
    if (body.substr(pos, 2) == kCrLf) {  // a part with no headers
      content_start = pos + 2;
    } else if (headers_end == std::string_view::npos) {
      return Malformed("a field's headers never end");
    } else {
      headers = body.substr(pos, headers_end - pos);
      content_start = headers_end + 4;
    }
    std::string_view disposition = Disposition(headers);
    std::string name = HeaderParameter(disposition, "name");
    if (name.empty()) return Malformed("a field has no name");
    // A file part says filename= (empty when no file was chosen).
    if (disposition.find("filename") != std::string_view::npos) {
      form.AddFileName(name, HeaderParameter(disposition, "filename"));
    }

    std::string close = std::string(kCrLf) + delimiter;
    size_t content_end = body.find(close, content_start);
    if (content_end == std::string_view::npos) return Malformed("it ended before its last field");
    form.Add(std::move(name), std::string(body.substr(content_start, content_end - content_start)));
    pos = content_end + close.size();
  }
}

}  // namespace attune::http

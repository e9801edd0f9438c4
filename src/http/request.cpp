#include "http/request.h"

#include <charconv>

#include "http/utf8.h"

namespace attune::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) {
        return Status::BadRequest("The form data is malformed: an incomplete %-escape");
      }
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) {
        return Status::BadRequest("The form data is malformed: a broken %-escape");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  if (!ValidUtf8(out)) return Status::BadRequest("The form data is not valid UTF-8 text");
  return out;
}

}  // namespace

Result<FormData> FormData::Parse(std::string_view text) {
  FormData form;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view pair = text.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      auto name = Decode(pair.substr(0, eq));
      if (!name.ok()) return name.status();
      std::string value;
      if (eq != std::string_view::npos) {
        auto v = Decode(pair.substr(eq + 1));
        if (!v.ok()) return v.status();
        value = std::move(*v);
      }
      form.pairs_.emplace_back(std::move(*name), std::move(value));
    }
    start = end + 1;
  }
  return form;
}

std::string FormData::Get(const std::string& name) const {
  for (const auto& [k, v] : pairs_) {
    if (k == name) return v;
  }
  return "";
}

bool FormData::Has(const std::string& name) const {
  for (const auto& [k, v] : pairs_) {
    if (k == name) return true;
  }
  return false;
}

std::vector<std::string> FormData::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : pairs_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string Request::Cookie(const std::string& name) const {
  std::string all = Header("cookie");
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    std::string_view part(all.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return "";
}

Result<FormData> Request::Form() const {
  std::string type = Header("content-type");
  if (type.rfind("multipart/form-data", 0) == 0) {
    for (const auto& [name, value] : multipart.pairs()) {
      if (!ValidUtf8(value)) {
        return Status::BadRequest("The file or field '" + name + "' is not UTF-8 text", name);
      }
    }
    return multipart;
  }
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return Status::BadRequest(
        "Send the form as application/x-www-form-urlencoded or multipart/form-data");
  }
  return FormData::Parse(body);
}

}  // namespace attune::http

namespace attune::http {

Result<long long> ParamId(const Request& request, size_t index) {
  if (index >= request.params.size()) return Status::NotFound("No such record");
  const std::string& text = request.params[index];
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return Status::NotFound("No such record");
  }
  return value;
}

Result<int> IntValue(const std::string& text, int fallback, const std::string& field) {
  if (text.empty()) return fallback;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return Status::Invalid(field + " must be a whole number", field);
  }
  return value;
}

}  // namespace attune::http

#include "http/request.h"

#include <charconv>

#include "http/multipart.h"
#include "http/url.h"
#include "http/utf8.h"

namespace attune::http {
namespace {

// Decodes one name or value of a form; a failure names the field.
Result<std::string> Decode(std::string_view text, const std::string* field) {
  auto decoded = PercentDecode(text, /*plus_is_space=*/true);
  if (decoded.ok() || field == nullptr) return decoded;
  std::string what = decoded.status().message().find("UTF-8") != std::string::npos
                         ? "is not valid UTF-8 text"
                         : "has a broken %-escape";
  return Status::BadRequest("The field '" + *field + "' " + what, *field);
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
      auto name = Decode(pair.substr(0, eq), nullptr);
      if (!name.ok()) return name.status();
      std::string value;
      if (eq != std::string_view::npos) {
        auto v = Decode(pair.substr(eq + 1), &*name);
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
    auto parts = ParseMultipart(type, body);
    if (!parts.ok()) return parts.status();
    for (const auto& [name, value] : parts->pairs()) {
      if (!ValidUtf8(name) || !ValidUtf8(value)) {
        return Status::BadRequest("The file or field '" + name + "' is not UTF-8 text", name);
      }
    }
    return parts;
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

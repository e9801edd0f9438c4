#include "http/request.h"

#include <charconv>
#include <cstdio>

#include "http/multipart.h"
#include "http/url.h"
#include "http/utf8.h"

namespace attune::http {
namespace {

constexpr const char* kWhatToDo =
    " Check for text pasted from another program, or a file saved in another encoding (such as "
    "Windows-1252): save or paste it as UTF-8, then send the form again. Nothing has been "
    "changed.";

// BadRequest naming `field` when `value` is not UTF-8, with the line and
// column of its first bad byte.
Status CheckUtf8(const std::string& field, std::string_view value) {
  auto bad = FirstInvalidUtf8(value);
  if (!bad) return Status::Ok();
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", bad->byte);
  return Status::BadRequest("The field '" + field + "' is not UTF-8 text: line " +
                                std::to_string(bad->line) + ", column " +
                                std::to_string(bad->column) + " holds the byte " + byte +
                                ", which is not UTF-8." + kWhatToDo,
                            field);
}

// Decodes one name or value of a form; a failure names the field (for a
// value) and where its text stops being UTF-8.
Result<std::string> Decode(std::string_view text, const std::string* field) {
  auto decoded = PercentDecodeBytes(text, /*plus_is_space=*/true);
  if (!decoded.ok()) {
    if (field == nullptr) return decoded.status();
    return Status::BadRequest("The field '" + *field +
                                  "' has a broken %-escape (a % must be followed by two hex "
                                  "digits). Nothing has been changed.",
                              *field);
  }
  Status utf8 = field ? CheckUtf8(*field, *decoded) : Status::Ok();
  if (!utf8.ok()) return utf8;
  if (!field && !ValidUtf8(*decoded)) {
    return Status::BadRequest("A field name in the form is not UTF-8 text." +
                              std::string(kWhatToDo));
  }
  return decoded;
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

bool FormData::IsFile(const std::string& field) const {
  for (const auto& [k, v] : file_names_) {
    if (k == field) return true;
  }
  return false;
}

std::string FormData::FileName(const std::string& field) const {
  for (const auto& [k, v] : file_names_) {
    if (k == field) return v;
  }
  return "";
}

Result<FormData> Request::Form() const { return ReadForm(false); }

Result<FormData> Request::FormWithBinaryFiles() const { return ReadForm(true); }

Result<FormData> Request::ReadForm(bool binary_files) const {
  std::string type = Header("content-type");
  if (type.rfind("multipart/form-data", 0) == 0) {
    auto parts = ParseMultipart(type, body);
    if (!parts.ok()) return parts.status();
    for (const auto& [name, value] : parts->pairs()) {
      if (!ValidUtf8(name)) {
        return Status::BadRequest("A field name in the form is not UTF-8 text." +
                                  std::string(kWhatToDo));
      }
      if (binary_files && parts->IsFile(name)) continue;
      ATTUNE_RETURN_IF_ERROR(CheckUtf8(name, value));
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

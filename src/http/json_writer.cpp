#include "http/json_writer.h"

#include <charconv>

#include "http/utf8.h"

namespace attune::http {
namespace {

// `text` as a JSON string literal, quotes included, appended to `out`.
void AppendJsonString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      size_t run = i + 1;
      while (run < text.size()) {
        auto d = static_cast<unsigned char>(text[run]);
        if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
        ++run;
      }
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else if (size_t n = Utf8Length(text, i)) {
          out.append(text.data() + i, n);
          i += n;
          continue;
        } else {
          out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!open_.empty()) {
    if (open_.back().has_items) out_ += ',';
    open_.back().has_items = true;
  }
}

JsonWriter& JsonWriter::Object() {
  BeforeValue();
  out_ += '{';
  open_.push_back({'}', false});
  return *this;
}

JsonWriter& JsonWriter::Array() {
  BeforeValue();
  out_ += '[';
  open_.push_back({']', false});
  return *this;
}

JsonWriter& JsonWriter::End() {
  out_ += open_.back().close;
  open_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
  BeforeValue();
  AppendJsonString(out_, text);
  return *this;
}

JsonWriter& JsonWriter::Int(long long n) {
  BeforeValue();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  out_.append(digits, end);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Object(std::string_view key) { return Key(key).Object(); }
JsonWriter& JsonWriter::Array(std::string_view key) { return Key(key).Array(); }
JsonWriter& JsonWriter::String(std::string_view key, std::string_view text) {
  return Key(key).String(text);
}
JsonWriter& JsonWriter::Int(std::string_view key, long long n) { return Key(key).Int(n); }

JsonWriter& JsonWriter::Bool(std::string_view key, bool b) {
  Key(key).BeforeValue();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::IdOrNull(std::string_view key, long long id) {
  return id ? Int(key, id) : Key(key).Null();
}

JsonWriter& JsonWriter::StringOrNull(std::string_view key, std::string_view text) {
  return text.empty() ? Key(key).Null() : String(key, text);
}

JsonWriter& JsonWriter::Time(std::string_view key, const std::optional<Timestamp>& t) {
  return t ? String(key, FormatUtc(*t)) : Key(key).Null();
}

JsonWriter& JsonWriter::Members(const nlohmann::json& object) {
  for (const auto& [key, value] : object.items()) {
    Key(key).BeforeValue();
    out_ += JsonText(value);
  }
  return *this;
}

}  // namespace attune::http

// Writing a JSON answer straight into its text. nlohmann::json builds a tree
// of allocated nodes first and then prints it; for the answer to a recorded
// incident that was about a tenth of the server's time per record
// (docs/performance.md, "Recording an incident"). The busiest answers are
// written with this; the rest keep nlohmann::json, and Members() embeds one.
//
// Strings are escaped as JSON requires; bytes that are not UTF-8 become
// U+FFFD, as Response::Json does, so the text is always valid JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace attune::http {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(1024); }
  // Each writes one value: an array's next item, or with `key` an object's
  // next member.
  JsonWriter& Object();  // { ... End()
  JsonWriter& Object(std::string_view key);
  JsonWriter& Array();  // [ ... End()
  JsonWriter& Array(std::string_view key);
  JsonWriter& End();  // closes the innermost object or array
  JsonWriter& String(std::string_view text);
  JsonWriter& String(std::string_view key, std::string_view text);
  JsonWriter& Int(long long n);
  JsonWriter& Int(std::string_view key, long long n);
  JsonWriter& Bool(std::string_view key, bool b);
  JsonWriter& IdOrNull(std::string_view key, long long id);                   // null when 0
  JsonWriter& StringOrNull(std::string_view key, std::string_view text);      // null when ""
  JsonWriter& Time(std::string_view key, const std::optional<Timestamp>& t);  // ISO UTC or null
  // Each member of `object` (a nlohmann::json object) as a member here.
  JsonWriter& Members(const nlohmann::json& object);

  // The text. REQUIRES: every object and array is closed.
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  JsonWriter& Key(std::string_view key);
  JsonWriter& Null();

  struct Open {
    char close;      // '}' or ']'
    bool has_items;  // a comma goes before the next
  };
  std::string out_;
  std::vector<Open> open_;
  bool after_key_ = false;
};

// `value` as JSON text, bytes that are not UTF-8 replaced: how every
// nlohmann::json answer is printed.
std::string JsonText(const nlohmann::json& value);

}  // namespace attune::http

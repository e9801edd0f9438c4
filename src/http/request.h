// An HTTP request as attune's handlers see it; the server library stays
// behind http/server.cpp, http/connection.cpp and http/wire.cpp.
//
// Thread-safety: a Request belongs to the one thread serving it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"

namespace attune::http {

// Decoded name/value pairs of a form body or query string, in order. A name
// may repeat (checkbox lists).
class FormData {
 public:
  // Parses application/x-www-form-urlencoded text. BadRequest for a broken
  // %-escape or invalid UTF-8.
  static Result<FormData> Parse(std::string_view text);

  // The first value of `name`, or "" when absent.
  std::string Get(const std::string& name) const;
  bool Has(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  void Add(std::string name, std::string value) {
    pairs_.emplace_back(std::move(name), std::move(value));
  }
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }
  // A multipart field that is a file: the name the browser gave the file
  // ("" when the field is no file, or the file has no name).
  void AddFileName(std::string field, std::string file_name) {
    file_names_.emplace_back(std::move(field), std::move(file_name));
  }
  bool IsFile(const std::string& field) const;
  std::string FileName(const std::string& field) const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::vector<std::pair<std::string, std::string>> file_names_;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query string
  FormData query;
  // Why the query string could not be read ("it is not UTF-8 text, or has
  // a broken %-escape"), or "" when it was: `query` is then empty. Pages
  // show what they would without one and say so; the API refuses it.
  std::string query_problem;
  std::multimap<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string ip;
  bool secure = false;     // arrived over TLS (or said so by a trusted proxy)
  std::string request_id;  // for logs and error pages

  // Set by the dispatcher:
  std::vector<std::string> params;       // regex captures of the route pattern
  const Principal* principal = nullptr;  // null when anonymous

  // REQUIRES: name lower-case. "" when absent.
  std::string Header(const std::string& name) const;
  std::string Cookie(const std::string& name) const;
  // The body as a form (urlencoded or multipart, parsed on each call).
  // BadRequest when the content type is not a form, or the body is
  // malformed or not UTF-8 (naming the field).
  Result<FormData> Form() const;
  // The same, but a multipart form's files are left unchecked (an upload
  // such as a .zip is bytes, not text): the caller checks what it reads of
  // them. Its other fields are checked as Form checks them.
  Result<FormData> FormWithBinaryFiles() const;
  // Whether the request carries a cookie or an Authorization header, so may
  // be from someone signed in. Requests without are read with a smaller
  // body limit, before anything is looked up.
  bool MayCarryCredentials() const {
    return headers.count("cookie") > 0 || headers.count("authorization") > 0;
  }
  bool IsHtmx() const { return Header("hx-request") == "true"; }

 private:
  Result<FormData> ReadForm(bool binary_files) const;
};

}  // namespace attune::http

namespace attune::http {

// The route capture `index` as a record id. NotFound when it is not a
// positive whole number that fits (so /pupils/99999999999999999999 is a 404).
Result<long long> ParamId(const Request& request, size_t index = 0);

// A whole-number query or form value; `fallback` when empty; Invalid naming
// `field` when not a number.
Result<int> IntValue(const std::string& text, int fallback, const std::string& field);

}  // namespace attune::http

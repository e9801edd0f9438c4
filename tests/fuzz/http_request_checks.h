// The checks of the HTTP request fuzz target (http_request_fuzz.cpp), shared
// with the unit test that replays its corpus (tests/unit/http_corpus_test.cpp).
// Reading HTTP requests: whatever bytes a client sends,
// attune's request reading (src/http/wire.h: the head, the body in every
// transfer coding, the address), forms (urlencoded and multipart), JSON
// bodies, cookies and the same-origin check must answer with a value or a
// clear error, never crash, hang or leak; and no header attune writes may
// split its response. CheckHttpInput aborts when a check fails.
//
// The first byte chooses what the rest is fed to, so each reader is reached
// directly as well as through a whole request:
//   0–63    a whole request (head, body, then everything that reads it)
//   64–127  a multipart/form-data body
//   128–191 an urlencoded form or query string
//   192–223 a JSON body
//   224–255 a response header value, which must not split the response
#pragma once

#include <boost/beast/http/write.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "http/dispatcher.h"
#include "http/json_body.h"
#include "http/multipart.h"
#include "http/request.h"
#include "http/response.h"
#include "http/url.h"
#include "http/wire.h"

namespace attune_fuzz {

using namespace attune::http;

inline void Check(bool ok) {
  if (!ok) std::abort();
}

// Every error must be a message a person can read.
inline void CheckStatus(const attune::Status& status) {
  Check(status.ok() || !status.message().empty());
}

inline void ReadJson(const Request& request) {
  auto body = JsonObjectBody(request);
  CheckStatus(body.status());
  if (!body.ok()) return;
  for (const char* key : {"pupils", "notes", "category", "id", "occurred_at", "on", "flag"}) {
    CheckStatus(StringMember(*body, key).status());
    CheckStatus(IntMember(*body, key).status());
    CheckStatus(BoolMember(*body, key).status());
    CheckStatus(StringListMember(*body, key).status());
    CheckStatus(InstantMember(*body, key).status());
    CheckStatus(DateMember(*body, key).status());
  }
}

inline void ReadEverything(Request& request) {
  auto form = request.Form();
  CheckStatus(form.status());
  if (form.ok()) {
    for (const auto& [name, value] : form->pairs()) Check(form->Has(name));
  }
  ReadJson(request);
  (void)request.Cookie("attune_session");
  (void)request.Cookie("attune_pre");
  (void)request.query.Get("q");
  CheckStatus(CheckSameOrigin(request));
  std::string ip = ClientAddress("127.0.0.1", request.Header("x-forwarded-for"), {true, 2});
  Check(!ip.empty());
  std::string encoded = PercentEncode(request.path);
  auto decoded = PercentDecode(encoded, false);
  Check(decoded.ok() && *decoded == request.path);
  if (IsLocalPath(request.path)) Check(request.path[0] == '/');
}

inline void HeaderCannotSplit(std::string_view value) {
  Response response = Response::Text("body");
  response.SetHeader("X-Fuzz", std::string(value));
  response.SetHeader("Location", std::string(value));
  WireResponse wire;
  ToWire(std::move(response), false, true, wire);
  std::ostringstream out;
  out << wire;
  std::string text = out.str();
  std::string head = text.substr(0, text.find("\r\n\r\n") + 2);
  // The head is lines of "name: value" ending in CR LF; nothing else.
  size_t lines = 0;
  for (size_t at = 0; at < head.size();) {
    size_t end = head.find("\r\n", at);
    Check(end != std::string::npos);
    std::string_view line(head.data() + at, end - at);
    Check(line.find('\r') == std::string_view::npos && line.find('\n') == std::string_view::npos);
    if (lines > 0) Check(line.find(':') != std::string_view::npos);
    ++lines;
    at = end + 2;
  }
}

inline void CheckHttpInput(const uint8_t* data, size_t size) {
  if (size == 0) return;
  uint8_t mode = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  if (mode < 64) {
    RequestLimits limits;
    limits.header_bytes = 8 * 1024;
    limits.body_bytes = 64 * 1024;
    auto request = ParseRequestBytes(rest, limits);
    CheckStatus(request.status());
    if (request.ok()) {
      Check(!request->path.empty() && request->path[0] == '/');
      Check(request->body.size() <= limits.body_bytes);
      ReadEverything(*request);
    }
  } else if (mode < 128) {
    auto form = ParseMultipart("multipart/form-data; boundary=XyZ", rest);
    CheckStatus(form.status());
    if (form.ok()) Check(form->pairs().size() <= kMaxFormParts);
    CheckStatus(ParseMultipart(rest, "--x\r\n").status());  // the boundary from the header
  } else if (mode < 192) {
    auto form = FormData::Parse(rest);
    CheckStatus(form.status());
  } else if (mode < 224) {
    Request request;
    request.headers.emplace("content-type", "application/json");
    request.body = std::string(rest);
    ReadJson(request);
  } else {
    HeaderCannotSplit(rest);
  }
}

}  // namespace attune_fuzz

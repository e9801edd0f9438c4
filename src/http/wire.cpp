#include "http/wire.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/parser.hpp>

#include "http/url.h"

namespace attune::http {
namespace beast_http = boost::beast::http;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The entry `hops` from the right of a comma-separated list (the left-most
// when there are fewer).
std::string_view FromRight(std::string_view list, int hops) {
  std::vector<std::string_view> entries;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    entries.push_back(Trim(list.substr(start, comma - start)));
    start = comma + 1;
  }
  size_t n = entries.size();
  return entries[n >= static_cast<size_t>(hops) ? n - hops : 0];
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const ProxyTrust& proxy) {
  if (!proxy.trust || forwarded_for.empty()) return std::string(peer);
  std::string candidate(FromRight(forwarded_for, std::max(proxy.hops, 1)));
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(candidate, ec);
  if (ec) return std::string(peer);
  return address.to_string();
}

Status ReadHead(const beast_http::request_header<>& head, std::string_view peer_address,
                const ProxyTrust& proxy, Request& out) {
  out.method = std::string(head.method_string());
  std::string_view target(head.target().data(), head.target().size());
  if (target.empty() || target.front() != '/') {
    return Status::BadRequest("The address must be a path on this site, starting with /");
  }
  size_t query = target.find('?');
  auto path = PercentDecode(target.substr(0, query), /*plus_is_space=*/false);
  if (!path.ok()) return path.status();
  if (std::any_of(path->begin(), path->end(), [](char c) { return IsControl(c); })) {
    return Status::BadRequest("The address holds characters that cannot be part of a path");
  }
  out.path = std::move(*path);
  if (query != std::string_view::npos) {
    // An unreadable query is read as none, and why is kept (query_problem).
    auto parsed = FormData::Parse(target.substr(query + 1));
    if (parsed.ok()) {
      out.query = std::move(*parsed);
    } else {
      out.query_problem = "it is not UTF-8 text, or has a broken %-escape";
    }
  }
  for (const auto& field : head) {
    out.headers.emplace(
        Lower(std::string_view(field.name_string().data(), field.name_string().size())),
        std::string(field.value()));
  }
  out.ip = std::string(peer_address);
  if (proxy.trust) {
    out.ip = ClientAddress(peer_address, out.Header("x-forwarded-for"), proxy);
    std::string proto = out.Header("x-forwarded-proto");
    out.secure = !proto.empty() && FromRight(proto, std::max(proxy.hops, 1)) == "https";
  }
  return Status::Ok();
}

bool ValidHeaderName(std::string_view name) {
  static const std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || kSymbols.find(static_cast<char>(c)) != std::string_view::npos;
  });
}

bool ValidHeaderValue(std::string_view value) {
  return std::none_of(value.begin(), value.end(),
                      [](unsigned char c) { return IsControl(c) && c != '\t'; });
}

void ToWire(Response&& response, bool head_only, bool keep_alive, WireResponse& out) {
  out = WireResponse();
  out.version(11);
  int status = response.status;
  if (status < 100 || status > 599) {
    spdlog::error("a handler answered with status {}; sent 500 instead", status);
    status = 500;
  }
  out.result(static_cast<unsigned>(status));
  auto add = [&out](std::string_view name, std::string_view value) {
    if (!ValidHeaderName(name) || !ValidHeaderValue(value)) {
      spdlog::error("a response header that could split the response was not sent: {}",
                    std::string(name.substr(0, 64)));
      return;
    }
    out.insert(boost::beast::string_view(name.data(), name.size()),
               boost::beast::string_view(value.data(), value.size()));
  };
  if (!response.content_type.empty()) add("Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) add(name, value);
  bool bodiless = status < 200 || status == 204 || status == 304;
  if (!bodiless) out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head_only && !bodiless) {
    size_t length = out.body().size();
    out.body().clear();
    out.content_length(length);
  }
}

Result<Request> ParseRequestBytes(std::string_view bytes, const RequestLimits& limits) {
  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  parser.body_limit(limits.body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  while (!bytes.empty() && !parser.is_done()) {
    size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    // Beast asks for more than it was given, and may only be given more:
    // the bytes left over again would break its contract (an assertion in
    // the chunk parser, found by the fuzzer). Nothing more will come here,
    // so the request is cut short; the server's read loop always reads more.
    if (ec == beast_http::error::need_more) break;
    if (ec) return Status::BadRequest("The request could not be read: " + ec.message());
  }
  if (!parser.is_done()) {
    // Beast asserts that some of the message arrived before its end is told.
    if (parser.got_some()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return Status::BadRequest("The request ended before it was whole");
  }
  Request request;
  Status head = ReadHead(parser.get().base(), "127.0.0.1", ProxyTrust{}, request);
  if (!head.ok()) return head;
  request.body = std::move(parser.get().body());
  return request;
}

}  // namespace attune::http

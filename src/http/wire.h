// Between bytes on the wire and attune's Request/Response: the only code
// besides server.cpp and connection.cpp that knows Beast. Reading a request's
// head checks its target; writing a response drops any header that could
// split it, so no handler can inject one (whatever it puts in a header).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"

namespace attune::http {

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using WireResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Whether to believe the X-Forwarded-For and X-Forwarded-Proto headers a
// reverse proxy adds, and how many proxies stand in front of attune.
struct ProxyTrust {
  bool trust = false;  // Default: false
  int hops = 1;        // REQUIRES: hops >= 1. Default: 1
};

// Fills `out`'s method, path (%-decoded), query, headers (names lower-case),
// ip and secure from a request head that arrived from `peer_address`.
// BadRequest when the target is not a path ("/..."), its %-escapes are
// broken, or it decodes to control characters or text that is not UTF-8.
Status ReadHead(const boost::beast::http::request_header<>& head, std::string_view peer_address,
                const ProxyTrust& proxy, Request& out);

// The client's address. Without a trusted proxy, `peer`. With one, the
// address the proxies recorded: the entry `hops` from the right of
// X-Forwarded-For (the left-most when there are fewer), since anything to
// its left was written by the client. `peer` when that entry is not an IP
// address.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const ProxyTrust& proxy);

// A header name is a token (RFC 9110 §5.1); a value holds no control
// character but tab, so neither can end a line.
bool ValidHeaderName(std::string_view name);
bool ValidHeaderValue(std::string_view value);

// Moves `response` into `out` as HTTP/1.1. Headers failing the checks above
// are not written (and are logged as errors); a status outside 100–599
// becomes 500. `head_only`: for HEAD, the body is left out but its length
// kept.
void ToWire(Response&& response, bool head_only, bool keep_alive, WireResponse& out);

// Limits on one request, enforced while it is read.
struct RequestLimits {
  size_t header_bytes = 16 * 1024;  // request line and headers. Default: 16 KiB
  size_t body_bytes = 1 << 20;      // after any transfer coding. Default: 1 MiB
};

// Parses `bytes` as one whole request (for the fuzz target and tests, with
// the same checks the server makes). BadRequest when it is malformed,
// incomplete or over a limit.
Result<Request> ParseRequestBytes(std::string_view bytes, const RequestLimits& limits);

}  // namespace attune::http

// The HTTPS requests attune makes of an OpenID Connect provider (decision
// 0031): reading its discovery document and keys, and redeeming a code.
// Over libcurl; https only, except plain http to this machine (tests);
// redirects are not followed; answers are read up to kMaxAnswerBytes.
//
// Thread-safety: safe from any thread.
#pragma once

#include <string>

#include "core/status.h"

namespace attune {

struct HttpAnswer {
  long status = 0;  // the HTTP status
  std::string body;
};

inline constexpr size_t kMaxAnswerBytes = 1 << 20;
// Seconds one request may take, connecting included. Default: 10
inline constexpr long kProviderTimeoutSeconds = 10;

// GET `url`, asking for JSON. Unavailable (with what went wrong) when the
// provider cannot be reached or answers more than kMaxAnswerBytes;
// Invalid when `url` is neither https nor http to this machine.
Result<HttpAnswer> HttpGetJson(const std::string& url);

// POST `fields` (already application/x-www-form-urlencoded) to `url`,
// with HTTP Basic authentication as `user` and `password` when `user` is
// not empty (each form-urlencoded first, as RFC 6749 2.3.1 asks). Fails as
// HttpGetJson does.
Result<HttpAnswer> HttpPostForm(const std::string& url, const std::string& fields,
                                const std::string& user, const std::string& password);

// `text` percent-encoded for a form or a query: every byte but letters,
// digits and -._~ as %XX.
std::string FormEncode(const std::string& text);

}  // namespace attune

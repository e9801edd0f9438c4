// What every use of libcurl shares: its global set-up, done once, and
// deleters that free its handles (the outbox's SMTP, OpenID Connect's
// HTTPS).
//
// Thread-safety: InitCurlOnce is safe from any thread.
#pragma once

#include <curl/curl.h>

namespace attune {

// libcurl's global state, set up once before the first handle.
inline void InitCurlOnce() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)done;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_mime* m) const { curl_mime_free(m); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace attune

// HTTPS requests to an OpenID Connect provider over libcurl
// (services/oidc_http.h).
#include "services/oidc_http.h"

#include <curl/curl.h>

#include <memory>

#include "core/oidc_config.h"
#include "core/secrets.h"
#include "services/curl_easy.h"

namespace attune {
namespace {

size_t KeepAnswer(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  size_t n = size * count;
  if (body->size() + n > kMaxAnswerBytes) return 0;  // too large: libcurl stops
  body->append(data, n);
  return n;
}

// Runs the request `c` is set up for; the provider's answer, whatever its
// status.
Result<HttpAnswer> Perform(CURL* c, const std::string& url, curl_slist* headers) {
  if (url.rfind("https://", 0) != 0 && !IsLoopbackHttp(url)) {
    return Status::Invalid("the provider's address " + url + " is not https");
  }
  HttpAnswer answer;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kProviderTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kProviderTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "attune");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, KeepAnswer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string words = error[0] ? error : curl_easy_strerror(rc);
    if (rc == CURLE_WRITE_ERROR) words = "its answer was larger than attune reads";
    return Status::Unavailable(url + ": " + words);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

}  // namespace

std::string FormEncode(const std::string& text) {
  // libcurl's escaping keeps exactly the unreserved characters.
  std::unique_ptr<char, decltype(&curl_free)> escaped(
      curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())), &curl_free);
  return escaped ? std::string(escaped.get()) : std::string();
}

Result<HttpAnswer> HttpGetJson(const std::string& url) {
  InitCurlOnce();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("libcurl could not start");
  std::unique_ptr<curl_slist, CurlDeleter> headers(
      curl_slist_append(nullptr, "Accept: application/json"));
  return Perform(curl.get(), url, headers.get());
}

Result<HttpAnswer> HttpPostForm(const std::string& url, const std::string& fields,
                                const std::string& user, const std::string& password) {
  InitCurlOnce();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("libcurl could not start");
  std::unique_ptr<curl_slist, CurlDeleter> headers(
      curl_slist_append(nullptr, "Accept: application/json"));
  curl_slist_append(headers.get(), "Content-Type: application/x-www-form-urlencoded");
  if (!user.empty()) {
    std::string basic =
        "Authorization: Basic " + Base64(FormEncode(user) + ":" + FormEncode(password));
    curl_slist_append(headers.get(), basic.c_str());
  }
  curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, fields.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(fields.size()));
  return Perform(curl.get(), url, headers.get());
}

}  // namespace attune

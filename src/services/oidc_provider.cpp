// A provider's discovery, keys and token endpoint (services/oidc_provider.h).
#include "services/oidc_provider.h"

#include <nlohmann/json.hpp>

#include "services/oidc_http.h"
#include "services/oidc_token.h"

namespace attune {
namespace {

using nlohmann::json;

std::string Text(const json& doc, const char* name) {
  auto it = doc.find(name);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whether the list `name` in `doc` is absent or holds `value`.
bool AbsentOrHolds(const json& doc, const char* name, const char* value) {
  auto it = doc.find(name);
  if (it == doc.end()) return true;
  if (!it->is_array()) return false;
  for (const auto& v : *it) {
    if (v.is_string() && v == value) return true;
  }
  return false;
}

bool Holds(const json& doc, const char* name, const char* value) {
  return doc.contains(name) && AbsentOrHolds(doc, name, value);
}

// The provider's endpoints must be https, as its issuer is (or plain http
// to this machine when the issuer is).
bool FitEndpoint(const std::string& url, const std::string& issuer) {
  if (url.rfind("https://", 0) == 0) return url.find_first_of(" \r\n") == std::string::npos;
  return IsLoopbackHttp(issuer) && IsLoopbackHttp(url);
}

}  // namespace

Status OidcProvider::ReadMetadata(Timestamp now) {
  std::string base = config_.issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string url = base + "/.well-known/openid-configuration";
  auto answer = HttpGetJson(url);
  if (!answer.ok()) return Status::Unavailable(answer.status().message());
  if (answer->status != 200) {
    return Status::Unavailable(url + " answered " + std::to_string(answer->status));
  }
  json doc = json::parse(answer->body, nullptr, false);
  if (!doc.is_object()) return Status::Unavailable(url + " is not JSON");
  // OpenID Connect Discovery 4.3: the document's issuer is the one asked for.
  if (Text(doc, "issuer") != config_.issuer) {
    return Status::Unavailable(url + " names the issuer '" + Text(doc, "issuer") +
                               "', not the configured '" + config_.issuer + "'");
  }
  OidcMetadata m;
  m.authorization_endpoint = Text(doc, "authorization_endpoint");
  m.token_endpoint = Text(doc, "token_endpoint");
  m.jwks_uri = Text(doc, "jwks_uri");
  for (const std::string* endpoint : {&m.authorization_endpoint, &m.token_endpoint, &m.jwks_uri}) {
    if (!FitEndpoint(*endpoint, config_.issuer)) {
      return Status::Unavailable(url +
                                 " lacks an https authorization_endpoint, token_endpoint "
                                 "or jwks_uri");
    }
  }
  if (!Holds(doc, "id_token_signing_alg_values_supported", "RS256")) {
    return Status::Unavailable(url + " does not say it signs ID tokens with RS256");
  }
  if (!AbsentOrHolds(doc, "code_challenge_methods_supported", "S256")) {
    return Status::Unavailable(url + " does not accept PKCE's S256");
  }
  // Absent means client_secret_basic (Discovery 3).
  if (AbsentOrHolds(doc, "token_endpoint_auth_methods_supported", "client_secret_basic")) {
    m.basic_auth = true;
  } else if (Holds(doc, "token_endpoint_auth_methods_supported", "client_secret_post")) {
    m.basic_auth = false;
  } else {
    return Status::Unavailable(url +
                               " accepts neither client_secret_basic nor "
                               "client_secret_post");
  }
  metadata_ = m;
  metadata_read_at_ = now;
  return Status::Ok();
}

Result<OidcMetadata> OidcProvider::Metadata() {
  std::lock_guard<std::mutex> lock(mu_);
  Timestamp now = Now();
  if (!metadata_ || now - metadata_read_at_ > kMetadataLifetime) {
    ATTUNE_RETURN_IF_ERROR(ReadMetadata(now));
  }
  return *metadata_;
}

Status OidcProvider::ReadKeys(Timestamp now) {
  key_reads_.push_back(now);
  auto answer = HttpGetJson(metadata_->jwks_uri);
  if (!answer.ok()) return Status::Unavailable(answer.status().message());
  if (answer->status != 200) {
    return Status::Unavailable(metadata_->jwks_uri + " answered " + std::to_string(answer->status));
  }
  auto keys = ReadJwks(answer->body);
  if (!keys.ok()) return Status::Unavailable(metadata_->jwks_uri + ": " + keys.status().message());
  keys_ = std::move(*keys);
  return Status::Ok();
}

Result<std::string> OidcProvider::SigningKey(const std::string& kid) {
  std::lock_guard<std::mutex> lock(mu_);
  Timestamp now = Now();
  if (!metadata_) ATTUNE_RETURN_IF_ERROR(ReadMetadata(now));
  auto find = [&]() -> std::optional<std::string> {
    if (auto it = keys_.find(kid); it != keys_.end()) return it->second;
    if (kid.empty() && keys_.size() == 1) return keys_.begin()->second;
    return std::nullopt;
  };
  if (auto key = find()) return *key;
  while (!key_reads_.empty() && now - key_reads_.front() >= std::chrono::minutes(1)) {
    key_reads_.pop_front();
  }
  if (static_cast<int>(key_reads_.size()) < kMaxKeyReadsPerMinute) {
    ATTUNE_RETURN_IF_ERROR(ReadKeys(now));
    if (auto key = find()) return *key;
  }
  return Status::Unauthenticated(
      "the token is signed with a key the provider does not publish (kid '" + kid + "')");
}

Result<std::string> OidcProvider::RedeemCode(const std::string& code, const std::string& verifier,
                                             const std::string& redirect_uri) {
  auto m = Metadata();
  if (!m.ok()) return m.status();
  std::string fields = "grant_type=authorization_code&code=" + FormEncode(code) +
                       "&redirect_uri=" + FormEncode(redirect_uri) +
                       "&code_verifier=" + FormEncode(verifier);
  std::string user, password;
  if (m->basic_auth) {
    user = config_.client_id;
    password = config_.client_secret;
  } else {
    fields += "&client_id=" + FormEncode(config_.client_id) +
              "&client_secret=" + FormEncode(config_.client_secret);
  }
  auto answer = HttpPostForm(m->token_endpoint, fields, user, password);
  if (!answer.ok()) return Status::Unavailable(answer.status().message());
  json doc = json::parse(answer->body, nullptr, false);
  if (answer->status != 200) {
    std::string error = doc.is_object() ? Text(doc, "error") : "";
    if (answer->status >= 400 && answer->status < 500) {
      return Status::Unauthenticated("the provider refused the code (" +
                                     (error.empty() ? std::to_string(answer->status) : error) +
                                     ")");
    }
    return Status::Unavailable(m->token_endpoint + " answered " + std::to_string(answer->status));
  }
  std::string id_token = doc.is_object() ? Text(doc, "id_token") : "";
  if (id_token.empty()) return Status::Unauthenticated("the provider sent no ID token");
  return id_token;
}

}  // namespace attune

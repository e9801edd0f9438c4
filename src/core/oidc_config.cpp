// The OpenID Connect providers of the configuration: read from the file's
// [[oidc]] tables, secrets from the environment, checked before serving.
#include "core/oidc_config.h"

#include <cctype>
#include <cstdlib>
#include <set>

#include "core/oidc_config_file.h"

namespace attune {
namespace {

bool IsIdCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// The host of an absolute http(s) URL, or "" when it has none.
std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  if (start == std::string::npos) return "";
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (authority.find('@') != std::string::npos) return "";
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    return close == std::string::npos ? "" : authority.substr(0, close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

Status Wrong(const std::string& where, const std::string& key, const std::string& what) {
  return Status::Invalid(where + ": " + what, "oidc." + key);
}

}  // namespace

bool IsLoopbackHttp(const std::string& url) {
  if (url.rfind("http://", 0) != 0) return false;
  std::string host = HostOf(url);
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

std::string OidcSecretVariable(const std::string& id) {
  std::string name = "ATTUNE_OIDC_";
  for (char c : id) {
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name + "_CLIENT_SECRET";
}

void LoadOidcSecrets(std::vector<OidcProviderConfig>& providers) {
  for (auto& p : providers) {
    if (const char* v = std::getenv(OidcSecretVariable(p.id).c_str())) p.client_secret = v;
  }
}

Status ValidateOidcProviders(const std::vector<OidcProviderConfig>& providers) {
  std::set<std::string> ids;
  for (const auto& p : providers) {
    std::string where = "the sign-in provider '" + p.id + "'";
    if (p.id.empty() || p.id.size() > 32 ||
        p.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
      return Wrong("a sign-in provider ([[oidc]])", "id",
                   "id must be 1 to 32 lower-case letters, digits or hyphens, e.g. "
                   "id = \"microsoft\", not '" +
                       p.id + "'");
    }
    if (!ids.insert(p.id).second) {
      return Wrong(where, p.id + ".id", "two [[oidc]] tables have the id '" + p.id + "'");
    }
    if (p.name.empty() || p.name.size() > 40) {
      return Wrong(where, p.id + ".name",
                   "name must be 1 to 40 characters: what the button says after "
                   "\"Sign in with\", e.g. name = \"Microsoft\"");
    }
    for (char c : p.name) {
      if (static_cast<unsigned char>(c) < 0x20) {
        return Wrong(where, p.id + ".name", "name may not hold line breaks or tabs");
      }
    }
    bool https = p.issuer.rfind("https://", 0) == 0;
    if ((!https && !IsLoopbackHttp(p.issuer)) || HostOf(p.issuer).empty() ||
        p.issuer.find_first_of("?# \t\r\n") != std::string::npos) {
      return Wrong(where, p.id + ".issuer",
                   "issuer must be the provider's https address with no query, e.g. "
                   "\"https://login.microsoftonline.com/<tenant id>/v2.0\" or "
                   "\"https://accounts.google.com\", not '" +
                       p.issuer + "'");
    }
    if (p.client_id.empty()) {
      return Wrong(where, p.id + ".client_id",
                   "client_id is missing: the application (client) id the provider gave "
                   "attune when it was registered");
    }
    if (p.client_secret.empty()) {
      return Wrong(
          where, p.id + ".client_secret",
          "client_secret is missing: set it in the file or in " + OidcSecretVariable(p.id));
    }
    for (const auto& domain : p.email_domains) {
      bool fine = !domain.empty() && domain.size() <= 253 && domain.front() != '.' &&
                  domain.find('.') != std::string::npos;
      for (char c : domain) fine = fine && (IsIdCharacter(c) || c == '.');
      if (!fine) {
        return Wrong(where, p.id + ".email_domains",
                     "email_domains must list domains in lower case, e.g. "
                     "[\"school.example\"], not '" +
                         domain + "'");
      }
    }
  }
  return Status::Ok();
}

Status ReadOidcProviders(const std::string& path, const toml::node& node,
                         std::vector<OidcProviderConfig>& providers) {
  const toml::array* tables = node.as_array();
  if (!tables) {
    return Status::Invalid(path + ": oidc must be tables written [[oidc]], one per provider",
                           "oidc");
  }
  int place = 0;
  for (const toml::node& item : *tables) {
    ++place;
    std::string where = path + ": oidc[" + std::to_string(place) + "]";
    const toml::table* table = item.as_table();
    if (!table) return Status::Invalid(where + " must be a table written [[oidc]]", "oidc");
    OidcProviderConfig p;
    for (const auto& [key, value] : *table) {
      std::string k(key.str());
      std::string* text = k == "id"              ? &p.id
                          : k == "name"          ? &p.name
                          : k == "issuer"        ? &p.issuer
                          : k == "client_id"     ? &p.client_id
                          : k == "client_secret" ? &p.client_secret
                                                 : nullptr;
      if (text) {
        auto v = value.value<std::string>();
        if (!v) return Status::Invalid(where + ": " + k + " must be text", "oidc." + k);
        *text = *v;
      } else if (k == "email_domains") {
        const toml::array* domains = value.as_array();
        if (!domains) {
          return Status::Invalid(
              where + ": email_domains must be a list, e.g. [\"school.example\"]",
              "oidc.email_domains");
        }
        for (const toml::node& d : *domains) {
          auto v = d.value<std::string>();
          if (!v) {
            return Status::Invalid(where + ": email_domains must list text", "oidc.email_domains");
          }
          p.email_domains.push_back(*v);
        }
      } else {
        return Status::Invalid(where + ": unknown option '" + k +
                                   "' (a provider has id, name, issuer, client_id, "
                                   "client_secret and email_domains)",
                               "oidc." + k);
      }
    }
    providers.push_back(std::move(p));
  }
  return Status::Ok();
}

}  // namespace attune

// The OpenID Connect providers staff may sign in with (decision 0031):
// one [[oidc]] table each in the configuration file, e.g. the school's
// Microsoft Entra ID tenant or Google Workspace domain.
//
// Thread-safety: plain values, read-only once serving.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace attune {

struct OidcProviderConfig {
  // Short name in addresses (/sign-in/oidc/<id>): lower-case letters,
  // digits and hyphens, unique. Required.
  std::string id;
  // What staff read on the button: "Sign in with <name>". Required.
  std::string name;
  // The issuer exactly as the provider names itself in its ID tokens, e.g.
  // https://login.microsoftonline.com/<tenant id>/v2.0 or
  // https://accounts.google.com; discovery is read from
  // <issuer>/.well-known/openid-configuration. https, except on the
  // machine itself (http://127.0.0.1, http://localhost). Required.
  std::string issuer;
  // The client attune is registered as at the provider. Required.
  std::string client_id;
  // Its secret: in the file, or in ATTUNE_OIDC_<ID>_CLIENT_SECRET (id in
  // capitals, hyphens as underscores), which wins. Required.
  std::string client_secret;
  // When not empty, only emails at these domains (lower-case, exact; a
  // sub-domain is another domain) may sign in through this provider.
  // Default: any domain the provider vouches for.
  std::vector<std::string> email_domains;
};

// The environment variable that may hold `id`'s client secret.
std::string OidcSecretVariable(const std::string& id);

// Overlays each provider's client secret from its environment variable.
void LoadOidcSecrets(std::vector<OidcProviderConfig>& providers);

// Checks every provider; Invalid naming the provider and its option
// ("oidc.microsoft.issuer") with what to write instead.
Status ValidateOidcProviders(const std::vector<OidcProviderConfig>& providers);

// Whether `url` is http:// to this machine (127.0.0.1, [::1], localhost),
// where plain http is allowed for a provider (tests, a local proxy).
bool IsLoopbackHttp(const std::string& url);

}  // namespace attune

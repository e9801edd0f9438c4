// Reading the [[oidc]] tables of the configuration file (core/config.cpp):
// kept apart from oidc_config.h so that only the two files that read TOML
// include toml++.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "core/oidc_config.h"
#include "core/status.h"

namespace attune {

// Appends the providers of `node` (the value of the file's `oidc` key: an
// array of tables) to `providers`. Invalid naming the file, the provider
// (by its place, "oidc[2]") and the option when a table is not as
// core/oidc_config.h describes.
Status ReadOidcProviders(const std::string& path, const toml::node& node,
                         std::vector<OidcProviderConfig>& providers);

}  // namespace attune

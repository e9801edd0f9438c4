#include "model/organisation.h"

namespace attune {

bool IsOrganisationKind(std::string_view kind) {
  return kind == Organisation::kTrust || kind == Organisation::kLocalAuthority;
}

const char* OrganisationKindLabel(std::string_view kind) {
  return kind == Organisation::kLocalAuthority ? "Local authority" : "Trust";
}

Role OrganisationRole(std::string_view kind) {
  return kind == Organisation::kLocalAuthority ? Role::kLaOfficer : Role::kTrustLeader;
}

}  // namespace attune

// Organisations above schools (decision 0034): a multi-academy trust or a
// local authority, the schools each holds and the people who sign in for
// it. A school belongs to at most one trust and at most one local
// authority. Organisation accounts see no pupil and no record: the group's
// figures, suppressed (services/group_service.h), and for a local
// authority the notices the law sends it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/role.h"

namespace attune {

struct Organisation {
  long long id = 0;
  std::string kind;  // kTrust or kLocalAuthority
  std::string name;  // "Northfield Learning Trust", "North County Council"
  std::string code;  // the DfE LA code ("850") or the trust's own reference; may be empty

  static constexpr const char* kTrust = "trust";
  static constexpr const char* kLocalAuthority = "local_authority";
  bool local_authority() const { return kind == kLocalAuthority; }
};

// Whether `kind` is one of Organisation's kinds.
bool IsOrganisationKind(std::string_view kind);
// "Trust", "Local authority".
const char* OrganisationKindLabel(std::string_view kind);
// The role an organisation of `kind` gives its people: a trust's leaders,
// an authority's officers.
Role OrganisationRole(std::string_view kind);

// A person who signs in for an organisation.
struct OrganisationMember {
  long long id = 0;
  long long organisation_id = 0;
  std::string email;  // lower case
  std::string name;
  Role role = Role::kTrustLeader;  // kTrustLeader or kLaOfficer
  bool active = true;
  std::string password_hash;  // argon2id
};

}  // namespace attune

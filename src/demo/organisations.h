// The demo's trust and local authority (decision 0034), so that someone
// trying attune can see what a trust leader and an authority officer see
// on /group: "Attune Demo Learning Trust" and "Demo County Council" (both
// fictional), each holding every demo school, each with one person who
// signs in with the demo password (trust@demo.attune.school,
// authority@demo.attune.school). Both set up two-step sign-in at their
// first sign-in, as their roles require.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/store.h"

namespace attune::demo {

inline constexpr const char* kDemoTrustEmail = "trust@demo.attune.school";
inline constexpr const char* kDemoAuthorityEmail = "authority@demo.attune.school";

// REQUIRES: the schools exist. Conflict when the demo's organisations or
// their people are in the database already.
Status AddDemoOrganisations(Store& store, const std::vector<long long>& school_ids,
                            const std::string& password_hash);

}  // namespace attune::demo

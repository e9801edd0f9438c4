// The demo school's family (issue 15): a parent of the first pupil who can
// sign in (parent@demo.attune.school), with today's notes home from the
// class teacher and a record waiting for the senior leader's review, made
// through the services as a school would make them.
#pragma once

#include <string>

#include "core/status.h"
#include "storage/store.h"

namespace attune::demo {

inline constexpr const char* kDemoParentEmail = "parent@demo.attune.school";

// REQUIRES: the school has pupils with contacts, staff and its policy.
Status AddDemoFamily(Store& store, long long school_id, const std::string& password_hash);

}  // namespace attune::demo

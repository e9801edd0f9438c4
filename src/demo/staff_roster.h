// The demo school's staff: teachers of every subject, support staff,
// pastoral leads, the SENCO, the designated safeguarding lead, senior
// leaders and an administrator, with varied, fictional UK names.
//
// The first member of each role signs in as `<role>@<domain>` (for example
// teacher@demo.attune.school); the rest as `<initial>.<surname>@<domain>`.
//
// REQUIRES: called inside the school's transaction; `school_id` exists.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "demo/random.h"
#include "model/staff.h"
#include "storage/store.h"

namespace attune::demo {

struct DemoStaffMember {
  Staff staff;       // as saved, with its id
  int subject = -1;  // index into Subjects() for teachers, -1 for everyone else
};

// Adds `teachers` teachers and 14 other staff, all with `password_hash`.
// Returns them in role order (teacher, support, pastoral, senco, dsl,
// senior, admin); within a role the first is the sign-in account.
Result<std::vector<DemoStaffMember>> AddStaff(Store& store, long long school_id,
                                              const std::string& email_domain, int teachers,
                                              const std::string& password_hash, DemoRandom& random);

}  // namespace attune::demo

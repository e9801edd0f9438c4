// Writing a school's plan (plan.h): the school, staff, forms, teaching
// groups, pupils, who is in each group, and the links to the MIS, in that
// order, each new row's id given to the changes that refer to it. A member
// of staff marked left is deactivated and their sign-ins end.
//
// REQUIRES: called inside the store's RunInTransaction, so that a failure
// part way leaves nothing written.
#pragma once

#include <functional>

#include "core/status.h"
#include "import/plan.h"
#include "storage/store.h"

namespace attune::import {

// Told after every hundred rows written, and at the end: how many so far.
using WriteProgress = std::function<void(size_t written)>;

// Writes `plan`; returns the school's id (made when the plan creates it).
Result<long long> ApplyPlan(Store& store, const SchoolPlan& plan,
                            const WriteProgress& progress = nullptr);

}  // namespace attune::import

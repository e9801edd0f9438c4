// The demo school's teaching groups and weekly timetable.
//
// Each year is split into two bands ("x": the first half of its forms, "y":
// the second). A band's groups for a subject are taught at the same time
// (blocked), so each subject can split the band its own way: sets for
// Mathematics, English, Science and French, forms for the rest. Group names
// follow "8x/Ma1".
//
// Every teaching period of the week has a lesson for every group of one
// subject in each band; no teacher and no group is ever in two places at
// once. Teachers keep their groups for the week where they can, mostly
// teaching their own subject, and the first teacher teaches every period.
//
// REQUIRES: called inside the school's transaction; `school_id` exists.
#pragma once

#include <vector>

#include "core/status.h"
#include "demo/random.h"
#include "demo/staff_roster.h"
#include "model/pupil.h"
#include "model/school.h"
#include "storage/store.h"

namespace attune::demo {

// `periods`, `places`, `forms`, `staff` and `pupils` are as the other demo
// builders returned them. REQUIRES: `staff` includes at least
// 10 × `groups_per_band` teachers.
Status AddTimetable(Store& store, long long school_id, const std::vector<Period>& periods,
                    const std::vector<Place>& places, const std::vector<Form>& forms,
                    const std::vector<DemoStaffMember>& staff, const std::vector<Pupil>& pupils,
                    int groups_per_band, DemoRandom& random);

}  // namespace attune::demo

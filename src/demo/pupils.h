// The demo school's roll: forms with their tutors, and pupils in Years 7–11
// with census details, key adults, personal profiles and contacts.
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

// Adds forms "7A", "7B", … ("7A2" after "7Z") for Years 7–11, `forms_per_year` each, tutored by
// the teachers in `staff` in turn. Returns them year by year, in letter order.
Result<std::vector<Form>> AddForms(Store& store, long long school_id, int forms_per_year,
                                   const std::vector<DemoStaffMember>& staff);

// Adds `pupils` pupils spread evenly across the years and, within a year,
// across its forms, each with one or two contacts; about a third with a key
// adult (every pupil with an EHC plan or who is looked after has one), and a
// personal profile for every pupil with SEN or who is looked after and about
// a fifth of the others. Returns the pupils with their ids.
// `forms` is as AddForms returned it.
Result<std::vector<Pupil>> AddPupils(Store& store, long long school_id, int pupils,
                                     const std::vector<Form>& forms,
                                     const std::vector<DemoStaffMember>& staff, DemoRandom& random);

// One fictional pupil of Year `year_group` as the demo school draws them
// (names, date of birth, UPN, sex, census details), not saved: for exports
// written for an MIS import (demo/oneroster_export.h).
Pupil DrawDemoPupil(DemoRandom& random, int year_group);

}  // namespace attune::demo

// The demo school's places: department classrooms, corridors, outdoor
// spaces, the dining hall, regulation spaces, offices and the library.
//
// REQUIRES: called inside the school's transaction; `school_id` exists.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/school.h"
#include "storage/store.h"

namespace attune::demo {

// Adds the places of a school with at least `classrooms` classrooms (a
// large roll gets general classrooms "C1", "C2"… beyond the 31 department
// rooms); returns them with their ids.
Result<std::vector<Place>> AddPlaces(Store& store, long long school_id, int classrooms);

}  // namespace attune::demo

// A class's seating plan (issue 12): checked and saved for the member of
// staff who arranged it. One plan per class, shared by every adult who
// records in that class (the teacher, support staff, cover): the room is the
// same whoever teaches it, so a plan per teacher would leave a support
// assistant or a cover teacher with a different room from the one they see.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/pupil.h"
#include "model/seating.h"
#include "storage/store.h"

namespace attune {

// Reads one seat as sent, "pupil:row:seat" (for example "1204:2:5").
// Invalid (field "seats") when it is not three whole numbers.
Result<Seat> ParseSeat(const std::string& text);

// OK when every seat is for a pupil in `members` (the class), each pupil
// placed once, each row and seat inside the room's grid and no two pupils
// in one seat; otherwise Invalid (field "seats") saying which and why.
Status CheckSeats(const std::vector<Seat>& seats, const std::vector<Pupil>& members);

// Replaces the seating plan of teaching group `group_id` with `seats`
// (empty clears it). REQUIRES: `by` may record (the class page's own
// permission); Forbidden otherwise, NotFound for a class not in by's school.
Status SaveSeatingPlan(Store& store, const Principal& by, long long group_id,
                       const std::vector<Seat>& seats);

}  // namespace attune

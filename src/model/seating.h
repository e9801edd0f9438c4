// A class's seating plan: where each pupil sits in the room, as a cell of
// a grid of kSeatRows rows (the front first) by kSeatColumns seats.
// Pupils without a seat are simply not in the plan.
#pragma once

namespace attune {

// The room's grid. Rows and seats are counted from 1 (row 1 at the front).
inline constexpr int kSeatRows = 8;
inline constexpr int kSeatColumns = 6;

struct Seat {
  long long pupil_id = 0;
  int row = 0;     // 1..kSeatRows
  int column = 0;  // 1..kSeatColumns
};

}  // namespace attune

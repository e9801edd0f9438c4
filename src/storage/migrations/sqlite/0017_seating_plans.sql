-- A class's seating plan (issue 12): where each pupil sits, as a row and a
-- seat in the room's grid (model/seating.h), set by dragging tiles on the
-- class page. One plan per teaching group, shared by every adult in the
-- room (the teacher, support staff, cover), since the room is the same
-- whoever is teaching; who last changed it, and when, is kept.
CREATE TABLE seating_plans (
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES teaching_groups(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  seat_row INTEGER NOT NULL CHECK (seat_row BETWEEN 1 AND 8),
  seat_column INTEGER NOT NULL CHECK (seat_column BETWEEN 1 AND 6),
  updated_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, pupil_id),
  UNIQUE (group_id, seat_row, seat_column)
);

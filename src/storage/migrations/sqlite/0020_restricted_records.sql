-- The school's restricted records, apart (issue 12): a long list of what
-- belongs to records (the team's queue) leaves out those of records the
-- reader may not read by finding this small set once (readable.h,
-- ATTUNE_SQL_NOT_HIDDEN) instead of joining each item to its record.
-- (restricted leads after the school so the planner sees two equalities
-- and takes this index over the school/time index, which also covers.)
CREATE INDEX incidents_restricted ON incidents(school_id, restricted, id, visible_to)
  WHERE restricted = 1;

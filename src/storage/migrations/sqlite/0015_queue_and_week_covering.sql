-- Two indexes that carry every column their pages read, so thousands of rows
-- are counted from the index alone, without a look-up of each row
-- (docs/performance.md, "Pages at a large school's scale"). Each keeps the
-- old index's columns first, so what used the old one still can.
--
-- The team's follow-up queue counts and pages every open action on each
-- view: kind, assignee, record and pupil.
DROP INDEX actions_open;
CREATE INDEX actions_queue
    ON actions(school_id, status, due_at, kind, assignee_role, assignee_staff_id, incident_id,
               pupil_id);
-- A senior leader's "My day" counts the week's records by class, concerns
-- and physical interventions, as the reader may read them.
DROP INDEX incidents_school_at;
CREATE INDEX incidents_school_at
    ON incidents(school_id, occurred_at, behaviour_class, safeguarding, physical_intervention,
                 restricted, visible_to);

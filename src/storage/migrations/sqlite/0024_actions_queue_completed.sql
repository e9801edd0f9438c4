-- Insight's repair within the policy's time reads, for every follow-up due
-- in its window, when it was done: with completed_at the follow-up queue's
-- index carries every column that question reads, so a large school's
-- five years of follow-ups are read from the index alone. The old columns
-- stay first, so the queue uses it as before.
DROP INDEX actions_queue;
CREATE INDEX actions_queue
    ON actions(school_id, status, due_at, kind, assignee_role, assignee_staff_id, incident_id,
               pupil_id, completed_at);

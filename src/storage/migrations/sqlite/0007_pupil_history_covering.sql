-- A pupil's history as the decision engine reads it on every record, from
-- one index range and nothing else: each record's recognition is copied to
-- the pupils involved, and the history index carries every column the
-- engine reads (docs/performance.md, "Recording an incident"). The index
-- keeps (pupil_id, occurred_at) first, so what used the old one still can.
ALTER TABLE incident_pupils ADD COLUMN reward TEXT NOT NULL DEFAULT '';
UPDATE incident_pupils
   SET reward = (SELECT i.reward FROM incidents i WHERE i.id = incident_pupils.incident_id)
 WHERE role = 'involved';
DROP INDEX incident_pupils_history;
CREATE INDEX incident_pupils_history
    ON incident_pupils(pupil_id, occurred_at, role, school_id, category, step, reward, points);

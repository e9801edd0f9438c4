-- Insight's outcomes over time (issue 14): physical interventions,
-- consequences and suspensions month by month, each found from its own few
-- rows rather than by reading every record of the window (a 2,000-pupil
-- school keeps about 600,000 records over five years).
--
-- A consequence keeps its record's school and time, as incident_pupils
-- does, so that a school's consequences in a month are one index range.
ALTER TABLE consequences ADD COLUMN school_id INTEGER;
ALTER TABLE consequences ADD COLUMN occurred_at INTEGER;
UPDATE consequences
   SET school_id = (SELECT i.school_id FROM incidents i WHERE i.id = consequences.incident_id),
       occurred_at = (SELECT i.occurred_at FROM incidents i WHERE i.id = consequences.incident_id);
CREATE INDEX consequences_school_at
    ON consequences(school_id, occurred_at, consequence, incident_id);

-- Records with a physical intervention: a few in a thousand.
CREATE INDEX incidents_physical ON incidents(school_id, occurred_at)
  WHERE physical_intervention = 1;

-- Suspensions decided, by the day they start.
CREATE INDEX suspensions_school_start ON suspensions(school_id, outcome, starts_on);

-- Plans ended, by the day they ended.
CREATE INDEX plans_school_ended ON plans(school_id, ends_on, plan, outcome, pupil_id)
  WHERE status = 'ended';

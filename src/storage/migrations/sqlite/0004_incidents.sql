-- Recording and responding: incidents (prosocial notes as much as distress)
-- with the pupils in them, the follow-up actions the policy required,
-- consequences, the statutory records of physical intervention and
-- suspension, escalations proposed and plans started, restorative
-- conversations and repairs, and contact with parents and carers.
-- Every incident keeps the policy version in force when it was made.

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  policy_version_id INTEGER NOT NULL REFERENCES policy_versions(id),
  category TEXT NOT NULL,           -- category id in that policy version
  behaviour_class TEXT NOT NULL CHECK (behaviour_class IN ('prosocial', 'low_level', 'difficult', 'dangerous')),
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  place TEXT NOT NULL DEFAULT '',
  lesson TEXT NOT NULL DEFAULT '',
  antecedent TEXT NOT NULL DEFAULT '',
  behaviour TEXT NOT NULL DEFAULT '',
  response TEXT NOT NULL DEFAULT '',
  perceived_function TEXT NOT NULL DEFAULT '',
  others_involved TEXT NOT NULL DEFAULT '',   -- comma list: peers, staff, unknown
  tally INTEGER NOT NULL DEFAULT 0,
  safeguarding INTEGER NOT NULL DEFAULT 0,
  restricted INTEGER NOT NULL DEFAULT 0,
  visible_to TEXT NOT NULL DEFAULT '',        -- comma list of roles when restricted
  physical_intervention INTEGER NOT NULL DEFAULT 0,
  reward TEXT NOT NULL DEFAULT '',
  repair_due_at INTEGER,                      -- when the policy wants repair by
  repaired_at INTEGER,
  closed_at INTEGER
);
CREATE INDEX incidents_school_at ON incidents(school_id, occurred_at);

CREATE TABLE incident_pupils (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('involved', 'affected', 'witness')),
  step TEXT NOT NULL DEFAULT '',
  points INTEGER NOT NULL DEFAULT 0,
  -- copies of the incident's, so a pupil's history is one index range
  occurred_at INTEGER NOT NULL,
  category TEXT NOT NULL,
  PRIMARY KEY (incident_id, pupil_id)
);
CREATE INDEX incident_pupils_history ON incident_pupils(pupil_id, occurred_at);

CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER REFERENCES pupils(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  assignee_role TEXT NOT NULL,
  assignee_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  due_at INTEGER,
  description TEXT NOT NULL DEFAULT '',
  because TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  outcome TEXT NOT NULL DEFAULT '',
  completed_at INTEGER,
  completed_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX actions_open ON actions(school_id, status, due_at);
CREATE INDEX actions_incident ON actions(incident_id);

CREATE TABLE consequences (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  consequence TEXT NOT NULL,
  protective INTEGER NOT NULL,
  on_date TEXT
);
CREATE INDEX consequences_incident ON consequences(incident_id);

-- The statutory record of a physical intervention (DESIGN.md §3).
CREATE TABLE physical_interventions (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL,
  staff_involved TEXT NOT NULL DEFAULT '',
  before TEXT NOT NULL DEFAULT '',
  de_escalation TEXT NOT NULL DEFAULT '',
  hold TEXT NOT NULL DEFAULT '',
  duration_minutes INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  injuries TEXT NOT NULL DEFAULT '',
  support_after TEXT NOT NULL DEFAULT '',
  parent_notice_would_harm INTEGER NOT NULL DEFAULT 0,
  notice_text TEXT NOT NULL DEFAULT '',
  notice_sent_at INTEGER
);

-- A formal suspension: up to three DfE reason codes, no free text.
CREATE TABLE suspensions (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL,
  reason_codes TEXT NOT NULL DEFAULT '',      -- comma list, 0 to 3 codes
  decided_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  decided_at INTEGER,
  starts_on TEXT,
  school_days INTEGER NOT NULL DEFAULT 0,
  parent_notice_at INTEGER,
  la_notice_at INTEGER
);

CREATE TABLE escalations (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  escalation TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '',
  step TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'started', 'declined')),
  created_at INTEGER NOT NULL
);
CREATE INDEX escalations_pupil ON escalations(pupil_id, status);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  plan TEXT NOT NULL,                         -- plan id in the policy
  name TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  started_on TEXT NOT NULL,
  ends_on TEXT,
  review_on TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'successful', 'unsuccessful')),
  escalation_id INTEGER REFERENCES escalations(id) ON DELETE SET NULL,
  started_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX plans_pupil ON plans(pupil_id, status);

CREATE TABLE restorative_conversations (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  led_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  adult_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  held_at INTEGER NOT NULL,
  shuttle INTEGER NOT NULL DEFAULT 0,
  harmed TEXT NOT NULL DEFAULT '',            -- who was harmed, in words
  pupil_answers TEXT NOT NULL DEFAULT '[]',   -- JSON array, one per prompt
  harmed_answers TEXT NOT NULL DEFAULT '[]',
  agreement TEXT NOT NULL DEFAULT '',
  review_on TEXT,
  repaired INTEGER NOT NULL DEFAULT 0,
  repaired_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX restorative_incident ON restorative_conversations(incident_id);
CREATE INDEX restorative_pupil ON restorative_conversations(pupil_id);

CREATE TABLE contact_log (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
  action_id INTEGER REFERENCES actions(id) ON DELETE SET NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('phone_call', 'meeting', 'home_visit', 'letter', 'positive_note')),
  note TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL
);
CREATE INDEX contact_log_pupil ON contact_log(pupil_id, at);

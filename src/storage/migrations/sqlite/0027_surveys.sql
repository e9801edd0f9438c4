-- Pupil voice surveys (issue 15, decision 0027): a school writes a
-- short survey, runs it for a form or a year group with a one-time code per
-- pupil, and sees the answers anonymised.
--
-- Anonymity is kept by what is NOT stored: a code row holds only the hash of
-- the code, its run and the pupil's year group and form as of the run, never
-- the pupil; a response row holds its run, that year group and form and the
-- day it was given, never the code or the pupil. Nothing links a used code to
-- the response it gave.
CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  created_by_staff_id INTEGER REFERENCES staff(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX surveys_by_school ON surveys(school_id, id);

-- A survey's questions in order. kind: faces (3 or 5 faces), scale (1-5),
-- choice (options, one per line), words (a short free answer). A survey is
-- not changed once written, so that its runs compare over time.
CREATE TABLE survey_questions (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('faces', 'scale', 'choice', 'words')),
  faces INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL DEFAULT '',
  UNIQUE (survey_id, position)
);

-- A survey run for one form (form_id) or one year group (year_group).
CREATE TABLE survey_runs (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  form_id INTEGER REFERENCES forms(id),
  year_group INTEGER,
  group_label TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  opened_by_staff_id INTEGER REFERENCES staff(id),
  closed_at INTEGER,
  closed_by_staff_id INTEGER REFERENCES staff(id)
);
CREATE INDEX survey_runs_by_survey ON survey_runs(school_id, survey_id, id);

-- One code per pupil on roll when the run started: only its hash. `used` is
-- set once, when its answers are saved; when is not kept.
CREATE TABLE survey_codes (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES survey_runs(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  year_group INTEGER NOT NULL,
  form_name TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX survey_codes_by_run ON survey_codes(run_id, used);

-- One row per pupil who answered; no pupil, no code.
CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES survey_runs(id) ON DELETE CASCADE,
  year_group INTEGER NOT NULL,
  form_name TEXT NOT NULL,
  answered_on TEXT NOT NULL
);
CREATE INDEX survey_responses_by_run ON survey_responses(run_id);

-- A response's answer to one question: `choice` 1..n for faces, scale and
-- choice questions; `words` for a words question.
CREATE TABLE survey_answers (
  response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
  choice INTEGER,
  words TEXT,
  PRIMARY KEY (response_id, question_id)
);
CREATE INDEX survey_answers_by_question ON survey_answers(question_id, choice);

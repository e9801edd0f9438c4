// attune policy check / explain / simulate, run as a school would run them.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN } = require('../support/server');

const root = path.resolve(__dirname, '../..');
const policies = fs.readdirSync(path.join(root, 'policies')).filter((f) => f.endsWith('.toml'));
const run = (args) => spawnSync(BIN, args, { encoding: 'utf8' });

test('every shipped policy passes policy check', () => {
  assert.ok(policies.length >= 4);
  for (const p of policies) {
    const r = run(['policy', 'check', path.join(root, 'policies', p)]);
    assert.equal(r.status, 0, `${p}: ${r.stderr}`);
    assert.match(r.stdout, /valid/);
  }
});

test('a corrupted copy fails with file:line:column and what was expected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-policy-'));
  const text = fs.readFileSync(path.join(root, 'policies/004_blue_sky_learning.toml'), 'utf8');
  const broken = text.replace('default_step = "attunement"', 'default_step = "atunement"');
  const file = path.join(dir, 'broken.toml');
  fs.writeFileSync(file, broken);
  const line = broken.slice(0, broken.indexOf('default_step = "atunement"')).split('\n').length;
  const r = run(['policy', 'check', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`broken\\.toml:${line}:\\d+: error: .*found "atunement", expected one of the steps' ids`));
  fs.writeFileSync(file, 'format = 1\n[school\n');
  const syntax = run(['policy', 'check', file]);
  assert.equal(syntax.status, 1);
  assert.match(syntax.stderr, /broken\.toml:2:\d+: error: not valid TOML/);
  assert.equal(run(['policy', 'check', path.join(dir, 'missing.toml')]).status, 1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('explain says the policy in the school\'s words', () => {
  const r = run(['policy', 'explain', path.join(root, 'policies/004_blue_sky_learning.toml')]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Blue Sky Learning/);
  assert.match(r.stdout, /Time In/);
  assert.match(r.stdout, /formal suspension/);
});

test('simulate prints a weekly workload table, and compares two policies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-sim-'));
  const db = path.join(dir, 'attune.db');
  const csv = path.join(dir, 'history.csv');
  assert.equal(run(['demo', 'generate', '--db', db, '--pupils', '100']).status, 0);
  const made = run(['demo', 'history', '--db', db, '--to', csv, '--days', '20']);
  assert.equal(made.status, 0, made.stderr);
  const one = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'), '--from', csv, '--db', db]);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /Weekly workload of Blue Sky Learning/);
  assert.match(one.stdout, /action: Phone call home/);
  const two = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'),
    '--against', path.join(root, 'policies/003_learning_partnership_west.toml'), '--from', csv, '--db', db]);
  assert.equal(two.status, 0, two.stderr);
  assert.match(two.stdout, /\(left\) against Learning Partnership West/);
  fs.writeFileSync(csv, 'pupil,at,category\n1,yesterday,x\n');
  const bad = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'), '--from', csv, '--db', db]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /line 2, column 'at'/);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Issue 11: the history names the policy's categories and plan outcomes,
// so escalations counted by category and those after a plan that did not
// help are replayed, from CSV and from a database.
test('demo history carries category ids and plan outcomes, and simulate replays them', () => {
  const { execFileSync } = require('node:child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-sim-'));
  const db = path.join(dir, 'attune.db');
  const csv = path.join(dir, 'history.csv');
  assert.equal(run(['demo', 'generate', '--db', db, '--pupils', '120']).status, 0);
  const made = run(['demo', 'history', '--db', db, '--to', csv, '--days', '30']);
  assert.equal(made.status, 0, made.stderr);
  const text = fs.readFileSync(csv, 'utf8');
  assert.match(text.split('\n')[0], /^pupil,at,category,class,sen,plan,outcome$/);
  // The demo school's policy is seed 004's: its own category ids, not classes.
  assert.match(text, /,low_level_disruption,low_level,/);
  assert.doesNotMatch(text, /,low_level,low_level,/);
  assert.match(text, /,,,[NKE],daily_positive_reporting,unsuccessful\n/);
  const sim = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'), '--from', csv, '--db', db]);
  assert.equal(sim.status, 0, sim.stderr);
  const row = (name) => sim.stdout.split('\n').find((l) => l.startsWith(name)) || '';
  const total = (line) => Number(line.trim().split(/\s+/).pop());
  assert.ok(total(row('plans ended')) > 0, sim.stdout);
  assert.ok(total(row('proposes: Wellbeing Action Plan (WAP)')) > 0, sim.stdout);

  // From the database: a plan that ended without success is replayed too.
  const sql = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
  const pupil = sql('SELECT pupil_id FROM incident_pupils ORDER BY occurred_at LIMIT 1');
  // The demo's own plans that ended (src/demo/plans.h), and one more.
  const ended = Number(sql("SELECT COUNT(*) FROM plans WHERE status = 'ended'"));
  sql(`INSERT INTO plans (school_id, pupil_id, plan, name, started_on, ends_on, status, outcome, created_at)
       SELECT school_id, id, 'daily_positive_reporting', 'Daily Positive Reporting', '2026-01-05', '2026-01-16',
              'ended', 'unsuccessful', 0 FROM pupils WHERE id = ${pupil}`);
  const fromDb = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'), '--from', db]);
  assert.equal(fromDb.status, 0, fromDb.stderr);
  assert.match(fromDb.stdout, new RegExp(`Replaying \\d+ recorded records and ${ended + 1} plan outcomes from`));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a policy for a school unlike the shipped four checks; its mistakes say what to do', () => {
  const file = path.join(root, 'tests/policy_cases/policies/002_hollybank_colour_bands.toml');
  const ok = run(['policy', 'check', file]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /valid \(Hollybank Community School: 10 categories, 5 steps, 0 warning\(s\)\)/);
  const explain = run(['policy', 'explain', file]);
  assert.match(explain.stdout, /How we describe behaviour/);
  assert.doesNotMatch(explain.stdout, /exclusion/i);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-policy-'));
  const broken = path.join(dir, 'broken.toml');
  fs.writeFileSync(broken, fs.readFileSync(file, 'utf8')
    .replace('default_step = "quiet_word"', 'defualt_step = "quiet_word"')
    .replace('window = "marking_period"', 'window = "marking period"'));
  const r = run(['policy', 'check', broken]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /unknown key 'defualt_step' in \[\[categories\]\]: did you mean 'default_step'\?/);
  assert.match(r.stderr, /found "marking period", expected one of: lesson, day, week, half_term, term, school_year, marking_period, .*\(did you mean 'marking_period'\?\)/);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Plans a school writes for itself (issue 13): Hollybank, unlike the four
// shipped schools (tests/policy_cases/policies/002_hollybank_colour_bands.toml),
// has a learning agreement with check-ins and signatures, a Restart day with
// a notice due by 15:30 the school day before, and a team debrief kept to
// the staff involved and senior leaders. Its policy is uploaded through the
// pages; the test then dates it back, as a school that has run it for a
// month, so that plans can start on days that have passed.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays, londonToday } = require('../support/school_days');
const { bringIntoForce } = require('../support/policies');

const root = path.resolve(__dirname, '../..');
const policyText = fs.readFileSync(
  path.join(root, 'tests/policy_cases/policies/002_hollybank_colour_bands.toml'), 'utf8');

let server, days, since;
let api;
test.before(async () => {
  server = await startServer({ pupils: 40 });
  days = schoolDays(server);
  api = apiAs(server, tokensFor(server, ['teacher', 'support', 'pastoral', 'senior', 'dsl']));
  const admin = new Browser(server.base);
  await admin.signIn('admin@demo.attune.school');
  const id = await bringIntoForce(admin, policyText, 'Hollybank');
  since = days.after(days.previous(days.latest()), 0);
  for (let i = 0; i < 12; i++) since = days.previous(since);
  server.sql(`UPDATE policy_versions SET active_from = '${since}' WHERE id = ${id}`);
});
test.after(async () => { await server.stop(); });

const n = (q) => Number(server.sql(q));
const pupil = (k) => n(`SELECT id FROM pupils WHERE school_id = 1 ORDER BY id LIMIT 1 OFFSET ${k}`);

test('a learning agreement: started by a tutor, check-ins every three school days as actions, signatures recorded', async () => {
  const start = days.after(since, 2);
  const made = await api('teacher', '/api/v1/plans', {
    pupil_id: pupil(2), type: 'learning_agreement', starts_on: start,
    fields: { promises: ['Bring my planner', { target: 'Ask for help with fractions', responsible: 'Ms Ray' }], colour_now: 'Amber' },
  });
  assert.equal(made.status, 201, made.text);
  const plan = made.json;
  assert.equal(plan.check_in_on, days.after(start, 3));
  assert.equal(n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${plan.id} AND kind = 'plan_check_in' AND status = 'open' AND assignee_role = 'pastoral'`), 1,
    'the check-in is the Learning Community Manager\'s action');
  // An agreed timescale of its own.
  const own = await api('teacher', '/api/v1/plans', { pupil_id: pupil(3), type: 'learning_agreement', starts_on: start, check_in_every_school_days: 2, fields: { promises: ['Be on time'] } });
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json.check_in_on, days.after(start, 2));
  // A check-in on the day moves the next one on and closes the action.
  const checkIn = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: days.after(start, 3), fields: { kept: true } });
  assert.equal(checkIn.status, 201, checkIn.text);
  assert.equal(checkIn.json.check_in_on, days.after(start, 6));
  assert.equal(n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${plan.id} AND kind = 'plan_check_in' AND status = 'done'`), 1);
  const notBool = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: days.after(start, 3), fields: { kept: 'yes' } });
  assert.equal(notBool.status, 422);
  assert.equal(notBool.json.error.field, 'fields.kept');
  // Signatures: the pupil's and the optional parent's; a head of year is not a signatory.
  const signed = await api('teacher', `/api/v1/plans/${plan.id}/signatures`, { who: 'pupil', name: 'Sam Ward', on: start });
  assert.equal(signed.status, 201, signed.text);
  assert.deepEqual(signed.json.signatures.map((s) => [s.who, s.name, s.on]), [['pupil', 'Sam Ward', start]]);
  const parent = await api('pastoral', `/api/v1/plans/${plan.id}/signatures`, { who: 'parent', name: 'Jo Ward', on: start });
  assert.equal(parent.status, 201, parent.text);
  const wrong = await api('teacher', `/api/v1/plans/${plan.id}/signatures`, { who: 'senior', name: 'Mr Head', on: start });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.json.error.field, 'who');
  const nameless = await api('teacher', `/api/v1/plans/${plan.id}/signatures`, { who: 'teacher', name: '  ', on: start });
  assert.equal(nameless.status, 422);
  assert.equal(nameless.json.error.field, 'name');
  const support = await api('support', `/api/v1/plans/${plan.id}/signatures`, { who: 'teacher', name: 'Ms Ray', on: start });
  assert.equal(support.status, 403, 'the policy lets tutors and the LCM record them');
});

test('a Restart day needs its notice by 15:30 the school day before: too late is refused with the earliest day', async () => {
  // Starting on a day whose notice time has long passed.
  const past = days.after(since, 4);
  const late = await api('senior', '/api/v1/plans', { pupil_id: pupil(4), type: 'restart_day', starts_on: past, fields: { arrive: '08:45' } });
  assert.equal(late.status, 422, late.text);
  assert.equal(late.json.error.field, 'starts_on');
  assert.match(late.json.error.message, /15:30 on the school day before/);
  assert.match(late.json.error.message, /The earliest day still possible is/);
  // The first school day after the next one is always still possible.
  const ok = days.next(days.next(londonToday()));
  const made = await api('senior', '/api/v1/plans', { pupil_id: pupil(4), type: 'restart_day', starts_on: ok, fields: { arrive: '08:45' } });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.ends_on, ok, 'one day');
  const kinds = server.sql(`SELECT kind FROM actions WHERE plan_id = ${made.json.id}`);
  assert.equal(kinds, 'inform_home', 'the notice to the family is its one action');
  const dueDay = server.sql(`SELECT date(due_at, 'unixepoch') FROM actions WHERE plan_id = ${made.json.id} AND kind = 'inform_home'`);
  assert.equal(dueDay, days.previous(ok));
});

test('a team debrief is kept to the staff involved and senior leaders, in every list', async () => {
  // The teacher records dangerous behaviour: the policy asks for a debrief.
  const rec = await api('teacher', '/api/v1/incidents', { pupils: [{ id: pupil(7), role: 'involved' }], category: 'hurting' });
  assert.equal(rec.status, 201, rec.text);
  assert.ok(n(`SELECT COUNT(*) FROM actions WHERE incident_id = ${rec.json.id} AND kind = 'debrief' AND assignee_role = 'senior'`) === 1,
    'a debrief action for the head of year (senior)');
  const made = await api('senior', '/api/v1/plans', {
    pupil_id: pupil(7), type: 'team_debrief', starts_on: days.latest() < since ? since : days.latest(),
    fields: { about: [rec.json.id], what_helped: 'Giving space, then a quiet walk' },
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  assert.equal((await api('teacher', `/api/v1/plans/${id}`)).status, 200, 'the teacher who recorded it was involved');
  for (const role of ['pastoral', 'dsl', 'support']) {
    assert.equal((await api(role, `/api/v1/plans/${id}`)).status, 404, role);
    const list = await api(role, `/api/v1/pupils/${pupil(7)}/plans`);
    assert.ok(!list.json.plans.some((p) => p.id === id), `${role}: not in the pupil's plans`);
    const all = await api(role, '/api/v1/plans?status=all&type=team_debrief');
    assert.equal(all.json.plans.length, 0, `${role}: not in the school's plans`);
  }
  await server.settle();
  assert.ok(n(`SELECT COUNT(*) FROM audit_log WHERE action = 'plan.read' AND subject_id = ${id}`) >= 1, 'reads of it are audited');
});

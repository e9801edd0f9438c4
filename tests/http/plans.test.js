// Pupils' plans over the JSON API (issue 13), on the demo school's policy
// (seed 004): Daily Positive Reporting started by a senior leader, written
// each day by the class teacher, reviewed weekly, ended as not succeeding;
// the Wellbeing Action Plan with its first meeting and four-weekly reviews,
// each review an action in My actions. Every refusal is a 422 naming the
// field, and nothing already saved is lost. Counts are read from the SQLite
// file itself.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays } = require('../support/school_days');

let server, days;
let api;
test.before(async () => {
  server = await startServer({ pupils: 40 });
  days = schoolDays(server);
  api = apiAs(server, tokensFor(server, ['teacher', 'support', 'pastoral', 'senior', 'admin', 'dsl']));
});
test.after(async () => { await server.stop(); });

const n = (query) => Number(server.sql(query));
const pupil = (k) => Number(server.sql(`SELECT id FROM pupils WHERE school_id = 1 ORDER BY id LIMIT 1 OFFSET ${k}`));
const openActions = (plan, kind) => n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${plan} AND kind = '${kind}' AND status = 'open'`);

test('Daily Positive Reporting: refused beyond two weeks and to a teacher; a week of entries, a weekly review, and an end as not succeeding', async () => {
  const child = pupil(3);
  const start = days.after(days.previous(days.previous(days.previous(days.previous(days.latest())))), 0);
  const plansBefore = n('SELECT COUNT(*) FROM plans');
  // Beyond the policy's two weeks: refused, naming the last possible day.
  const tooLong = await api('senior', '/api/v1/plans', {
    pupil_id: child, type: 'daily_positive_reporting', starts_on: start,
    ends_on: days.after(start, 10), fields: { slt: 'Mrs Okafor' },
  });
  assert.equal(tooLong.status, 422, tooLong.text);
  assert.equal(tooLong.json.error.field, 'ends_on');
  assert.match(tooLong.json.error.message, /at most 10 school days/);
  // The policy gives starting it to senior leaders.
  const teacher = await api('teacher', '/api/v1/plans', { pupil_id: child, type: 'daily_positive_reporting', starts_on: start, fields: { slt: 'Mrs Okafor' } });
  assert.equal(teacher.status, 403, teacher.text);
  // A required field missing, an unknown field, a field of the wrong type: each named.
  const missing = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'daily_positive_reporting', starts_on: start, fields: {} });
  assert.equal(missing.status, 422);
  assert.equal(missing.json.error.field, 'fields.slt');
  const unknown = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'daily_positive_reporting', starts_on: start, fields: { slt: 'Mrs Okafor', mood: 'ok' } });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.json.error.field, 'fields.mood');
  assert.match(unknown.json.error.message, /no field 'mood'/);
  const wrongType = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'daily_positive_reporting', starts_on: start, fields: { slt: 42 } });
  assert.equal(wrongType.status, 422);
  assert.equal(wrongType.json.error.field, 'fields.slt');
  const badType = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'sticker_chart', starts_on: start });
  assert.equal(badType.status, 422);
  assert.equal(badType.json.error.field, 'type');
  assert.equal(n('SELECT COUNT(*) FROM plans'), plansBefore, 'nothing saved by a refusal');

  const made = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'daily_positive_reporting', starts_on: start, fields: { slt: 'Mrs Okafor', lsa: 'Mr Hale' } });
  assert.equal(made.status, 201, made.text);
  const plan = made.json;
  assert.equal(plan.type, 'daily_positive_reporting');
  assert.equal(plan.ends_on, days.after(start, 9), 'runs ten school days by default');
  assert.equal(plan.review_on, days.after(start, 5));
  assert.deepEqual(plan.fields, { slt: 'Mrs Okafor', lsa: 'Mr Hale' });
  assert.equal(openActions(plan.id, 'plan_review'), 1, 'the weekly review is an action');
  assert.equal(openActions(plan.id, 'plan_end'), 1, 'the decision at the end is an action');
  const due = server.sql(`SELECT strftime('%Y-%m-%d', due_at, 'unixepoch') FROM actions WHERE plan_id = ${plan.id} AND kind = 'plan_review'`);
  assert.equal(due, days.after(start, 5));

  // The class teacher writes each day up to today.
  let day = start, written = 0;
  while (day <= days.latest()) {
    const entry = await api('teacher', `/api/v1/plans/${plan.id}/entries`, {
      on: day, fields: { target_for_today: `Line up calmly (${day})`, pleased_to_notice: 'You waited your turn at the sink.' },
    });
    assert.equal(entry.status, 201, entry.text);
    written++;
    day = days.next(day);
  }
  // Writing a day again replaces it; a weekend, a future day, a missing field are refused.
  const again = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: start, fields: { target_for_today: 'Say good morning', pleased_to_notice: 'You helped tidy up.' } });
  assert.equal(again.status, 201);
  assert.equal(again.json.entries.length, written);
  assert.equal(again.json.entries[0].fields.pleased_to_notice, 'You helped tidy up.');
  const weekend = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: days.closedDay(), fields: { pleased_to_notice: 'x' } });
  assert.equal(weekend.status, 422);
  assert.equal(weekend.json.error.field, 'on');
  const future = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: days.next(days.latest()), fields: { pleased_to_notice: 'x' } });
  assert.equal(future.status, 422);
  const noNotice = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: start, fields: { target_for_today: 'x' } });
  assert.equal(noNotice.status, 422);
  assert.equal(noNotice.json.error.field, 'fields.pleased_to_notice');
  // The latest target is the one shown while recording.
  const read = await api('teacher', `/api/v1/plans/${plan.id}`);
  assert.match(read.json.target, new RegExp(`\\(${days.latest()}\\)`));

  // The weekly views: not the office administrator's, and a teacher may not end it.
  const adminReview = await api('admin', `/api/v1/plans/${plan.id}/reviews`, { on: days.latest(), fields: {} });
  assert.equal(adminReview.status, 403);
  const review = await api('teacher', `/api/v1/plans/${plan.id}/reviews`, {
    on: days.latest(), fields: { pupil_doing_well: 'Waiting for my turn', others_doing_well: { text: 'Kinder at lunch', given_by: 'Mrs Ade (lunchtime)' } },
  });
  assert.equal(review.status, 201, review.text);
  assert.deepEqual(review.json.reviews[0].fields.pupil_doing_well, { text: 'Waiting for my turn', given_by: 'pupil' });
  assert.equal(review.json.reviews[0].fields.others_doing_well.given_by, 'Mrs Ade (lunchtime)');
  assert.equal(n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${plan.id} AND kind = 'plan_review' AND status = 'done'`), 1,
    'writing the review completed its action');
  assert.equal(review.json.review_on, days.after(days.latest(), 5), 'the next week\'s views');
  const teacherEnd = await api('teacher', `/api/v1/plans/${plan.id}/end`, { on: days.latest(), outcome: 'unsuccessful', fields: { next_steps: 'x' } });
  assert.equal(teacherEnd.status, 403);

  // Senior leaders end it as not succeeding: its open actions close.
  const badOutcome = await api('senior', `/api/v1/plans/${plan.id}/end`, { on: days.latest(), outcome: 'failed', fields: { next_steps: 'x' } });
  assert.equal(badOutcome.status, 422);
  assert.equal(badOutcome.json.error.field, 'outcome');
  const ended = await api('senior', `/api/v1/plans/${plan.id}/end`, { on: days.latest(), outcome: 'unsuccessful', fields: { next_steps: 'A Wellbeing Action Plan meeting with home' } });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.status, 'ended');
  assert.equal(ended.json.outcome, 'unsuccessful');
  assert.equal(n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${plan.id} AND status = 'open'`), 0);
  const late = await api('teacher', `/api/v1/plans/${plan.id}/entries`, { on: days.latest(), fields: { pleased_to_notice: 'x' } });
  assert.equal(late.status, 409);
  const list = await api('teacher', `/api/v1/pupils/${child}/plans`);
  assert.equal(list.status, 200);
  assert.equal(list.json.plans.find((p) => p.id === plan.id).outcome, 'unsuccessful');
});

test('the Wellbeing Action Plan: its first meeting links only the pupil\'s own records, and each review sets the next four weeks on', async () => {
  const child = pupil(5), other = pupil(6);
  const start = days.previous(days.latest());
  const theirs = n(`SELECT COUNT(*) FROM incident_pupils WHERE pupil_id = ${child}`) > 0
    ? n(`SELECT MIN(incident_id) FROM incident_pupils WHERE pupil_id = ${child}`) : 0;
  const otherRecord = await api('teacher', '/api/v1/incidents', { pupils: [{ id: other, role: 'involved' }], category: 'kindness', occurred_at: `${start} 10:00` });
  assert.equal(otherRecord.status, 201, otherRecord.text);
  const first = {
    date_of_first_meeting: start, aim: 'Feel settled at lunchtimes',
    people_invited: ['Mum', 'Mr Hale (LSA)', 'Mrs Okafor (SLT)'], apologies: ['Dad'],
    parental_view: { text: 'He worries about the dinner hall', given_by: 'Mum' },
    targets: [{ target: 'Use the calm corner when worried', responsible: 'Mr Hale' }, 'Tell an adult when the hall is too loud'],
    mentor: 'Miss Lane', incidents: [otherRecord.json.id],
  };
  const refused = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'wap', starts_on: start, fields: first });
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.json.error.message, /not one of this pupil's records/);
  first.incidents = theirs ? [theirs] : [];
  const made = await api('senior', '/api/v1/plans', { pupil_id: child, type: 'wap', starts_on: start, fields: first });
  assert.equal(made.status, 201, made.text);
  const wap = made.json;
  assert.equal(wap.review_on, days.after(start, 20), 'reviewed twenty school days (four weeks) on');
  assert.equal(wap.ends_on, null, 'a WAP has no longest time in the policy');
  assert.equal(wap.fields.targets[1].target, 'Tell an adult when the hall is too loud');
  assert.equal(wap.fields.parental_view.given_by, 'Mum');
  assert.equal(openActions(wap.id, 'plan_review'), 1);
  const [role, label] = server.sql(`SELECT assignee_role, label FROM actions WHERE plan_id = ${wap.id} AND kind = 'plan_review'`).split('|');
  const action = { role, label };
  assert.equal(action.role, 'senior');
  assert.match(action.label, /Wellbeing Action Plan/);
  // The action is in the senior leader's My actions, linked to the plan.
  const mine = await api('senior', '/api/v1/actions?scope=mine&status=open');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.actions.some((a) => a.plan_id === wap.id && a.kind === 'plan_review'), 'in My actions');
  // Marked done with a note? No: it is done by writing the review.
  const actionId = n(`SELECT id FROM actions WHERE plan_id = ${wap.id} AND kind = 'plan_review'`);
  const note = await api('senior', `/api/v1/actions/${actionId}/complete`, { outcome: 'done' });
  assert.equal(note.status, 422);
  assert.match(note.json.error.message, /done on the plan/);
  // A review before the plan starts is refused; a pastoral lead may not review a WAP here.
  const early = await api('senior', `/api/v1/plans/${wap.id}/reviews`, { on: days.previous(start), fields: { date_of_interim_meeting: start } });
  assert.equal(early.status, 422);
  assert.equal(early.json.error.field, 'on');
  const pastoral = await api('pastoral', `/api/v1/plans/${wap.id}/reviews`, { on: days.latest(), fields: { date_of_interim_meeting: days.latest() } });
  assert.equal(pastoral.status, 403);
  const review = await api('senior', `/api/v1/plans/${wap.id}/reviews`, {
    on: days.latest(), fields: { date_of_interim_meeting: days.latest(), summary_of_discussion: 'Calmer at lunch', progress_towards_targets: [{ target: 'Use the calm corner when worried', progress: 'Most days' }] },
  });
  assert.equal(review.status, 201, review.text);
  assert.equal(review.json.review_on, days.after(days.latest(), 20));
  assert.equal(openActions(wap.id, 'plan_review'), 1, 'the next review replaces the one done');
  assert.equal(n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${wap.id} AND kind = 'plan_review' AND status = 'done'`), 1);
  await server.settle();
  assert.equal(n(`SELECT COUNT(*) FROM audit_log WHERE action = 'plan.review' AND subject_id = ${wap.id}`), 1);
});

test('plans of another school\'s pupil, or that do not exist, are 404; bad bodies are 4xx with the member named', async () => {
  assert.equal((await api('teacher', '/api/v1/pupils/999999/plans')).status, 404);
  assert.equal((await api('teacher', '/api/v1/plans/999999')).status, 404);
  const start = days.latest();
  assert.equal((await api('senior', '/api/v1/plans', { pupil_id: 999999, type: 'wap', starts_on: start })).status, 404);
  const extra = await api('senior', '/api/v1/plans', { pupil_id: pupil(1), type: 'wap', starts_on: start, colour: 'red' });
  assert.equal(extra.status, 422);
  assert.equal(extra.json.error.field, 'colour');
  const notObject = await api('senior', '/api/v1/plans', { pupil_id: pupil(1), type: 'wap', starts_on: start, fields: ['aim'] });
  assert.equal(notObject.status, 422);
  assert.equal(notObject.json.error.field, 'fields');
  const weekend = await api('senior', '/api/v1/plans', { pupil_id: pupil(1), type: 'zone_6_referral', starts_on: days.closedDay(), fields: { time_in: '10:40' } });
  assert.equal(weekend.status, 422);
  assert.equal(weekend.json.error.field, 'starts_on');
  assert.match(weekend.json.error.message, /not a school day/);
  const badTime = await api('teacher', '/api/v1/plans', { pupil_id: pupil(1), type: 'zone_6_referral', starts_on: start, fields: { time_in: '25:99' } });
  assert.equal(badTime.status, 422);
  assert.equal(badTime.json.error.field, 'fields.time_in');
  const huge = await api('teacher', '/api/v1/plans', { pupil_id: pupil(1), type: 'zone_6_referral', starts_on: start, fields: { time_in: '10:40', incidents: Array.from({ length: 60 }, (_, i) => i + 1) } });
  assert.equal(huge.status, 422);
  assert.equal(huge.json.error.field, 'fields.incidents');
});

test('the school\'s plans list filters by status, type and what is due, for every role that sees pupils', async () => {
  for (const role of ['teacher', 'pastoral', 'senior', 'dsl']) {
    const all = await api(role, '/api/v1/plans?status=all');
    assert.equal(all.status, 200, `${role}: ${all.text}`);
    assert.equal(all.json.plans.length, Math.min(50, n('SELECT COUNT(*) FROM plans')), role);
  }
  const wap = await api('senior', '/api/v1/plans?type=wap');
  assert.ok(wap.json.plans.every((p) => p.type === 'wap' && p.status === 'active'));
  const bad = await api('senior', '/api/v1/plans?due=someday');
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.field, 'due');
});

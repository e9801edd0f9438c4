// The plan pages (issue 13) over HTTP, on the demo school's policy (seed
// 004), with the server's clock on a school day (libfaketime, decision 0020):
//   - My day offers the class teacher the day's Daily Positive Reporting of
//     the pupils they teach, and nobody else's; written from there it goes
//     back to My day; roles the policy does not name never see the form;
//   - starting a plan from its form: refusals are 422 with the field marked
//     and what was typed kept, nothing saved; CSRF is checked;
//   - the plans page groups overdue reviews and plans past their last day;
//   - the pupil page lists plans with their next review; the print view is
//     the school's form.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser, clockAt } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays } = require('../support/school_days');

let server, days, api, today;
const n = (query) => Number(server.sql(query));
const name = (id) => server.sql(`SELECT COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || last_name FROM pupils WHERE id = ${id}`);
// A class teacher other than the demo's first (who teaches every group of
// the small demo school), the pupils they are close to, and one they are not.
let other;
const close = (staff) => `SELECT gm.pupil_id FROM teaching_group_members gm JOIN timetable_slots ts
  ON ts.group_id = gm.group_id WHERE ts.staff_id = ${staff} UNION SELECT p.id FROM pupils p JOIN forms f
  ON f.id = p.form_id WHERE f.tutor_staff_id = ${staff} UNION SELECT id FROM pupils WHERE key_adult_staff_id = ${staff}`;

test.before(async () => {
  server = await startServer({ pupils: 60 });
  days = schoolDays(server);
  today = days.latest();
  await server.kill('SIGTERM');
  await server.restart(clockAt(`${today} 14:00`));
  api = apiAs(server, tokensFor(server, ['teacher', 'senior']));
  other = server.sql(`SELECT s.id || '|' || s.email FROM staff s JOIN timetable_slots ts ON ts.staff_id = s.id
    WHERE s.role = 'teacher' AND s.email <> 'teacher@demo.attune.school' ORDER BY s.id LIMIT 1`).split('|');
});
test.after(async () => { await server.stop(); });

async function as(role) {
  const b = new Browser(server.base);
  const res = await b.signIn(role.includes('@') ? role : `${role}@demo.attune.school`);
  assert.equal(res.status, 303, `${role} signs in`);
  return b;
}

async function startDpr(pupil, startsOn) {
  const made = await api('senior', '/api/v1/plans', {
    pupil_id: pupil, type: 'daily_positive_reporting', starts_on: startsOn, fields: { slt: 'Mrs Okafor' },
  });
  assert.equal(made.status, 201, made.text);
  return made.json.id;
}

test('My day offers the day\'s Daily Positive Reporting to the teachers who teach the pupil, and takes it back there', async () => {
  const [staffId, email] = other;
  const mine = n(`SELECT MIN(pupil_id) FROM (${close(staffId)}) AS taught`);
  const notMine = n(`SELECT MIN(id) FROM pupils WHERE school_id = 1 AND id NOT IN (${close(staffId)})`);
  assert.ok(mine && notMine, 'a pupil they teach and one they do not');
  const dpr = await startDpr(mine, days.previous(today));
  const theirs = await startDpr(notMine, today);
  // Yesterday's target carries over to today's form.
  const yesterday = await api('teacher', `/api/v1/plans/${dpr}/entries`, {
    on: days.previous(today), fields: { target_for_today: 'Hands to myself in the line', pleased_to_notice: 'Kind words at lunch.' },
  });
  assert.equal(yesterday.status, 201, yesterday.text);

  // The first teacher teaches both; the other only one of them.
  const both = await (await as('teacher')).get('/');
  assert.match(both.text, new RegExp(`action="/plans/${dpr}/entries"`));
  assert.match(both.text, new RegExp(`action="/plans/${theirs}/entries"`));
  assert.match(both.text, /2 still to write/);
  const teacher = await as(email);
  let home = await teacher.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /id="reports"/);
  assert.match(home.text, new RegExp(`action="/plans/${dpr}/entries"`));
  assert.doesNotMatch(home.text, new RegExp(`/plans/${theirs}/entries`), 'not a pupil they teach');
  assert.match(home.text, /1 still to write/);
  assert.match(home.text, /value="Hands to myself in the line"/, 'yesterday\'s target offered');
  assert.match(home.text, new RegExp(`name="on" value="${today}"`));

  // A refusal goes to the plan's page with the field marked and the words kept.
  const refused = await teacher.post(`/plans/${dpr}/entries`, {
    form: { csrf_token: teacher.csrf, on: today, back: 'home', 'f.target_for_today': 'Walk in the corridor' },
  });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /field--invalid[^>]*id="field-pleased_to_notice"/);
  assert.match(refused.text, /value="Walk in the corridor"/);
  // Without its CSRF token: refused, nothing written.
  const forged = await teacher.post(`/plans/${dpr}/entries`, {
    form: { on: today, back: 'home', 'f.pleased_to_notice': 'x' },
  });
  assert.equal(forged.status, 403);
  assert.equal(n(`SELECT COUNT(*) FROM plan_entries WHERE plan_id = ${dpr} AND on_date = '${today}'`), 0);

  const saved = await teacher.post(`/plans/${dpr}/entries`, {
    form: { csrf_token: teacher.csrf, on: today, back: 'home', 'f.target_for_today': 'Walk in the corridor', 'f.pleased_to_notice': 'You held the door for Year 1.' },
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), '/#reports');
  home = await teacher.get('/');
  assert.match(home.text, new RegExp(`Saved for ${name(mine)}`));
  assert.match(home.text, /Written for today/);
  assert.match(home.text, /all written, thank you/);
  assert.match(home.text, /You held the door for Year 1\./);
  assert.equal(server.sql(`SELECT target FROM plans WHERE id = ${dpr}`), 'Walk in the corridor');

  // The policy gives writing it to class teachers: support staff and senior
  // leaders are not offered the form, even for a pupil they know.
  for (const role of ['support', 'senior', 'admin']) {
    const b = await as(role);
    const page = await b.get('/');
    assert.equal(page.status, 200, role);
    assert.doesNotMatch(page.text, /id="reports"/, role);
  }
});

test('starting a plan from its form: each refusal names its field and keeps what was typed; CSRF is checked', async () => {
  const pupil = n(`SELECT id FROM pupils WHERE school_id = 1 ORDER BY id LIMIT 1 OFFSET 7`);
  const senior = await as('senior');
  const choose = await senior.get(`/plans/new?pupil=${pupil}`);
  assert.equal(choose.status, 200);
  assert.match(choose.text, /type=daily_positive_reporting/);
  assert.match(choose.text, /type=wap/);
  const teacher = await as('teacher');
  const theirs = await teacher.get(`/plans/new?pupil=${pupil}`);
  assert.doesNotMatch(theirs.text, /type=wap/, 'the policy gives starting a WAP to senior leaders');
  const refusedType = await teacher.get(`/plans/new?pupil=${pupil}&type=wap`);
  assert.equal(refusedType.status, 403);
  assert.equal((await senior.get(`/plans/new?pupil=999999`)).status, 404);
  const unknown = await senior.get(`/plans/new?pupil=${pupil}&type=sticker_chart`);
  assert.equal(unknown.status, 404);
  assert.match(unknown.text, /no such plan; choose one below/);

  const form = await senior.get(`/plans/new?pupil=${pupil}&type=wap`);
  assert.equal(form.status, 200);
  assert.match(form.text, /Aim of WAP/);
  const before = n('SELECT COUNT(*) FROM plans');
  const missing = await senior.post('/plans', {
    form: { csrf_token: senior.csrf, pupil_id: pupil, type: 'wap', starts_on: today, 'f.date_of_first_meeting': today, 'f.targets.target': 'Ask for a break card' },
  });
  assert.equal(missing.status, 422);
  assert.match(missing.text, /field--invalid[^>]*id="field-aim"/);
  assert.match(missing.text, /value="Ask for a break card"/, 'typed targets kept');
  const tooLong = await senior.post('/plans', {
    form: { csrf_token: senior.csrf, pupil_id: pupil, type: 'daily_positive_reporting', starts_on: today, ends_on: days.after(today, 12), 'f.slt': 'Mrs Okafor' },
  });
  assert.equal(tooLong.status, 422);
  assert.match(tooLong.text, /at most 10 school days/);
  const forged = await senior.post('/plans', { form: { pupil_id: pupil, type: 'wap', starts_on: today } });
  assert.equal(forged.status, 403);
  assert.equal(n('SELECT COUNT(*) FROM plans'), before, 'nothing saved by a refusal');

  const made = await senior.post('/plans', {
    form: { csrf_token: senior.csrf, pupil_id: pupil, type: 'wap', starts_on: today, 'f.date_of_first_meeting': today, 'f.aim': 'Settled mornings', 'f.targets.target': 'Ask for a break card', 'f.targets.responsible': 'Mr Hale' },
  });
  assert.equal(made.status, 303, made.text.slice(0, 400));
  const id = Number(made.headers.get('location').split('/').pop());
  const page = await senior.get(`/plans/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Ask for a break card/);
  assert.match(page.text, /Next review:/);
  const print = await teacher.get(`/plans/${id}/print`);
  assert.equal(print.status, 200);
  assert.match(print.text, /plan-print/);
  assert.match(print.text, /Settled mornings/);
  // The pupil's page lists it with its next review and a way to start another.
  const pupilPage = await teacher.get(`/pupils/${pupil}`);
  assert.match(pupilPage.text, new RegExp(`href="/plans/${id}"`));
  assert.match(pupilPage.text, /Next: /);
  assert.equal((await teacher.get('/plans/999999')).status, 404);
  assert.equal((await teacher.get('/plans/999999/print')).status, 404);
});

test('the plans page: overdue reviews and plans past their last day, for those who run them', async () => {
  const pupil = n(`SELECT id FROM pupils WHERE school_id = 1 ORDER BY id LIMIT 1 OFFSET 9`);
  // A WAP started five weeks of school days ago: its first review is overdue.
  let start = today;
  for (let i = 0; i < 25; i++) start = days.previous(start);
  const made = await api('senior', '/api/v1/plans', {
    pupil_id: pupil, type: 'wap', starts_on: start,
    fields: { date_of_first_meeting: start, aim: 'Calmer transitions', targets: ['Use the calm corner'] },
  });
  assert.equal(made.status, 201, made.text);
  const senior = await as('senior');
  const overdue = await senior.get('/plans?due=overdue');
  assert.equal(overdue.status, 200);
  assert.match(overdue.text, new RegExp(`href="/plans/${made.json.id}"`));
  const week = await senior.get('/plans?due=week');
  assert.equal(week.status, 200);
  const bad = await senior.get('/plans?due=someday');
  assert.ok(bad.status === 422 || bad.status === 200, `a bad filter gave ${bad.status}`);
  for (const role of ['teacher', 'pastoral', 'senco', 'dsl']) {
    const b = await as(role);
    assert.equal((await b.get('/plans')).status, 200, role);
  }
});

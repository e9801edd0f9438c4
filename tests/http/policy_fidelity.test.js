// Issue 11, policy fidelity, over HTTP: a school unlike the shipped four
// (tests/policy_cases/policies/002_hollybank_colour_bands.toml: colour bands,
// "exclusion" removed, students who propose their own amends, tutors and
// Learning Community Managers, CPI training, its own profile checklist and
// perceived functions) uploads its policy and records under it. The real
// binary on a real SQLite file.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { bringIntoForce } = require('../support/policies');

const root = path.resolve(__dirname, '../..');
const policyText = fs.readFileSync(
  path.join(root, 'tests/policy_cases/policies/002_hollybank_colour_bands.toml'), 'utf8');

let server;
const tokens = {};
let pupils = [];
let admin;
test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'support', 'pastoral', 'senior', 'dsl']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
  }
  // The school uploads its policy, pasted into the form, and brings it into force today.
  admin = new Browser(server.base);
  await admin.signIn('admin@demo.attune.school');
  await bringIntoForce(admin, policyText, 'Hollybank');
  const list = await (await api('/api/v1/pupils?limit=100', { as: 'teacher' })).json();
  pupils = list.pupils.filter((p) => p.sen_status === 'N').map((p) => p.id);
});
test.after(async () => { await server.stop(); });

function api(p, { as, method = 'GET', json } = {}) {
  const headers = { authorization: `Bearer ${tokens[as]}` };
  let body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  }
  return fetch(server.base + p, { method, headers, body });
}

async function record(as, body) {
  const res = await api('/api/v1/incidents', { as, method: 'POST', json: body });
  return { status: res.status, body: await res.json() };
}

let nextPupil = 0;
const takePupil = () => pupils[nextPupil++];

test('a recognition beyond its daily cap keeps the note, leaves out the reward, and says so', async () => {
  const pupil = takePupil();
  const note = { pupils: [{ id: pupil, role: 'involved' }], category: 'helping', reward: 'house_point' };
  for (let i = 0; i < 3; ++i) {
    const given = await record('teacher', note);
    assert.equal(given.status, 201, JSON.stringify(given.body));
    assert.equal(given.body.pupils[0].reward.awarded, 1);
  }
  const fourth = await record('teacher', { ...note, notes: 'Helped a new student find their way.' });
  assert.equal(fourth.status, 201, JSON.stringify(fourth.body));
  const reward = fourth.body.pupils[0].reward;
  assert.deepEqual([reward.awarded, reward.capped, reward.left_out], [0, true, true]);
  assert.match(reward.reason, /House point can be given 3 times a day to the same student, so the note is kept without it/);
  // The note is kept, with its words; the pupil's reward is left out.
  const read = await (await api(`/api/v1/incidents/${fourth.body.id}`, { as: 'teacher' })).json();
  assert.equal(read.notes, 'Helped a new student find their way.');
  assert.equal(read.pupils[0].reward_left_out, true);
  assert.equal(read.pupils[0].points, 0);
  assert.equal(server.sql(`SELECT reward FROM incident_pupils WHERE incident_id = ${fourth.body.id}`), '');
  // The record page says so.
  const b = new Browser(server.base);
  await b.signIn('teacher@demo.attune.school');
  const page = await b.get(`/incidents/${fourth.body.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Not given to [^:]+: House point can be given 3 times a day to the same student, so the note is kept without it\./);
  // The recording page's flash says so too, and the note is saved.
  await b.get('/record?kind=positive');
  const before = Number(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE pupil_id = ${pupil}`));
  const res = await b.post('/record/positive', {
    multipart: { csrf_token: b.csrf, pupil: String(pupil), category: 'helping', reward: 'house_point' },
  });
  assert.equal(res.status, 303);
  assert.equal(Number(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE pupil_id = ${pupil}`)), before + 1);
  const flash = decodeURIComponent(b.cookies.get('attune_flash').replace(/(..)/g, '%$1'));
  assert.match(flash, /The note for .+ is saved\. Not given to .+: House point can be given 3 times a day/);
});

test('"inform" creates the contact it promises, and the tutor asks for amends in the student\'s words', async () => {
  const pupil = takePupil();
  const first = await record('teacher', { pupils: [{ id: pupil, role: 'involved' }], category: 'refusing' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.step, 'quiet_word');
  const second = await record('teacher', { pupils: [{ id: pupil, role: 'involved' }], category: 'refusing' });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  assert.equal(second.body.step, 'reset_with_tutor');
  const kinds = second.body.actions.map((a) => a.kind).sort();
  assert.deepEqual(kinds, ['amends', 'inform_home']);
  const amends = second.body.actions.find((a) => a.kind === 'amends');
  assert.equal(amends.label, 'Amends the student proposes, in their own words');
  // Given to the student's own form tutor.
  const tutor = server.sql(`SELECT f.tutor_staff_id FROM pupils p JOIN forms f ON f.id = p.form_id WHERE p.id = ${pupil}`);
  assert.equal(server.sql(`SELECT assignee_staff_id FROM actions WHERE id = ${amends.id}`), tutor);

  // A note alone never completes amends: the API says what to record instead.
  const noted = await api(`/api/v1/actions/${amends.id}/complete`, {
    as: 'pastoral', method: 'POST', json: { outcome: 'Talked it through.' },
  });
  assert.equal(noted.status, 422);
  const refusal = (await noted.json()).error;
  assert.equal(refusal.field, 'outcome');
  assert.match(refusal.message, /^Amends are not marked done with a note\./);
  assert.match(refusal.message, new RegExp(`POST /api/v1/incidents/${second.body.id}/amends with pupil_id ${pupil}`));
  assert.equal(server.sql(`SELECT status FROM actions WHERE id = ${amends.id}`), 'open');

  // Amends are written down in the student's words; that completes the action.
  const empty = await api(`/api/v1/incidents/${second.body.id}/amends`, {
    as: 'pastoral', method: 'POST', json: { pupil_id: pupil, words: '   ' },
  });
  assert.equal(empty.status, 422);
  assert.equal((await empty.json()).error.field, 'words');
  const other = await api(`/api/v1/incidents/${second.body.id}/amends`, {
    as: 'pastoral', method: 'POST', json: { pupil_id: takePupil(), words: 'Not mine to say' },
  });
  assert.equal(other.status, 422);
  const saved = await api(`/api/v1/incidents/${second.body.id}/amends`, {
    as: 'pastoral', method: 'POST',
    json: { pupil_id: pupil, words: 'I will help Mr Hale tidy the room at break and say sorry.', agreed_with: 'Mr Hale' },
  });
  assert.equal(saved.status, 201);
  const body = await saved.json();
  assert.equal(body.words, 'I will help Mr Hale tidy the room at break and say sorry.');
  assert.equal(server.sql(`SELECT status FROM actions WHERE id = ${amends.id}`), 'done');
  const list = await (await api(`/api/v1/incidents/${second.body.id}/amends`, { as: 'teacher' })).json();
  assert.equal(list.amends.length, 1);
  const page = await new Browser(server.base);
  await page.signIn('teacher@demo.attune.school');
  const shown = await page.get(`/incidents/${second.body.id}`);
  assert.match(shown.text, /Amends, in the student’s own words/);
  assert.match(shown.text, /I will help Mr Hale tidy the room at break and say sorry\./);
});

test('amends on a restricted record are read only by the policy\'s roles, and each read is audited', async () => {
  const concern = await record('teacher', { pupils: [{ id: takePupil(), role: 'involved' }], category: 'harm_online' });
  assert.equal(concern.status, 201, JSON.stringify(concern.body));
  // A safeguarding concern holds the amends back until the DSL decides.
  assert.ok(!concern.body.actions.some((a) => a.kind === 'amends'));
  assert.equal((await api(`/api/v1/incidents/${concern.body.id}/amends`, { as: 'teacher' })).status, 404);
  const count = async () => {
    await server.settle();
    return Number(server.sql(
      `SELECT COUNT(*) FROM audit_log WHERE action = 'incident.read_restricted' AND subject_id = ${concern.body.id} AND detail = 'amends'`));
  };
  const before = await count();
  const read = await api(`/api/v1/incidents/${concern.body.id}/amends`, { as: 'dsl' });
  assert.equal(read.status, 200);
  assert.equal(await count(), before + 1);
});

test('the removed word is never shown, the bands are on the chips, in Our policy and in the API', async () => {
  const b = new Browser(server.base);
  await b.signIn('teacher@demo.attune.school');
  const ours = await b.get('/policy');
  assert.equal(ours.status, 200);
  assert.match(ours.text, /How we describe behaviour/);
  assert.match(ours.text, /Amber/);
  assert.match(ours.text, /We value equity over equality/);
  assert.doesNotMatch(ours.text, /exclusion|isolation/i);
  const chips = await b.get('/record?kind=difficult');
  assert.match(chips.text, /<span>Unkind words<\/span> <span class="tag tag--band" data-band-order="3">Amber<\/span>/);
  const body = await (await api('/api/v1/policy', { as: 'teacher' })).json();
  assert.deepEqual(body.bands.map((x) => x.id), ['green', 'blue', 'amber', 'red']);
  const calling = body.categories.find((c) => c.id === 'calling_out');
  assert.deepEqual([calling.band, calling.highest_step], ['amber', 'quiet_word']);
  assert.equal(body.roles.find((r) => r.id === 'lcm').name, 'Learning Community Manager');
  assert.equal(body.perceived_functions[0].id, 'get_peer_attention');
  assert.equal(body.profile.review_every_school_days, 30);
  assert.equal(body.training[0].id, 'cpi');
  assert.equal(JSON.stringify(body).match(/exclusion/i), null);
});

test('perceived functions are the school\'s list', async () => {
  const pupil = takePupil();
  const ok = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'calling_out', perceived_function: 'get_peer_attention',
  });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const bad = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'calling_out', perceived_function: 'get_attention',
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'perceived_function');
  assert.match(bad.body.error.message, /"To get attention from other students"/);
});

test('a physical intervention records whether those involved held current training: a warning, never a refusal', async () => {
  const staff = await (await fetch(server.base + '/api/v1/me', { headers: { authorization: `Bearer ${tokens.teacher}` } })).json();
  const teacherId = staff.id;
  const old = new Date(Date.now() - 800 * 86400000).toISOString().slice(0, 10);
  const add = await api('/api/v1/training', {
    as: 'senior', method: 'POST', json: { staff_id: teacherId, training: 'cpi', taken_on: old },
  });
  assert.equal(add.status, 201, await add.text());
  const unknown = await api('/api/v1/training', {
    as: 'senior', method: 'POST', json: { staff_id: teacherId, training: 'team_teach', taken_on: old },
  });
  assert.equal(unknown.status, 422);
  assert.match((await unknown.json()).error.message, /Crisis Prevention Institute \(CPI\)/);
  assert.equal((await api('/api/v1/training', { as: 'teacher' })).status, 403);

  const pupil = takePupil();
  const held = {
    staff_involved: 'Class teacher', hold: 'a guide', duration_minutes: 2, reason: 'To stop a student being hurt',
    staff_ids: [teacherId],
  };
  const res = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'hurting', physical_intervention: held,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.warnings.length, 1);
  assert.match(res.body.warnings[0], /Crisis Prevention Institute \(CPI\) training ran out on/);
  const read = await (await api(`/api/v1/incidents/${res.body.id}`, { as: 'teacher' })).json();
  assert.deepEqual(read.physical.staff_ids, [teacherId]);
  assert.match(read.physical.training_note, /ran out on/);
  const b = new Browser(server.base);
  await b.signIn('teacher@demo.attune.school');
  assert.match((await b.get(`/incidents/${res.body.id}`)).text, /<strong>Training:<\/strong> .*ran out on/);
  // Not named: said so, still recorded.
  const unnamed = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting',
    physical_intervention: { ...held, staff_ids: [] },
  });
  assert.equal(unnamed.status, 201);
  assert.match(unnamed.body.warnings[0], /No member of staff involved is named/);
  // The training page lists it as out of date.
  const s = new Browser(server.base);
  await s.signIn('senior@demo.attune.school');
  const page = await s.get('/training');
  assert.equal(page.status, 200);
  assert.match(page.text, /Out of date/);
});

test('the school\'s profile checklist, who may write it, and its review cycle for every pupil', async () => {
  const pupil = takePupil();
  const t = new Browser(server.base);
  await t.signIn('teacher@demo.attune.school');
  const page = await t.get(`/pupils/${pupil}`);
  assert.match(page.text, /How I like to be spoken to/);
  assert.match(page.text, /Speak to me quietly, not in front of others/);
  assert.doesNotMatch(page.text, /Use my name before giving an instruction/);
  const put = (as, communication, withPupil = false) => api(`/api/v1/pupils/${pupil}/profile`, {
    as, method: 'PUT', json: { communication, what_helps: 'A movement break', reviewed_with_pupil: withPupil },
  });
  // Support staff are not tutors or Learning Community Managers here.
  assert.equal((await put('support', ['A short movement break'])).status, 403);
  // Saved without the pupil: still due for review with them (decision 0028).
  assert.equal((await put('teacher', ['A short movement break'])).status, 200);
  assert.match((await t.get(`/pupils/${pupil}`)).text, /Review with [^<]+ due since/);
  assert.equal((await put('teacher', ['A short movement break'], true)).status, 200);
  const reviews = await t.get('/pupils/reviews');
  assert.equal(reviews.status, 200);
  assert.match(reviews.text, /every 30 school days/);
  assert.match(reviews.text, /Never written/);
  const after = await t.get(`/pupils/${pupil}`);
  assert.match(after.text, /Next review with [^<]+ due/);
});

test('a broken policy is refused with errors that say what to do', async () => {
  await admin.get('/policies');
  const dup = policyText.replace('id = "quiet_word"\nname = "A quiet word"', 'id = "connect"\nname = "A quiet word"');
  const res = await admin.post('/policies', { multipart: { csrf_token: admin.csrf, policy: dup } });
  assert.equal(res.status, 422);
  assert.match(res.text, /step id &apos;connect&apos; is used twice: at line \d+, column \d+ and here at line \d+/);
  assert.equal((res.text.match(/<li><a href="#policy-text">/g) || []).length, 1, 'the duplicate alone');
  const removed = policyText.replace('family = "What we want to see: kindness, effort and taking part."',
    'family = "No exclusions here."');
  const words = await admin.post('/policies', { multipart: { csrf_token: admin.csrf, policy: removed } });
  assert.equal(words.status, 422);
  assert.match(words.text, /&quot;exclusion&quot; is a word the school has removed/);
});

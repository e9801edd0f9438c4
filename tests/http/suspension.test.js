// The headteacher's suspension decision over the JSON API and the record
// page. The demo school brings seed 003's policy (Learning Partnership West)
// into force, whose "temporary off-site provision" sends a learner off site:
// in law a formal suspension (DESIGN.md §3). Then:
//   - POST /api/v1/incidents/{id}/suspension decides (201), once (409);
//     bad input is 422 naming the field; a role without suspension.decide is
//     403; a record the caller may not see is 404;
//   - POST .../suspension/notices marks parents and the local authority told
//     (200); with both told the record's suspension_decision action is done;
//   - deciding not to suspend needs a reason and completes the action;
//   - the record page's form refuses bad input beside the field, never 500.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');

const root = path.resolve(__dirname, '../..');
let server;
let senior;  // a signed-in page session
let firstDay;  // the form's suggested first day: the next school day
const tokens = {};
let pupils = [];

// Today in London, as the policy's "active from" wants it.
function londonToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function api(urlPath, { as, method = 'GET', json, raw } = {}) {
  const headers = { authorization: `Bearer ${tokens[as]}` };
  let body;
  if (json !== undefined || raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = raw !== undefined ? raw : JSON.stringify(json);
  }
  return fetch(server.base + urlPath, { method, headers, body });
}

async function call(urlPath, as, json, raw) {
  const res = await api(urlPath, { as, method: 'POST', json, raw });
  return { status: res.status, body: await res.json() };
}

// A record of deliberate damage with temporary off-site provision: the
// policy makes it a suspension waiting for the headteacher's decision.
async function offSiteRecord() {
  const pupil = pupils.shift();
  const { status, body } = await call('/api/v1/incidents', 'teacher', {
    pupils: [{ id: pupil, role: 'involved' }],
    category: 'damage_arson',
    consequences: ['temporary_offsite_provision', 'community_service'],
    notes: 'Broke the classroom window with a chair.',
  });
  assert.equal(status, 201, JSON.stringify(body));
  assert.ok(body.guards.some((g) => g.kind === 'suspension'), 'the suspension guard applies');
  assert.ok(body.actions.some((a) => a.kind === 'suspension_decision' && a.assignee_role === 'senior'));
  return body.id;
}

async function decisionAction(id) {
  const incident = await (await api(`/api/v1/incidents/${id}`, { as: 'senior' })).json();
  return incident.actions.find((a) => a.kind === 'suspension_decision');
}

test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'pastoral', 'dsl', 'senior']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
  }
  const list = await (await api('/api/v1/pupils?limit=100', { as: 'teacher' })).json();
  pupils = list.pupils.map((p) => p.id);
  // Seed 003's policy, uploaded and brought into force today by a senior leader.
  senior = new Browser(server.base);
  await senior.signIn('senior@demo.attune.school');
  const text = fs.readFileSync(path.join(root, 'policies/003_learning_partnership_west.toml'), 'utf8');
  const up = await senior.post('/policies', { multipart: { csrf_token: senior.csrf, policy: text, note: 'LPW' } });
  assert.equal(up.status, 303, up.text.slice(0, 500));
  const where = up.headers.get('location');
  await senior.get(where);
  const on = await senior.post(`${where}/activate`, { form: { csrf_token: senior.csrf, active_from: londonToday() } });
  assert.equal(on.status, 303, on.text.slice(0, 500));
});
test.after(async () => { await server.stop(); });

test('the record page offers the headteacher the decision, with the DfE codes and a suggested first day', async () => {
  const id = await offSiteRecord();
  const page = await senior.get(`/incidents/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Formal suspension: the headteacher’s decision/);
  assert.match(page.text, /<span class="reason-code">PA<\/span> Physical assault against an adult/);
  const suggested = /name="starts_on" value="(\d{4}-\d{2}-\d{2})"/.exec(page.text);
  assert.ok(suggested, 'a first day is suggested');
  firstDay = suggested[1];
  assert.ok(firstDay > londonToday());
  // A teacher sees it waiting, without the form.
  const teacher = new Browser(server.base);
  await teacher.signIn('teacher@demo.attune.school');
  const seen = await teacher.get(`/incidents/${id}`);
  assert.match(seen.text, /Waiting for the headteacher’s decision/);
  assert.doesNotMatch(seen.text, /name="reason_codes"/);
});

test('bad decisions are 422 naming the field, and nothing is saved', async () => {
  const id = await offSiteRecord();
  const url = `/api/v1/incidents/${id}/suspension`;
  const cases = [
    [{}, 'decision'],
    [{ decision: 'suspend', starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: ['PA', 'VA', 'DM', 'PD'], starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: ['XX'], starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: ['PA', 'PA'], starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: ['é'.repeat(15)], starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: ['x' + 'é'.repeat(15)], starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: 'PA', starts_on: firstDay, school_days: 1 }, 'reason_codes'],
    [{ decision: 'suspend', reason_codes: ['PA'], starts_on: '2020-01-06', school_days: 1 }, 'starts_on'],
    [{ decision: 'suspend', reason_codes: ['PA'], starts_on: 'tomorrow', school_days: 1 }, 'starts_on'],
    [{ decision: 'suspend', reason_codes: ['PA'], starts_on: firstDay, school_days: 46 }, 'school_days'],
    [{ decision: 'suspend', reason_codes: ['PA'], starts_on: firstDay, school_days: 0 }, 'school_days'],
    [{ decision: 'suspend', reason_codes: ['PA'], starts_on: firstDay, school_days: 'two' }, 'school_days'],
    [{ decision: 'suspend', reason_codes: ['PA'], starts_on: firstDay, school_days: 1e12 }, 'school_days'],
    [{ decision: 'not_suspended', reason: '  ' }, 'reason'],
    [{ decision: 'not_suspended', reason: 'x'.repeat(501) }, 'reason'],
  ];
  for (const [json, field] of cases) {
    const { status, body } = await call(url, 'senior', json);
    assert.equal(status, 422, `${JSON.stringify(json)}: ${JSON.stringify(body)}`);
    assert.equal(body.error.field, field, JSON.stringify(json));
    assert.ok(body.error.message.length > 10);
  }
  const broken = await call(url, 'senior', undefined, '{"decision":');
  assert.equal(broken.status, 400);
  assert.equal(server.sql(`SELECT outcome FROM suspensions WHERE incident_id = ${id}`), '');
  assert.equal(server.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'suspension.decide' AND subject_id = ${id}`), '0');
});

test('only suspension.decide may decide (403); a record the caller may not see is 404', async () => {
  const id = await offSiteRecord();
  const decision = { decision: 'suspend', reason_codes: ['DM'], starts_on: firstDay, school_days: 1 };
  for (const role of ['teacher', 'pastoral', 'dsl']) {
    const { status, body } = await call(`/api/v1/incidents/${id}/suspension`, role, decision);
    assert.equal(status, 403, role);
    assert.equal(body.error.code, 'forbidden');
    const notice = await call(`/api/v1/incidents/${id}/suspension/notices`, role, { notice: 'parent' });
    assert.equal(notice.status, 403, role);
  }
  assert.equal((await call('/api/v1/incidents/99999/suspension', 'senior', decision)).status, 404);
  // Restricted to the DSL: to a senior leader the record does not exist.
  server.sql(`UPDATE incidents SET restricted = 1, visible_to = 'dsl' WHERE id = ${id}`);
  try {
    const hidden = await call(`/api/v1/incidents/${id}/suspension`, 'senior', decision);
    assert.equal(hidden.status, 404, JSON.stringify(hidden.body));
    assert.equal(hidden.body.error.code, 'not_found');
    const notice = await call(`/api/v1/incidents/${id}/suspension/notices`, 'senior', { notice: 'parent' });
    assert.equal(notice.status, 404);
  } finally {
    server.sql(`UPDATE incidents SET restricted = 0, visible_to = '' WHERE id = ${id}`);
  }
  // A record that sends no one off site is not a suspension.
  const plain = await call('/api/v1/incidents', 'teacher', {
    pupils: [{ id: pupils.shift(), role: 'involved' }], category: 'damage_arson', consequences: ['community_service'],
  });
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
  const notOne = await call(`/api/v1/incidents/${plain.body.id}/suspension`, 'senior', decision);
  assert.equal(notOne.status, 422);
  assert.equal(notOne.body.error.field, 'decision');
});

test('the headteacher suspends (201), once (409); both notices complete the action', async () => {
  const id = await offSiteRecord();
  const decided = await call(`/api/v1/incidents/${id}/suspension`, 'senior', {
    decision: 'suspend', reason_codes: ['PA', 'DM'], starts_on: firstDay, school_days: 2,
  });
  assert.equal(decided.status, 201, JSON.stringify(decided.body));
  const s = decided.body.suspension;
  assert.equal(decided.body.incident_id, id);
  assert.equal(s.outcome, 'suspended');
  assert.deepEqual(s.reason_codes, ['PA', 'DM']);
  assert.equal(s.starts_on, firstDay);
  assert.equal(s.school_days, 2);
  assert.ok(s.decided_at);
  assert.equal(s.parent_notice_at, null);
  assert.equal(s.la_notice_at, null);
  const again = await call(`/api/v1/incidents/${id}/suspension`, 'senior', { decision: 'not_suspended', reason: 'Changed my mind' });
  assert.equal(again.status, 409);
  assert.equal((await decisionAction(id)).status, 'open');

  const notices = `/api/v1/incidents/${id}/suspension/notices`;
  const wrong = await call(notices, 'senior', { notice: 'governors' });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.field, 'notice');
  const parent = await call(notices, 'senior', { notice: 'parent' });
  assert.equal(parent.status, 200, JSON.stringify(parent.body));
  assert.ok(parent.body.suspension.parent_notice_at);
  assert.equal(parent.body.suspension.la_notice_at, null);
  assert.equal((await decisionAction(id)).status, 'open', 'the local authority is still to be told');
  assert.equal((await call(notices, 'senior', { notice: 'parent' })).status, 409);
  const la = await call(notices, 'senior', { notice: 'local_authority' });
  assert.equal(la.status, 200, JSON.stringify(la.body));
  assert.ok(la.body.suspension.la_notice_at);
  const action = await decisionAction(id);
  assert.equal(action.status, 'done');
  assert.match(action.outcome, /^Suspended for 2 school days from [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} \(PA, DM\); parents and the local authority told in writing$/);

  // The record as read back, and the audit log.
  const incident = await (await api(`/api/v1/incidents/${id}`, { as: 'teacher' })).json();
  assert.equal(incident.suspension.outcome, 'suspended');
  assert.deepEqual(incident.suspension.reason_codes, ['PA', 'DM']);
  for (const action of ['suspension.decide', 'suspension.parent_notice', 'suspension.la_notice']) {
    assert.equal(server.sql(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND subject_id = ${id}`), '1', action);
  }
  // Completing the action by a note is refused: it is done by the decision.
  const other = await offSiteRecord();
  const open = await decisionAction(other);
  const note = await call(`/api/v1/actions/${open.id}/complete`, 'senior', { outcome: 'Done' });
  assert.equal(note.status, 422);
  assert.equal(note.body.error.field, 'outcome');
});

test('deciding not to suspend keeps the record a record and completes the action', async () => {
  const id = await offSiteRecord();
  const { status, body } = await call(`/api/v1/incidents/${id}/suspension`, 'senior', {
    decision: 'not_suspended', reason: 'A Reflection Day in school instead.',
  });
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal(body.suspension.outcome, 'not_suspended');
  assert.equal(body.suspension.not_suspended_reason, 'A Reflection Day in school instead.');
  assert.deepEqual(body.suspension.reason_codes, []);
  const action = await decisionAction(id);
  assert.equal(action.status, 'done');
  assert.equal(action.outcome, 'Not suspended: A Reflection Day in school instead.');
  const notice = await call(`/api/v1/incidents/${id}/suspension/notices`, 'senior', { notice: 'parent' });
  assert.equal(notice.status, 422);
  assert.equal(notice.body.error.field, 'notice');
});

test('the page form refuses bad input beside its field, keeping what was chosen, never 500', async () => {
  const id = await offSiteRecord();
  const url = `/incidents/${id}/suspension`;
  const four = await senior.post(url, {
    body: new URLSearchParams([['csrf_token', senior.csrf], ['decision', 'suspend'], ['reason_codes', 'PA'],
      ['reason_codes', 'VA'], ['reason_codes', 'DM'], ['reason_codes', 'TH'], ['starts_on', firstDay], ['school_days', '3']]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(four.status, 422);
  assert.match(four.text, /<p class="field__error" id="s-codes-error">Choose at most three reason codes/);
  for (const code of ['PA', 'VA', 'DM', 'TH']) {
    assert.match(four.text, new RegExp(`id="s-code-${code}" name="reason_codes" value="${code}" checked`));
  }
  assert.match(four.text, /id="s-days" name="school_days"[^>]* value="3"/);
  const odd = [
    { decision: 'suspend', reason_codes: 'PA', starts_on: firstDay, school_days: 'abc' },
    { decision: 'suspend', reason_codes: 'PA', starts_on: firstDay, school_days: '-1' },
    { decision: 'suspend', reason_codes: 'PA', starts_on: firstDay, school_days: '99999999999999999999' },
    { decision: 'suspend', reason_codes: '<script>', starts_on: 'garbage', school_days: '1' },
    { decision: 'suspend', reason_codes: 'PA', starts_on: '2026-02-30', school_days: '1' },
    { decision: 'not_suspended', reason: '' },
    { decision: '', reason: '' },
  ];
  for (const form of odd) {
    const res = await senior.post(url, { form: { csrf_token: senior.csrf, ...form } });
    assert.equal(res.status, 422, JSON.stringify(form));
    assert.match(res.text, /class="field__error"|notice--error/, JSON.stringify(form));
  }
  const markEarly = await senior.post(`${url}/notice`, { form: { csrf_token: senior.csrf, notice: 'parent' } });
  assert.equal(markEarly.status, 422);
  assert.match(markEarly.text, /record the headteacher(’|&apos;|')s decision first/);
  // A good decision redirects to the section, and the notices are to do.
  const ok = await senior.post(url, {
    body: new URLSearchParams([['csrf_token', senior.csrf], ['decision', 'suspend'], ['reason_codes', 'DM'],
      ['reason_codes', 'PA'], ['starts_on', firstDay], ['school_days', '1']]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/incidents/${id}#suspension`);
  assert.equal(server.sql(`SELECT outcome || '|' || reason_codes || '|' || school_days FROM suspensions WHERE incident_id = ${id}`), 'suspended|DM,PA|1');
  const page = await senior.get(`/incidents/${id}`);
  const section = page.text.slice(page.text.indexOf('id="suspension"'), page.text.indexOf('id="actions-heading"'));
  assert.equal((section.match(/mark--open">To do/g) || []).length, 2);
  assert.match(section, /DM: Damage/);
  assert.match(section, /Parent or carer told/);
  assert.match(section, /Local authority told/);
  // Without the CSRF token the form is refused.
  const forged = await senior.post(`${url}/notice`, { form: { notice: 'parent' } });
  assert.equal(forged.status, 403);
  assert.equal(server.sql(`SELECT parent_notice_at IS NULL FROM suspensions WHERE incident_id = ${id}`), '1');
});

// Every role's day (issue 12), over HTTP against the real binary on a
// temporary SQLite file: the team's queue is paged, grouped and filtered,
// and its counts agree with what it lists, for every role that runs it;
// another's queue is never shown to a teacher; a class opens as tiles; a
// positive note offers an undo that only its author has, for two minutes,
// and only for positive notes; more than a handful of pupils at once are
// asked about first; each role's home shows its own sections.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');

let server;
const tokens = {};
test.before(async () => {
  server = await startServer({ pupils: 120 });
  for (const role of ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior']) {
    tokens[role] = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]).trim().split('\n').pop();
  }
  // 70 open follow-ups across the school, on pupils of every year, of two
  // kinds, some overdue: enough for three pages.
  const now = Math.floor(Date.now() / 1000);
  server.sql(`INSERT INTO actions (school_id, pupil_id, kind, label, assignee_role, due_at, status, created_at)
    SELECT p.school_id, p.id, CASE WHEN p.id % 2 = 0 THEN 'phone_call_home' ELSE 'meeting' END,
           CASE WHEN p.id % 2 = 0 THEN 'Phone call home' ELSE 'Meeting' END,
           'pastoral', ${now} + (p.id % 7 - 3) * 86400, 'open', ${now}
    FROM pupils p ORDER BY p.id LIMIT 70`);
});
test.after(async () => { await server.stop(); });

async function signedIn(role) {
  const b = new Browser(server.base);
  const res = await b.signIn(`${role}@demo.attune.school`);
  assert.equal(res.status, 303);
  return b;
}

function api(path, as) {
  return fetch(server.base + path, { headers: { authorization: `Bearer ${tokens[as]}` } });
}

// The ids of the actions listed on a page, in order.
function actionIds(html) {
  return [...html.matchAll(/<li class="action[^"]*" id="action-(\d+)"/g)].map((m) => Number(m[1]));
}

function summaryTotal(html) {
  const m = /<p class="summary">(\d+) actions? open/.exec(html);
  assert.ok(m, 'the queue says how many are open');
  return Number(m[1]);
}

// Every page of a queue, followed by its Next links.
async function wholeQueue(b, first) {
  const ids = [];
  let path = first;
  for (let pages = 0; path && pages < 50; pages++) {
    const res = await b.get(path);
    assert.equal(res.status, 200);
    ids.push(...actionIds(res.text));
    const next = /<a class="button button--secondary" href="([^"]+)" rel="next">/.exec(res.text);
    path = next ? next[1].replace(/&amp;/g, '&') : null;
  }
  return ids;
}

test('those who run the queue land on the team\'s queue, 25 to a page, grouped by due time', async () => {
  const b = await signedIn('pastoral');
  // Follow-ups fall due as the test runs (the demo's are due minutes after
  // it was made): the overdue count is asked before and after the page,
  // and the page's must lie between.
  const overdueNow = () => Number(server.sql(`SELECT COUNT(*) FROM actions WHERE status = 'open' AND due_at < ${Math.floor(Date.now() / 1000)}`));
  const overdueBefore = overdueNow();
  const res = await b.get('/actions');
  const overdueAfter = overdueNow();
  assert.equal(res.status, 200);
  assert.match(res.text, /<h1>The team&apos;s queue<\/h1>/);
  const open = Number(server.sql("SELECT COUNT(*) FROM actions WHERE status = 'open'"));
  assert.ok(open >= 70);
  assert.equal(summaryTotal(res.text), open);
  assert.equal(actionIds(res.text).length, 25);
  assert.match(res.text, new RegExp(`1–25 of ${open}`));
  // Overdue first, under its heading with the whole queue's count.
  assert.ok(overdueAfter > 0);
  const shown = /id="due-0">Overdue <span class="action-group__count">· (\d+) actions?/.exec(res.text);
  assert.ok(shown, 'the overdue heading with its count');
  const overdue = Number(shown[1]);
  assert.ok(overdue >= overdueBefore && overdue <= overdueAfter, `${overdue} overdue, between ${overdueBefore} and ${overdueAfter}`);
  // No staff list per action: passing on is its own page.
  assert.doesNotMatch(res.text, /optgroup label="A named person"/);
  assert.ok(res.text.length < 120000, `the page is ${res.text.length} bytes`);

  // Page 2 follows on; a page past the end shows the last one.
  const two = await b.get('/actions?queue=all&status=open&page=2');
  assert.match(two.text, new RegExp(`26–50 of ${open}`));
  const first = actionIds(res.text);
  assert.ok(actionIds(two.text).every((id) => !first.includes(id)));
  const last = Math.ceil(open / 25);
  const beyond = await b.get('/actions?queue=all&page=999');
  assert.match(beyond.text, new RegExp(`Page ${last} of ${last}`));
  const junk = await b.get('/actions?queue=nonsense&page=-4&year=banana&kind=%3Cscript%3E&for=staff:x');
  assert.equal(junk.status, 200, 'a broken bookmark still shows the queue');
  assert.equal(summaryTotal(junk.text), open);
});

test('the counts agree with what the queue lists, for every role that runs it', async () => {
  for (const role of ['pastoral', 'senco', 'dsl', 'senior']) {
    const b = await signedIn(role);
    const first = await b.get('/actions?queue=all');
    const ids = await wholeQueue(b, '/actions?queue=all');
    assert.equal(ids.length, summaryTotal(first.text), role);
    assert.equal(new Set(ids).size, ids.length, `${role}: no action on two pages`);
  }
});

test('filters by year, form, kind and person narrow both the list and its counts', async () => {
  const b = await signedIn('pastoral');
  const year = Number(server.sql("SELECT p.year_group FROM actions a JOIN pupils p ON p.id = a.pupil_id WHERE a.status = 'open' GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1"));
  const inYear = Number(server.sql(`SELECT COUNT(*) FROM actions a JOIN pupils p ON p.id = a.pupil_id WHERE a.status = 'open' AND p.year_group = ${year}`));
  const byYear = await b.get(`/actions?queue=all&year=${year}`);
  assert.equal(summaryTotal(byYear.text), inYear);
  assert.equal((await wholeQueue(b, `/actions?queue=all&year=${year}`)).length, inYear);

  const form = server.sql("SELECT p.form_id FROM actions a JOIN pupils p ON p.id = a.pupil_id WHERE a.status = 'open' AND p.form_id IS NOT NULL LIMIT 1");
  const inForm = Number(server.sql(`SELECT COUNT(*) FROM actions a JOIN pupils p ON p.id = a.pupil_id WHERE a.status = 'open' AND p.form_id = ${form}`));
  assert.equal(summaryTotal((await b.get(`/actions?queue=all&form=${form}`)).text), inForm);

  const meetings = Number(server.sql("SELECT COUNT(*) FROM actions WHERE status = 'open' AND kind = 'meeting'"));
  const byKind = await b.get('/actions?queue=all&kind=meeting');
  assert.equal(summaryTotal(byKind.text), meetings);
  assert.doesNotMatch(byKind.text, /<h3 class="action__title">Phone call home/);

  // Passed on to a named person, an action shows under that person only.
  const action = Number(server.sql("SELECT id FROM actions WHERE status = 'open' AND kind = 'meeting' LIMIT 1"));
  const senco = Number(server.sql("SELECT id FROM staff WHERE email = 'senco@demo.attune.school'"));
  const page = await b.get(`/actions/${action}/pass-on?back=/actions%3Fqueue%3Dall`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<option value="staff:${senco}">`));
  const refused = await b.post(`/actions/${action}/reassign`, { form: { csrf_token: b.csrf, to: 'staff:nobody', back: '/actions?queue=all' } });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Choose a role or a member of staff/);
  const passed = await b.post(`/actions/${action}/reassign`, { form: { csrf_token: b.csrf, to: `staff:${senco}`, back: '/actions?queue=all' } });
  assert.equal(passed.status, 303);
  assert.equal(passed.headers.get('location'), '/actions?queue=all');
  const forSenco = await b.get(`/actions?queue=all&for=staff:${senco}`);
  assert.deepEqual(actionIds(forSenco.text).filter((id) => id === action), [action]);
  const forRole = await b.get('/actions?queue=all&for=role:pastoral');
  assert.ok(!actionIds(forRole.text).includes(action));
});

test('a teacher sees their own actions only, whatever the address asks for', async () => {
  const b = await signedIn('teacher');
  const res = await b.get('/actions?queue=all&for=role:pastoral');
  assert.equal(res.status, 200);
  assert.match(res.text, /<h1>My actions<\/h1>/);
  assert.doesNotMatch(res.text, /id="queue"/);
  assert.equal(actionIds(res.text).length, 0);
  const action = Number(server.sql("SELECT id FROM actions WHERE status = 'open' AND assignee_role = 'pastoral' LIMIT 1"));
  assert.equal((await b.get(`/actions/${action}/pass-on`)).status, 403);
  // The API pages the same way, and refuses the team's queue to a teacher.
  assert.equal((await api('/api/v1/actions?scope=all', 'teacher')).status, 403);
  const firstPage = await (await api('/api/v1/actions?scope=all&limit=25', 'pastoral')).json();
  const secondPage = await (await api('/api/v1/actions?scope=all&limit=25&offset=25', 'pastoral')).json();
  assert.equal(firstPage.actions.length, 25);
  assert.ok(secondPage.actions.every((a) => !firstPage.actions.some((f) => f.id === a.id)));
  assert.equal((await api('/api/v1/actions?scope=all&offset=-1', 'pastoral')).status, 422);
  assert.equal((await api('/api/v1/actions?scope=all&for=staff:x', 'pastoral')).status, 422);
});

// The class page's form: the first chip's category and the preselected reward.
function classChoices(html) {
  const category = /<button type="submit" name="category" value="([^"]+)"/.exec(html)[1];
  const reward = /<select id="class-reward" name="reward"><option value="([^"]+)" selected>/.exec(html)[1];
  return { category, reward };
}

function multipart(fields) {
  const body = new FormData();
  for (const [k, v] of fields) body.append(k, String(v));
  return body;
}

test('a class opens as tiles; a positive note from it can be undone by its author, for a moment', async () => {
  const teacher = await signedIn('teacher');
  const group = Number(server.sql("SELECT id FROM teaching_groups ORDER BY id LIMIT 1"));
  const members = server.sql(`SELECT pupil_id FROM teaching_group_members WHERE group_id = ${group} ORDER BY pupil_id`).split('\n').map(Number);
  const page = await teacher.get(`/classes/${group}?lesson=P1&place=M1`);
  assert.equal(page.status, 200);
  const tiles = [...page.text.matchAll(/<input type="checkbox" name="pupil" value="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.deepEqual(tiles, members);
  assert.equal((await teacher.get('/classes/999999')).status, 404);
  const { category, reward } = classChoices(page.text);

  const pupil = members[0];
  const back = `/classes/${group}?lesson=P1&place=M1`;
  const saved = await teacher.post('/record/positive', {
    body: multipart([['csrf_token', teacher.csrf], ['back', back], ['lesson', 'P1'], ['place', 'M1'], ['pupil', pupil], ['reward', reward], ['category', category]]),
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), back);
  const id = Number(teacher.cookies.get('attune_undo'));
  assert.ok(id > 0, 'an undo is offered');
  assert.equal(server.sql(`SELECT lesson || '|' || place FROM incidents WHERE id = ${id}`), 'P1|M1');
  const shown = await teacher.get(back);
  assert.match(shown.text, new RegExp(`<form method="post" action="/incidents/${id}/undo"`));
  // Offered once: the next page has no undo.
  assert.doesNotMatch((await teacher.get(back)).text, /\/undo"/);

  // Nobody else may undo it; without the CSRF token nothing happens.
  const support = await signedIn('support');
  await support.get('/');
  assert.equal((await support.post(`/incidents/${id}/undo`, { form: { csrf_token: support.csrf, back } })).status, 409);
  assert.equal((await teacher.post(`/incidents/${id}/undo`, { form: { back } })).status, 403);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incidents WHERE id = ${id}`), '1');

  const undone = await teacher.post(`/incidents/${id}/undo`, { form: { csrf_token: teacher.csrf, back } });
  assert.equal(undone.status, 303);
  assert.equal(undone.headers.get('location'), back);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incidents WHERE id = ${id}`), '0');
  assert.equal(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE incident_id = ${id}`), '0');
  assert.equal(server.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'incident.undo' AND subject_id = ${id}`), '1');
  assert.equal((await teacher.post(`/incidents/${id}/undo`, { form: { csrf_token: teacher.csrf, back } })).status, 404);

  // Two minutes later it is kept for good.
  await teacher.post('/record/positive', {
    body: multipart([['csrf_token', teacher.csrf], ['back', back], ['pupil', pupil], ['reward', reward], ['category', category]]),
  });
  const later = Number(teacher.cookies.get('attune_undo'));
  server.sql(`UPDATE incidents SET recorded_at = recorded_at - 121 WHERE id = ${later}`);
  const tooLate = await teacher.post(`/incidents/${later}/undo`, { form: { csrf_token: teacher.csrf, back } });
  assert.equal(tooLate.status, 409);
  assert.match(tooLate.text, /can no longer be undone/);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incidents WHERE id = ${later}`), '1');

  // A difficult record is never undone this way, even by its author at once.
  const policy = await (await api('/api/v1/policy', 'teacher')).json();
  const low = policy.categories.find((c) => c.class === 'low_level' && !c.safeguarding);
  const made = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.teacher}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pupils: [{ id: pupil, role: 'involved' }], category: low.id }),
  });
  assert.equal(made.status, 201);
  const difficult = (await made.json()).id;
  assert.equal((await teacher.post(`/incidents/${difficult}/undo`, { form: { csrf_token: teacher.csrf, back } })).status, 409);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incidents WHERE id = ${difficult}`), '1');
});

test('more than a handful of pupils at once are asked about before anything is saved', async () => {
  const teacher = await signedIn('teacher');
  const group = Number(server.sql("SELECT group_id FROM teaching_group_members GROUP BY group_id HAVING COUNT(*) > 6 LIMIT 1"));
  const members = server.sql(`SELECT pupil_id FROM teaching_group_members WHERE group_id = ${group}`).split('\n').map(Number);
  const page = await teacher.get(`/classes/${group}`);
  const { category, reward } = classChoices(page.text);
  const before = server.sql('SELECT COUNT(*) FROM incidents');
  const fields = [['csrf_token', teacher.csrf], ['back', `/classes/${group}`], ['reward', reward], ['category', category],
    ...members.map((m) => ['pupil', m])];
  const asked = await teacher.post('/record/positive', { body: multipart(fields) });
  assert.equal(asked.status, 200);
  assert.match(asked.text, new RegExp(`for ${members.length} [a-z]+\\?`));
  assert.equal(server.sql('SELECT COUNT(*) FROM incidents'), before, 'nothing saved yet');
  // The question carries the form; confirming saves it for all of them.
  const hidden = [...asked.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&').replace(/&#x2F;|&#47;/g, '/')]);
  assert.ok(hidden.some(([k]) => k === 'confirmed'));
  const confirmed = await teacher.post('/record/positive', { body: multipart(hidden) });
  assert.equal(confirmed.status, 303);
  const id = Number(teacher.cookies.get('attune_undo'));
  assert.equal(Number(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE incident_id = ${id}`)), members.length);
});

test('each role lands on its own sections of My day', async () => {
  const expect = {
    teacher: [/id="due-heading"/, /<a class="lesson__link" href="\/classes\/\d+\?lesson=/],
    pastoral: [/The team's queue<\/h2>/, /href="\/actions\?queue=all#due-0"/],
    dsl: [/<h2 id="dsl-heading">Safeguarding<\/h2>/, /The team's queue<\/h2>/],
    senco: [/<h2 id="senco-heading">SEN register<\/h2>/, /SEN support/],
    senior: [/<h2 id="senior-heading">This week<\/h2>/, /Waiting for a decision/],
  };
  for (const [role, patterns] of Object.entries(expect)) {
    const b = await signedIn(role);
    const home = await b.get('/');
    assert.equal(home.status, 200, role);
    for (const p of patterns) assert.match(home.text, p, role);
  }
  // The team's queue is not on a teacher's home.
  const teacher = await signedIn('teacher');
  assert.doesNotMatch((await teacher.get('/')).text, /team-heading/);
  // Nothing due today: how many are still open, counted (three for the
  // support staff, due next week; none of the school's other actions).
  const now = Math.floor(Date.now() / 1000);
  server.sql(`INSERT INTO actions (school_id, pupil_id, kind, label, assignee_role, due_at, status, created_at)
    SELECT p.school_id, p.id, 'meeting', 'Meeting', 'support', ${now} + 8 * 86400, 'open', ${now}
    FROM pupils p ORDER BY p.id DESC LIMIT 3`);
  const support = await signedIn('support');
  assert.match((await support.get('/')).text, /Nothing due today\. 3 of your actions are still open\./);
  // The SEN register's figures are the school's.
  const senco = await signedIn('senco');
  const onSupport = server.sql("SELECT COUNT(*) FROM pupils WHERE sen_status = 'K'");
  assert.match((await senco.get('/')).text, new RegExp(`SEN support</span> <span class="figure__n">${onSupport} pupils?`));
});

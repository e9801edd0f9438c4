// In-app notifications (decision 0017), against the demo school with a
// version of its policy (seed 004) whose Zone 6 step gives the call home to
// the pastoral team rather than the member of staff who recorded it:
//   - a teacher's record whose step assigns an action to the pastoral lead
//     tells the pastoral lead, and not the teacher (whose own action, the
//     restorative conversation, is their own act);
//   - a safeguarding concern tells the DSL who and where/when, never what
//     the record says; no one who may not read the record is told, even
//     when the policy gives them work on it;
//   - a plan proposed tells those who decide (the plan's owner);
//   - passing an action on tells the one it is passed to, not the passer;
//   - the header's badge counts the unread; GET /notifications lists one's
//     own only, newest first; marking read (one and all) needs the CSRF
//     token, and another person's notification cannot be seen or marked
//     (404); bad ids and pages never give a 500.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');

const root = path.join(__dirname, '..', '..');
let server;
const tokens = {};
const pages = {};
const ids = {};  // staff ids by role
let pupils = [];

async function record(as, json) {
  const res = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body;
}

// The notifications rows of a member of staff (by role), about a record.
function told(role, incidentId) {
  const rows = server.sql(`SELECT kind || '|' || text FROM notifications WHERE staff_id = ${ids[role]}
    AND incident_id = ${incidentId} ORDER BY id`);
  return rows ? rows.split('\n') : [];
}

test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
    ids[role] = Number(server.sql(`SELECT id FROM staff WHERE email = '${role}@demo.attune.school'`));
    pages[role] = new Browser(server.base);
    const signed = await pages[role].signIn(`${role}@demo.attune.school`);
    assert.equal(signed.status, 303);
  }
  // The school's step gives the call home to the pastoral team.
  const policy = fs.readFileSync(path.join(root, 'policies/004_blue_sky_learning.toml'), 'utf8')
    .replace('kind = "phone_call_home"\n  assignee = "recorder"', 'kind = "phone_call_home"\n  assignee = "pastoral"');
  assert.match(policy, /assignee = "pastoral"/);
  const admin = pages.admin;
  await admin.get('/policies');
  const up = await admin.post('/policies', {
    multipart: { csrf_token: admin.csrf, policy_file: new Blob([policy]), policy: '', note: 'Calls home by the pastoral team' },
  });
  assert.equal(up.status, 303, up.text.slice(0, 2000));
  const version = up.headers.get('location').split('/').pop();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const on = await admin.post(`/policies/${version}/activate`, { form: { csrf_token: admin.csrf, active_from: today } });
  assert.equal(on.status, 303, on.text.slice(0, 2000));
  const list = await (await fetch(server.base + '/api/v1/pupils?limit=100', {
    headers: { authorization: `Bearer ${tokens.teacher}` },
  })).json();
  pupils = list.pupils.filter((p) => p.sen_status === 'N').map((p) => p.id);
  assert.ok(pupils.length >= 8);
});
test.after(async () => { await server.stop(); });

test("a teacher's record whose step gives the pastoral lead work tells the pastoral lead, not the teacher", async () => {
  const badgeBefore = await pages.pastoral.get('/');
  const r = await record('teacher', {
    pupils: [{ id: pupils[0], role: 'involved' }], category: 'hurting_others',
    notes: 'Kicked a chair towards another child in maths.',
  });
  const call = r.actions.find((a) => a.kind === 'phone_call_home');
  assert.ok(call, JSON.stringify(r.actions));
  assert.equal(call.assignee_role, 'pastoral');

  const pastoral = told('pastoral', r.id);
  const work = pastoral.filter((x) => x.startsWith('action|'));
  assert.equal(work.length, 1, pastoral.join('\n'));
  assert.match(work[0], /^action\|Phone call home for .+ \(for the .+ queue\), due /);
  assert.doesNotMatch(work[0], /Kicked a chair/);
  // The teacher's own act: their restorative conversation tells no one.
  assert.deepEqual(told('teacher', r.id), []);
  // Written with the record, in the same commit: the action id is there.
  assert.equal(server.sql(`SELECT COUNT(*) FROM notifications WHERE action_id = ${call.id}`),
    server.sql(`SELECT COUNT(*) FROM staff WHERE role = 'pastoral' AND active = 1`));

  // The badge counts it; the page lists it, linking to the record's actions.
  const home = await pages.pastoral.get('/');
  const count = (t) => Number((/class="bell__count" data-unread="(\d+)"/.exec(t) || [0, 0])[1]);
  assert.ok(count(home.text) >= count(badgeBefore.text) + 1, home.text.slice(0, 3000));
  const list = await pages.pastoral.get('/notifications');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`href="/incidents/${r.id}#actions-heading">Phone call home for`));
  // A dangerous record proposes a risk reduction plan to its owner (senior
  // leaders), not to the teacher.
  assert.ok(told('senior', r.id).some((x) => /^proposal\|Risk reduction plan proposed for .+; it waits for a decision\.$/.test(x)),
    told('senior', r.id).join('\n'));
  assert.ok(!told('pastoral', r.id).some((x) => x.startsWith('proposal|')));
});

test('the DSL is told of a safeguarding concern: who and where, never the note; no one else who may not read it', async () => {
  const note = 'Disclosed something worrying at lunch about an older pupil';
  const r = await record('teacher', {
    pupils: [{ id: pupils[1], role: 'involved' }], category: 'peer_on_peer_abuse',
    notes: note, location: 'Library', antecedent: 'Quiet reading time',
  });
  const name = server.sql(`SELECT CASE WHEN preferred_name <> '' THEN preferred_name ELSE first_name END || ' ' || last_name FROM pupils WHERE id = ${pupils[1]}`);
  const dsl = told('dsl', r.id);
  const concern = dsl.filter((x) => x.startsWith('concern|'));
  assert.equal(concern.length, 1, dsl.join('\n'));
  assert.ok(concern[0].includes(`Safeguarding concern about ${name}, recorded by `), concern[0]);
  assert.match(concern[0], /: Library, \w{3} +\d+ \w{3} \d\d:\d\d\.$/);
  for (const row of server.sql('SELECT text FROM notifications').split('\n')) {
    assert.ok(!row.includes('worrying') && !row.includes('Quiet reading') && !/Child-on-child|peer on peer/i.test(row), row);
  }
  // The call home goes to the pastoral team, who may not read this record:
  // they are not told of it, nor the teacher who recorded it.
  assert.deepEqual(told('pastoral', r.id), []);
  assert.deepEqual(told('teacher', r.id), []);
  // The DSL's page shows it; the teacher's does not.
  const page = await pages.dsl.get('/notifications');
  assert.match(page.text, new RegExp(`href="/incidents/${r.id}">Safeguarding concern about`));
  assert.doesNotMatch(page.text, /worrying/);
  const theirs = await pages.teacher.get('/notifications');
  assert.doesNotMatch(theirs.text, new RegExp(`/incidents/${r.id}`));
});

test('passing an action on tells the one it is passed to, not the one passing it', async () => {
  const r = await record('teacher', {
    pupils: [{ id: pupils[2], role: 'involved' }], category: 'hurting_others',
  });
  const talk = r.actions.find((a) => a.kind === 'restorative_conversation');
  const p = pages.pastoral;
  await p.get(`/actions/${talk.id}/pass-on`);
  const res = await p.post(`/actions/${talk.id}/reassign`, {
    form: { csrf_token: p.csrf, to: `staff:${ids.support}`, back: '/actions' },
  });
  assert.equal(res.status, 303, res.text.slice(0, 2000));
  const support = told('support', r.id);
  assert.equal(support.length, 1, support.join('\n'));
  assert.match(support[0], /^action\|Restorative conversation for .+, passed on by .+/i);
  assert.equal(server.sql(`SELECT action_id FROM notifications WHERE staff_id = ${ids.support} AND incident_id = ${r.id}`), String(talk.id));
  assert.ok(!told('pastoral', r.id).some((x) => /passed on/.test(x)));
});

test('mark as read: one and all, own only (404 for anyone else), CSRF enforced', async () => {
  const r = await record('teacher', {
    pupils: [{ id: pupils[3], role: 'involved' }], category: 'hurting_others',
  });
  const mine = Number(server.sql(`SELECT id FROM notifications WHERE staff_id = ${ids.pastoral} AND incident_id = ${r.id} AND kind = 'action'`));
  assert.ok(mine > 0);
  const unread = (id) => server.sql(`SELECT read_at IS NULL FROM notifications WHERE id = ${id}`) === '1';

  // Another person can neither see nor mark it.
  const teacher = pages.teacher;
  await teacher.get('/notifications');
  const other = await teacher.post(`/notifications/${mine}/read`, { form: { csrf_token: teacher.csrf } });
  assert.equal(other.status, 404);
  assert.ok(unread(mine));
  assert.doesNotMatch((await teacher.get('/notifications')).text, new RegExp(`/notifications/${mine}/read`));

  // Without the token, or with a wrong one: refused, still unread.
  const p = pages.pastoral;
  await p.get('/notifications');
  const none = await p.post(`/notifications/${mine}/read`, { form: {} });
  assert.equal(none.status, 403);
  const wrong = await p.post(`/notifications/${mine}/read`, { form: { csrf_token: 'x'.repeat(40) } });
  assert.equal(wrong.status, 403);
  const all = await p.post('/notifications/read', { form: {} });
  assert.equal(all.status, 403);
  assert.ok(unread(mine));

  // Their own: marked, and listed as read; marking again is harmless.
  const list = await p.get('/notifications');
  assert.match(list.text, new RegExp(`action="/notifications/${mine}/read"`));
  const ok = await p.post(`/notifications/${mine}/read`, { form: { csrf_token: p.csrf } });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/notifications');
  assert.ok(!unread(mine));
  assert.equal((await p.post(`/notifications/${mine}/read`, { form: { csrf_token: p.csrf } })).status, 303);
  assert.doesNotMatch((await p.get('/notifications')).text, new RegExp(`action="/notifications/${mine}/read"`));

  // All at once: none of the pastoral lead's left unread, the badge gone;
  // nobody else's touched.
  const dslUnread = server.sql(`SELECT COUNT(*) FROM notifications WHERE staff_id = ${ids.dsl} AND read_at IS NULL`);
  await p.get('/notifications');
  const every = await p.post('/notifications/read', { form: { csrf_token: p.csrf } });
  assert.equal(every.status, 303);
  assert.equal(server.sql(`SELECT COUNT(*) FROM notifications WHERE staff_id = ${ids.pastoral} AND read_at IS NULL`), '0');
  assert.equal(server.sql(`SELECT COUNT(*) FROM notifications WHERE staff_id = ${ids.dsl} AND read_at IS NULL`), dslUnread);
  assert.doesNotMatch((await p.get('/')).text, /class="bell__count"/);
  // Read ones are kept for a while (30 days), then forgotten when next marking.
  assert.ok(Number(server.sql(`SELECT COUNT(*) FROM notifications WHERE staff_id = ${ids.pastoral}`)) >= 1);
  server.sql(`UPDATE notifications SET read_at = read_at - 31 * 86400 WHERE id = ${mine}`);
  await p.get('/notifications');
  await p.post('/notifications/read', { form: { csrf_token: p.csrf } });
  assert.equal(server.sql(`SELECT COUNT(*) FROM notifications WHERE id = ${mine}`), '0');
});

test('bad ids and pages never give a 500; only the signed-in see notifications', async () => {
  const p = pages.pastoral;
  await p.get('/notifications');
  for (const bad of ['0', '99999999', '99999999999999999999999', '-1', 'abc', '1e3', '']) {
    const res = await p.post(`/notifications/${bad}/read`, { form: { csrf_token: p.csrf } });
    assert.ok([400, 404].includes(res.status), `${bad}: ${res.status}`);
  }
  for (const q of ['page=0', 'page=-3', 'page=abc', 'page=99999999999', 'page=1000', 'page=2&page=3', 'page=%00']) {
    const res = await p.get(`/notifications?${q}`);
    assert.equal(res.status, 200, q);
  }
  const anon = new Browser(server.base);
  const res = await anon.get('/notifications');
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/sign-in/);
});

test('paging: newest first, 25 to a page, Older and Newer', async () => {
  // More than a page of notifications for the senior leader, made by passing
  // an action on (to them, then away, 25 times).
  const r = await record('teacher', { pupils: [{ id: pupils[4], role: 'involved' }], category: 'hurting_others' });
  const talk = r.actions.find((a) => a.kind === 'restorative_conversation');
  const p = pages.pastoral;
  for (let k = 0; k < 25; k++) {
    for (const to of [`staff:${ids.senior}`, `staff:${ids.teacher}`]) {
      await p.get(`/actions/${talk.id}/pass-on`);
      const res = await p.post(`/actions/${talk.id}/reassign`, { form: { csrf_token: p.csrf, to, back: '/actions' } });
      assert.equal(res.status, 303);
    }
  }
  const s = pages.senior;
  const first = await s.get('/notifications');
  const items = (t) => [...t.matchAll(/<li class="card notices__item/g)].length;
  assert.equal(items(first.text), 25);
  assert.match(first.text, /href="\/notifications\?page=2" rel="next">Older/);
  const newest = Number(server.sql(`SELECT MAX(id) FROM notifications WHERE staff_id = ${ids.senior}`));
  assert.ok(first.text.indexOf(`/notifications/${newest}/read`) > 0);
  const second = await s.get('/notifications?page=2');
  assert.ok(items(second.text) >= 5);
  assert.match(second.text, /href="\/notifications" rel="prev">Newer/);
  assert.match((await s.get('/')).text, /class="bell__count" data-unread="\d+"/);
});

// The badge's refresh (an open page asks every minute): the same count the
// header shows, kept up to date, and never treated as use of the session.
test("the bell's count on its own: the header's count, kept fresh, and it does not keep a session alive", async () => {
  const s = pages.senior;
  const count = (t) => (/class="bell__count" data-unread="([^"]+)"/.exec(t) || [0, ''])[1];
  const badge = await s.get('/notifications/badge');
  assert.equal(badge.status, 200);
  assert.equal(badge.headers.get('cache-control'), 'no-store');
  assert.doesNotMatch(badge.text, /<html|<header/);
  assert.equal(count(badge.text), count((await s.get('/')).text));
  assert.notEqual(count(badge.text), '');
  // Marked read elsewhere (another tab): the next refresh shows none.
  await s.get('/notifications');
  assert.equal((await s.post('/notifications/read', { form: { csrf_token: s.csrf } })).status, 303);
  const after = await s.get('/notifications/badge');
  assert.equal(after.status, 200);
  assert.equal(count(after.text), '');
  assert.match(after.text, /data-bell-count/);

  // A session of its own, a minute from its end: refreshing the badge does
  // not extend it; opening a page does.
  server.sql(`DELETE FROM sessions WHERE staff_id = ${ids.support}`);
  const quiet = new Browser(server.base);
  assert.equal((await quiet.signIn('support@demo.attune.school')).status, 303);
  const soon = Math.floor(Date.now() / 1000) + 60;
  server.sql(`UPDATE sessions SET expires_at = ${soon} WHERE staff_id = ${ids.support}`);
  for (let i = 0; i < 3; i++) assert.equal((await quiet.get('/notifications/badge')).status, 200);
  assert.equal(server.sql(`SELECT expires_at FROM sessions WHERE staff_id = ${ids.support}`), String(soon));
  assert.equal((await quiet.get('/')).status, 200);
  assert.ok(Number(server.sql(`SELECT expires_at FROM sessions WHERE staff_id = ${ids.support}`)) > soon + 3600);

  // Signed out: a redirect to sign in, with nothing of anyone's count.
  const anon = await new Browser(server.base).get('/notifications/badge');
  assert.equal(anon.status, 303);
  assert.match(anon.headers.get('location'), /^\/sign-in/);
});

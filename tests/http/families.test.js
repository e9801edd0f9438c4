// Families (issue 15, decision 0026), against the real binary, a real SMTP
// server and a policy written for a school unlike the shipped ones
// (Millbrook Primary, below): positive notes go home at once, a record of
// hurting others waits for the pastoral lead, calling out never goes home,
// and a safeguarding concern never does. As a parent of one child, of two
// and of none:
//   - every route of the table: the family's own pages and the API's
//     narrowed routes open, every staff route refused (403);
//   - they see exactly their children's shared records, in the words for
//     home: never a restricted record, staff's notes, or another pupil's
//     name, on any page or API answer they can reach;
//   - another pupil is 404 on every route, page and API;
//   - a record awaiting review appears only once approved;
//   - a contact invited from the pupil's page gets the invitation by email,
//     chooses a password from its link (once) and signs in.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startServer, Browser, BIN } = require('../support/server');
const { freePort, startSmtp, stopSmtp, saved, until } = require('../support/smtp');

const PASSWORD = 'family-test-2026';

const POLICY = `format = 1
[school]
name = "Millbrook Primary"
summary = "We notice and share the good things, and we help children put things right."

[[values]]
id = "kind"
name = "Be kind"

[[steps]]
id = "check_in"
name = "A quiet check-in"
family = "An adult checks in quietly with your child."

[[steps]]
id = "calm_space"
name = "Time in the calm space"
family = "Your child spends a little time in the calm space with an adult."

[[categories]]
id = "kindness"
name = "Kindness to others"
class = "prosocial"
value = "kind"

[[categories]]
id = "calling_out"
name = "Calling out"
class = "low_level"
default_step = "check_in"

[[categories]]
id = "hurting_others"
name = "Hurting others"
class = "difficult"
default_step = "calm_space"

[[categories]]
id = "disclosure"
name = "Worry about a child"
class = "difficult"
default_step = "check_in"
safeguarding = true
visible_to = ["dsl"]

[[rewards]]
id = "sunshine_note"
name = "Sunshine note home"
kind = "note_home"
send_home = true

[[rewards]]
id = "class_star"
name = "Class star"
kind = "points"
value = 1

[families]
prosocial = "at_once"
difficult = "after_review"
reviewed_by = ["pastoral"]

[guards.physical_intervention]
[guards.senco_advice]
from_step = "calm_space"
`;

let server;
let smtp;
let smtpPort;
let folder;
let teacher;  // API token
const pupils = {};  // a, b, c, d: { id, first, last }
const parents = {};  // one, two, none: { email, browser, token }

async function api(token, method, url, body) {
  const res = await fetch(server.base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

async function record(body) {
  const res = await api(teacher, 'POST', '/api/v1/incidents', body);
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

// Everything a parent can reach: their pages and API answers, as one text.
async function everythingSeenBy(parent) {
  let seen = '';
  for (const p of ['/family', '/family/policy', '/family/account']) seen += (await parent.browser.get(p)).text;
  const list = await api(parent.token, 'GET', '/api/v1/pupils');
  seen += list.text;
  for (const child of list.json.pupils) {
    seen += (await parent.browser.get(`/family/pupils/${child.id}`)).text;
    seen += (await api(parent.token, 'GET', `/api/v1/pupils/${child.id}`)).text;
    const records = await api(parent.token, 'GET', `/api/v1/incidents?pupil=${child.id}`);
    seen += records.text;
    for (const r of records.json.incidents) seen += (await api(parent.token, 'GET', `/api/v1/incidents/${r.id}`)).text;
  }
  return seen;
}

test.before(async () => {
  smtpPort = await freePort();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-smtp-'));
  smtp = await startSmtp(smtpPort, folder);
  server = await startServer({
    pupils: 40,
    env: {
      ATTUNE_SMTP_HOST: '127.0.0.1', ATTUNE_SMTP_PORT: String(smtpPort), ATTUNE_SMTP_TLS: 'none',
      ATTUNE_SMTP_FROM: 'office@millbrook.example', ATTUNE_SMTP_RETRY: '1,1,1,1,1',
    },
  });
  // Millbrook's policy, uploaded and put in force by the senior leader.
  const senior = new Browser(server.base);
  assert.equal((await senior.signIn('senior@demo.attune.school')).status, 303);
  await senior.get('/policies');
  const up = await senior.post('/policies', { multipart: { csrf_token: senior.csrf, policy: POLICY, note: 'Millbrook' } });
  assert.equal(up.status, 303, up.text.slice(0, 2000));
  const version = Number(server.sql('SELECT MAX(id) FROM policy_versions'));
  const today = server.sql("SELECT date('now')");
  const on = await senior.post(`/policies/${version}/activate`, { form: { csrf_token: senior.csrf, active_from: today } });
  assert.ok([200, 303].includes(on.status), `activate gave ${on.status}`);

  const rows = server.sql('SELECT id, first_name, last_name FROM pupils ORDER BY id LIMIT 4').split('\n');
  ['a', 'b', 'c', 'd'].forEach((k, n) => {
    const [id, first, last] = rows[n].split('|');
    pupils[k] = { id: Number(id), first, last };
  });
  teacher = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();

  const add = (key, email, ids) => {
    server.cli(['parent', 'add', '--email', email, '--name', `Parent ${key}`, '--password', PASSWORD,
      '--pupils', ids.join(',')]);
  };
  add('one', 'one@family.example', [pupils.a.id]);
  add('two', 'two@family.example', [pupils.b.id, pupils.c.id]);
  add('none', 'none@family.example', [pupils.d.id]);
  // The third's link to a child is taken away: a parent of none.
  server.sql("UPDATE contacts SET family_account_id = NULL WHERE email = 'none@family.example'");
  for (const [key, email] of [['one', 'one@family.example'], ['two', 'two@family.example'], ['none', 'none@family.example']]) {
    const browser = new Browser(server.base);
    const signed = await browser.signIn(email, PASSWORD);
    assert.equal(signed.status, 303, `${key} signs in`);
    assert.equal(signed.headers.get('location'), '/family');
    const token = server.cli(['token', 'create', '--email', email]).trim().split('\n').pop();
    parents[key] = { email, browser, token };
  }
});

test.after(async () => {
  await stopSmtp(smtp);
  if (server) await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('a parent sees only their own children, each on its page and in the API', async () => {
  const one = await parents.one.browser.get('/family');
  assert.equal(one.status, 200);
  assert.ok(one.text.includes(`${pupils.a.first} ${pupils.a.last}`));
  for (const k of ['b', 'c', 'd']) assert.ok(!one.text.includes(pupils[k].last + '<'), k);
  const two = await api(parents.two.token, 'GET', '/api/v1/pupils');
  assert.equal(two.status, 200);
  assert.deepEqual(two.json.pupils.map((p) => p.id).sort(), [pupils.b.id, pupils.c.id].sort());
  assert.ok(!('ethnicity' in two.json.pupils[0]) && !('upn' in two.json.pupils[0]));
  const none = await parents.none.browser.get('/family');
  assert.match(none.text, /not linked to a child yet/);
  assert.deepEqual((await api(parents.none.token, 'GET', '/api/v1/pupils')).json.pupils, []);
  // Another pupil does not exist for them, on every route that names one.
  for (const [who, other] of [['one', 'b'], ['two', 'a'], ['none', 'd']]) {
    const p = parents[who];
    const id = pupils[other].id;
    assert.equal((await p.browser.get(`/family/pupils/${id}`)).status, 404, `${who} page ${other}`);
    assert.equal((await api(p.token, 'GET', `/api/v1/pupils/${id}`)).status, 404, `${who} api ${other}`);
    assert.equal((await api(p.token, 'GET', `/api/v1/incidents?pupil=${id}`)).status, 404, `${who} records ${other}`);
  }
});

test('every route: a parent reaches only the family routes and the narrowed API; staff routes are 403', async () => {
  const routes = JSON.parse(execFileSync(BIN, ['routes'], { encoding: 'utf8' }));
  const open = routes.filter((r) => r.permission !== 'public' && r.roles.includes('parent')).map((r) => `${r.site} ${r.method} ${r.pattern}`);
  assert.deepEqual(open.sort(), [
    'api GET /api/v1/incidents', 'api GET /api/v1/incidents/([0-9]+)', 'api GET /api/v1/me',
    'api GET /api/v1/pupils', 'api GET /api/v1/pupils/([0-9]+)',
    'web GET /', 'web GET /family', 'web GET /family/account', 'web GET /family/policy',
    'web GET /family/pupils/([0-9]+)', 'web POST /family/account/digest', 'web POST /family/account/password',
    'web POST /family/pupils/([0-9]+)/notes/([0-9]+)/thanks', 'web POST /family/pupils/([0-9]+)/views/([0-9]+)',
    'web POST /sign-out',
  ].sort());
  const p = parents.one;
  for (const r of routes) {
    if (r.permission === 'public' || r.pattern === '/sign-out') continue;
    const label = `${r.site} ${r.method} ${r.example}`;
    let status;
    if (r.site === 'web') {
      status = (await p.browser.request(r.method, r.example, { headers: { 'x-csrf-token': p.browser.csrf } })).status;
    } else {
      status = (await api(p.token, r.method, r.example, r.method === 'GET' ? undefined : {})).status;
    }
    if (r.roles.includes('parent')) assert.notEqual(status, 403, label);
    else assert.equal(status, 403, label);
  }
});

test('records reach families as the policy says; never restricted, never staff notes or other names', async () => {
  const a = pupils.a;
  // A note about two pupils, with a recognition that goes home.
  const together = await record({ pupils: [{ id: a.id, role: 'involved' }, { id: pupils.d.id, role: 'involved' }],
    category: 'kindness', reward: 'sunshine_note', notes: 'Shared the paints and helped tidy up' });
  // A class star stays in school unless sent home; sent home, it goes.
  const star = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'class_star',
    notes: 'STAR-KEPT-IN-SCHOOL' });
  const starHome = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'class_star',
    notes: 'Read to the younger children', send_home: true });
  const unsent = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'sunshine_note',
    notes: 'NOTE-NOT-SENT', send_home: false });
  const callingOut = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'calling_out', notes: 'LOWLEVEL-STAFF-NOTE' });
  const hurt = await record({ pupils: [{ id: a.id, role: 'involved' }, { id: pupils.b.id, role: 'affected' }],
    category: 'hurting_others', notes: 'HURT-STAFF-NOTE pushed in the line' });
  const concern = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'disclosure', notes: 'SAFEGUARDING-WORDS',
    safeguarding: true });

  const shared = (await api(parents.one.token, 'GET', `/api/v1/incidents?pupil=${a.id}`)).json.incidents.map((r) => r.id);
  assert.deepEqual(shared.sort(), [together, starHome].sort());
  for (const hidden of [star, unsent, callingOut, hurt, concern]) {
    assert.equal((await api(parents.one.token, 'GET', `/api/v1/incidents/${hidden}`)).status, 404, `record ${hidden}`);
  }
  const page = await parents.one.browser.get(`/family/pupils/${a.id}`);
  // A note about two children goes home as its recognition, without the
  // words written about them both (they may name the other child).
  assert.ok(!page.text.includes('Shared the paints and helped tidy up'));
  assert.ok(page.text.includes('Sunshine note home'));
  assert.ok(page.text.includes('Read to the younger children'), 'a note about one child keeps its words');

  // The pastoral lead approves the record of hurting others, with words for home.
  const pastoral = new Browser(server.base);
  assert.equal((await pastoral.signIn('pastoral@demo.attune.school')).status, 303);
  const queue = await pastoral.get('/family/reviews');
  assert.equal(queue.status, 200);
  assert.ok(queue.text.includes(`review-${hurt}-${a.id}`));
  assert.ok(!queue.text.includes(`review-${hurt}-${pupils.b.id}`), 'the affected pupil is not told as if involved');
  const teacherPage = new Browser(server.base);
  await teacherPage.signIn('teacher@demo.attune.school');
  const notNamed = await teacherPage.get('/family/reviews');
  assert.equal(notNamed.status, 200);
  assert.match(notNamed.text, /does not ask your role/);
  assert.ok(!notNamed.text.includes(`review-${hurt}-`), 'the policy names the pastoral lead only');
  const refused = await teacherPage.post(`/family/reviews/${hurt}/${a.id}`,
    { form: { csrf_token: teacherPage.csrf, decision: 'share', words: '' } });
  assert.equal(refused.status, 404);
  const decided = await pastoral.post(`/family/reviews/${hurt}/${a.id}`,
    { form: { csrf_token: pastoral.csrf, decision: 'share', words: 'We talked it through calmly and made a plan.' } });
  assert.equal(decided.status, 303);
  const again = await pastoral.post(`/family/reviews/${hurt}/${a.id}`,
    { form: { csrf_token: pastoral.csrf, decision: 'share', words: 'x' } });
  assert.equal(again.status, 409, 'decided once');
  const after = (await api(parents.one.token, 'GET', `/api/v1/incidents?pupil=${a.id}`)).json.incidents;
  const approved = after.find((r) => r.id === hurt);
  assert.ok(approved, 'shared once approved');
  assert.equal(approved.words, 'We talked it through calmly and made a plan.');
  const thankHurt = await parents.one.browser.post(`/family/pupils/${a.id}/notes/${hurt}/thanks`,
    { form: { csrf_token: parents.one.browser.csrf, words: 'thanks' } });
  assert.equal(thankHurt.status, 404, 'a thank-you is for a positive note only');

  // Nothing the parents can reach says what must never go home.
  const never = ['SAFEGUARDING-WORDS', 'Worry about a child', 'HURT-STAFF-NOTE', 'LOWLEVEL-STAFF-NOTE', 'NOTE-NOT-SENT',
    'STAR-KEPT-IN-SCHOOL', 'Shared the paints'];
  for (const who of ['one', 'two', 'none']) {
    const seen = await everythingSeenBy(parents[who]);
    for (const words of never) assert.ok(!seen.includes(words), `${who} must not see "${words}"`);
    // No other child's name: a's family never sees d's or b's, and the others never a's.
    const others = who === 'one' ? ['b', 'c', 'd'] : ['a', 'd'];
    for (const k of others) {
      assert.ok(!new RegExp(`\\b${pupils[k].first} ${pupils[k].last}\\b`).test(seen), `${who} must not see ${k}'s name`);
      assert.ok(!seen.includes(`"last_name":"${pupils[k].last}"`) || k === 'x', `${who}: ${k}`);
    }
  }
});

test('a family says thank you once; the note keeps it', async () => {
  const a = pupils.a;
  const id = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'sunshine_note',
    notes: 'Helped a friend who was sad' });
  const b = parents.one.browser;
  await b.get(`/family/pupils/${a.id}`);
  const sent = await b.post(`/family/pupils/${a.id}/notes/${id}/thanks`, { form: { csrf_token: b.csrf, words: 'Thank you so much!' } });
  assert.equal(sent.status, 303);
  const twice = await b.post(`/family/pupils/${a.id}/notes/${id}/thanks`, { form: { csrf_token: b.csrf, words: 'Again' } });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /role="alert">You have already said thank you for this one/, 'said on the page');
  const long = await b.post(`/family/pupils/${a.id}/notes/${id}/thanks`, { form: { csrf_token: b.csrf, words: 'x'.repeat(400) } });
  assert.equal(long.status, 422);
  // Another family cannot thank for a note that is not theirs.
  const other = parents.two.browser;
  await other.get('/family');
  const refused = await other.post(`/family/pupils/${a.id}/notes/${id}/thanks`, { form: { csrf_token: other.csrf, words: 'Hi' } });
  assert.equal(refused.status, 404);
  assert.equal(server.sql(`SELECT words FROM family_replies WHERE incident_id = ${id}`), 'Thank you so much!');
  const noCsrf = await b.post(`/family/pupils/${a.id}/notes/${id}/thanks`, { form: { words: 'x' } });
  assert.equal(noCsrf.status, 403);
});

test('a note home is emailed once its undo window has passed, and undoing it takes the email back', async () => {
  const a = pupils.a;
  const id = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'sunshine_note',
    notes: 'Wrote a lovely poem' });
  const row = server.sql(`SELECT recipient, kind, next_attempt_at - created_at, status FROM outbox WHERE incident_id = ${id}`);
  assert.equal(row, 'one@family.example|note_home|120|pending');
  // Undone by its author within the window (the page's undo).
  const t = new Browser(server.base);
  await t.signIn('teacher@demo.attune.school');
  const undone = await t.post(`/incidents/${id}/undo`, { form: { csrf_token: t.csrf } });
  assert.ok([200, 303].includes(undone.status), `undo gave ${undone.status}`);
  assert.equal(server.sql(`SELECT COUNT(*) FROM outbox WHERE incident_id = ${id}`), '0');
});

test('invited from the pupil page, a carer chooses a password from the emailed link, once, and signs in', async () => {
  const c = pupils.c;
  server.sql(`INSERT INTO contacts (school_id, pupil_id, name, relationship, email, parental_responsibility, priority)
    SELECT school_id, id, 'Jo Carer', 'Foster carer', 'jo.carer@family.example', 0, 9 FROM pupils WHERE id = ${c.id}`);
  const contact = Number(server.sql("SELECT id FROM contacts WHERE email = 'jo.carer@family.example'"));
  const teacherB = new Browser(server.base);
  await teacherB.signIn('teacher@demo.attune.school');
  assert.equal((await teacherB.post(`/pupils/${c.id}/contacts/${contact}/invite`, { form: { csrf_token: teacherB.csrf } })).status, 403,
    'a teacher does not hold contacts');
  const office = new Browser(server.base);
  await office.signIn('pastoral@demo.attune.school');
  const pagePupil = await office.get(`/pupils/${c.id}`);
  assert.ok(pagePupil.text.includes(`/pupils/${c.id}/contacts/${contact}/invite`));
  const invited = await office.post(`/pupils/${c.id}/contacts/${contact}/invite`, { form: { csrf_token: office.csrf } });
  assert.equal(invited.status, 303);
  await until('the invitation delivered', () => saved(folder).some((m) => m.rcpt_tos.includes('jo.carer@family.example')));
  const mail = saved(folder).find((m) => m.rcpt_tos.includes('jo.carer@family.example'));
  const text = mail.content.replace(/=\r?\n/g, '');
  const link = /\/family\/welcome\/([A-Za-z0-9_-]+)/.exec(text);
  assert.ok(link, text);
  const carer = new Browser(server.base);
  const welcome = await carer.get(`/family/welcome/${link[1]}`);
  assert.equal(welcome.status, 200);
  assert.ok(welcome.text.includes('Welcome, Jo Carer'));
  const short = await carer.post(`/family/welcome/${link[1]}`, { form: { csrf_token: carer.csrf, new_password: 'short', confirm_password: 'short' } });
  assert.equal(short.status, 422);
  const done = await carer.post(`/family/welcome/${link[1]}`,
    { form: { csrf_token: carer.csrf, new_password: 'a long carer password', confirm_password: 'a long carer password' } });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/family');
  const home = await carer.get('/family');
  assert.ok(home.text.includes(`${c.first} ${c.last}`));
  // The link works once.
  const reuse = new Browser(server.base);
  const used = await reuse.get(`/family/welcome/${link[1]}`);
  assert.equal(used.status, 404);
  assert.match(used.text, /used or has run out/);
  // And signing in works with the chosen password.
  const later = new Browser(server.base);
  assert.equal((await later.signIn('jo.carer@family.example', 'a long carer password')).status, 303);
});

test('a family that chose one email a week gets no email a note, then one digest of the week, once', async () => {
  // A note emailed on its own before the family chose the digest is not sent again in it.
  const emailed = await record({ pupils: [{ id: pupils.b.id, role: 'involved' }], category: 'kindness',
    reward: 'sunshine_note', notes: 'EMAILED-BEFORE-THE-DIGEST' });
  assert.equal(server.sql(`SELECT COUNT(*) FROM outbox WHERE incident_id = ${emailed} AND recipient = 'two@family.example'`), '1');
  const b = parents.two.browser;
  await b.get('/family/account');
  const chose = await b.post('/family/account/digest', { form: { csrf_token: b.csrf, email: 'weekly' } });
  assert.equal(chose.status, 303);
  const note = await record({ pupils: [{ id: pupils.b.id, role: 'involved' }], category: 'kindness',
    reward: 'sunshine_note', notes: 'Welcomed the new pupil at lunch' });
  assert.equal(server.sql(`SELECT COUNT(*) FROM outbox WHERE incident_id = ${note}`), '0', 'no email a note');
  assert.match(server.cli(['parent', 'digest']), /^1 digest written/m);
  const body = server.sql("SELECT body FROM outbox WHERE kind = 'family_digest' AND recipient = 'two@family.example'");
  assert.ok(body.includes(`${pupils.b.first}: Welcomed the new pupil at lunch`), body);
  for (const k of ['a', 'd']) assert.ok(!body.includes(pupils[k].first + ':'), `no ${k}`);
  assert.ok(!body.includes('EMAILED-BEFORE-THE-DIGEST'), 'a note already emailed is not repeated');
  assert.match(server.cli(['parent', 'digest']), /^0 digests written/m, 'once in the week');
});

test('a reply counts characters as the browser does; 280 letters with accents are kept', async () => {
  const a = pupils.a;
  const id = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'sunshine_note',
    notes: 'Made a card for the dinner staff' });
  const b = parents.one.browser;
  await b.get(`/family/pupils/${a.id}`);
  const res = await b.post(`/family/pupils/${a.id}/notes/${id}/thanks`, { form: { csrf_token: b.csrf, words: 'é'.repeat(280) } });
  assert.equal(res.status, 303);
  const tooLong = await record({ pupils: [{ id: a.id, role: 'involved' }], category: 'kindness', reward: 'sunshine_note',
    notes: 'Helped set up the hall' });
  const refused = await b.post(`/family/pupils/${a.id}/notes/${tooLong}/thanks`, { form: { csrf_token: b.csrf, words: 'é'.repeat(281) } });
  assert.equal(refused.status, 422);
});

test('staff stop a contact\'s access: the child leaves the account at once, and its last child ends its sign-ins', async () => {
  const contact = Number(server.sql(`SELECT id FROM contacts WHERE email = 'one@family.example' AND pupil_id = ${pupils.a.id}`));
  const pastoral = new Browser(server.base);
  await pastoral.signIn('pastoral@demo.attune.school');
  const page = await pastoral.get(`/pupils/${pupils.a.id}`);
  assert.ok(page.text.includes(`/pupils/${pupils.a.id}/contacts/${contact}/stop-access`));
  const teacherB = new Browser(server.base);
  await teacherB.signIn('teacher@demo.attune.school');
  assert.equal((await teacherB.post(`/pupils/${pupils.a.id}/contacts/${contact}/stop-access`,
    { form: { csrf_token: teacherB.csrf } })).status, 403);
  // Another pupil's contact id under this pupil is not found.
  const other = Number(server.sql(`SELECT id FROM contacts WHERE email = 'two@family.example' LIMIT 1`));
  assert.equal((await pastoral.post(`/pupils/${pupils.a.id}/contacts/${other}/stop-access`,
    { form: { csrf_token: pastoral.csrf } })).status, 404);
  const stopped = await pastoral.post(`/pupils/${pupils.a.id}/contacts/${contact}/stop-access`, { form: { csrf_token: pastoral.csrf } });
  assert.equal(stopped.status, 303);
  assert.equal((await api(parents.one.token, 'GET', `/api/v1/pupils/${pupils.a.id}`)).status, 401, 'its token ended');
  const home = await parents.one.browser.get('/family');
  assert.equal(home.status, 303, 'its session ended');
  assert.match(home.headers.get('location'), /^\/sign-in/);
  // Family two keeps both children.
  assert.equal((await api(parents.two.token, 'GET', '/api/v1/pupils')).json.pupils.length, 2);
});

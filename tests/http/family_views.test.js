// Views from home and taking a record back (issue 15), against the real
// binary and a real SMTP server, with a policy written for a school unlike
// the shipped ones (Alder Brook Primary, below): its "Home and school plan"
// gives the parent a view at the start and at each review.
//   - staff the policy lets write a section ask the family for their view;
//     everyone linked to the child is emailed, weekly-digest or not; others
//     are refused; a family with no account cannot be asked;
//   - each family answers for itself on its child's page and never sees
//     another family's words; another family's child is 404;
//   - staff read every answer beside the plan, and the review form is
//     filled in with them; closed, the question takes no more answers;
//   - a record shared with a family shows its state on its page, and its
//     recorder takes it back: it leaves the family's pages and API and its
//     unsent email is dropped; others may not; a restricted record is 404.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { freePort, startSmtp, stopSmtp } = require('../support/smtp');
const { bringIntoForce } = require('../support/policies');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays, londonToday } = require('../support/school_days');

const PASSWORD = 'alder-brook-2026';

const POLICY = `format = 1
[school]
name = "Alder Brook Primary"
summary = "We work with families, and we notice what children do well."

[[values]]
id = "gentle"
name = "Be gentle"

[[steps]]
id = "chat"
name = "A quiet chat"
family = "An adult has a quiet chat with your child."

[[categories]]
id = "helping"
name = "Helping others"
class = "prosocial"
value = "gentle"

[[categories]]
id = "unkind_hands"
name = "Unkind hands"
class = "difficult"
default_step = "chat"

[[categories]]
id = "worry"
name = "A worry about a child"
class = "difficult"
default_step = "chat"
safeguarding = true
visible_to = ["dsl"]

[[rewards]]
id = "star_letter"
name = "Star letter home"
kind = "note_home"
send_home = true

[families]
prosocial = "at_once"
difficult = "after_review"
reviewed_by = ["senior"]

[[plans]]
id = "home_and_school"
name = "Home and school plan"
owner = "pastoral"
started_by = ["pastoral", "senior"]
reviewed_by = ["pastoral", "senior"]
review_every_school_days = 10
entries = "daily"
written_by = ["teacher", "pastoral"]
participants = ["pupil", "parent", "key_adult"]

  [[plans.sections]]
  id = "agreed"
  title = "What we agreed"
  stage = "start"

    [[plans.sections.fields]]
    id = "aim"
    label = "What we are working on"
    type = "short_text"
    required = true

    [[plans.sections.fields]]
    id = "home_hopes"
    label = "What the family hopes for"
    type = "long_text"
    view_of = "parent"

    [[plans.sections.fields]]
    id = "targets"
    label = "Our targets"
    type = "targets"

  [[plans.sections]]
  id = "each_day"
  title = "Each day"
  stage = "entry"

    [[plans.sections.fields]]
    id = "today_target"
    label = "Today's target"
    type = "short_text"
    shown_when_recording = true

  [[plans.sections]]
  id = "how_it_is_going"
  title = "How it is going"
  stage = "review"

    [[plans.sections.fields]]
    id = "progress"
    label = "Progress at school"
    type = "long_text"

    [[plans.sections.fields]]
    id = "home_view"
    label = "How it looks at home"
    type = "long_text"
    view_of = "parent"
    help = "A few words about what you notice at home."

[[plans]]
id = "staff_notes_plan"
name = "Staff check-in plan"
owner = "pastoral"
participants = ["key_adult"]

  [[plans.sections]]
  id = "notes"
  title = "Notes"
  stage = "start"

    [[plans.sections.fields]]
    id = "what"
    label = "What we will do"
    type = "long_text"

[guards.physical_intervention]
[guards.senco_advice]
from_step = "chat"
`;

let server;
let smtp;
let folder;
let api;
let plan;  // the Home and school plan of pupil b
const pupils = {};
const families = {};  // one (a), two (b), three (b, separated), none (d): Browser

test.before(async () => {
  const port = await freePort();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-smtp-'));
  smtp = await startSmtp(port, folder);
  server = await startServer({
    pupils: 30,
    env: {
      ATTUNE_SMTP_HOST: '127.0.0.1', ATTUNE_SMTP_PORT: String(port), ATTUNE_SMTP_TLS: 'none',
      ATTUNE_SMTP_FROM: 'office@alderbrook.example',
    },
  });
  const senior = new Browser(server.base);
  assert.equal((await senior.signIn('senior@demo.attune.school')).status, 303);
  await bringIntoForce(senior, POLICY, 'Alder Brook');
  const rows = server.sql('SELECT id, first_name, last_name FROM pupils ORDER BY id LIMIT 4').split('\n');
  ['a', 'b', 'c', 'd'].forEach((k, n) => {
    const [id, first, last] = rows[n].split('|');
    pupils[k] = { id: Number(id), first, last };
  });
  const add = (key, ids) => server.cli(['parent', 'add', '--email', `${key}@alder.example`, '--name', `Parent ${key}`,
    '--password', PASSWORD, '--pupils', ids.join(',')]);
  add('one', [pupils.a.id]);
  add('two', [pupils.b.id]);
  add('three', [pupils.b.id]);
  // Parent three chose one email a week: a question still reaches them.
  server.sql("UPDATE family_accounts SET weekly_digest = 1 WHERE email = 'three@alder.example'");
  for (const key of ['one', 'two', 'three']) {
    families[key] = new Browser(server.base);
    assert.equal((await families[key].signIn(`${key}@alder.example`, PASSWORD)).status, 303, key);
  }
  api = apiAs(server, tokensFor(server, ['pastoral', 'teacher', 'senior']));
  const start = schoolDays(server).latest();
  const made = await api('pastoral', '/api/v1/plans', { pupil_id: pupils.b.id, type: 'home_and_school', starts_on: start,
    fields: { aim: 'Calm mornings', targets: ['AGREED-TARGET Say hello at the gate'] } });
  assert.equal(made.status, 201, made.text);
  plan = made.json.id;
});

test.after(async () => {
  await stopSmtp(smtp);
  if (server) await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function staff(role) {
  const b = new Browser(server.base);
  assert.equal((await b.signIn(`${role}@demo.attune.school`)).status, 303);
  return b;
}

test('staff the policy names ask the family for their view; everyone linked is emailed; others are refused', async () => {
  const teacher = await staff('teacher');
  const seen = await teacher.get(`/plans/${plan}`);
  assert.equal(seen.status, 200);
  assert.ok(!seen.text.includes('Ask the family'), 'a teacher is not among the plan\'s writers');
  const refused = await teacher.post(`/plans/${plan}/family-views`, { form: { csrf_token: teacher.csrf, section: 'how_it_is_going' } });
  assert.equal(refused.status, 403);

  const pastoral = await staff('pastoral');
  const page = await pastoral.get(`/plans/${plan}`);
  assert.match(page.text, /Views from home/);
  assert.match(page.text, /<option value="agreed">What we agreed<\/option>/);
  assert.match(page.text, /<option value="how_it_is_going">How it is going<\/option>/);
  const unknown = await pastoral.post(`/plans/${plan}/family-views`, { form: { csrf_token: pastoral.csrf, section: 'aim' } });
  assert.equal(unknown.status, 422);
  assert.match(unknown.text, /asks the family nothing in that part/);
  const asked = await pastoral.post(`/plans/${plan}/family-views`, { form: { csrf_token: pastoral.csrf, section: 'how_it_is_going' } });
  assert.equal(asked.status, 303, asked.text.slice(0, 500));
  const again = await pastoral.post(`/plans/${plan}/family-views`, { form: { csrf_token: pastoral.csrf, section: 'how_it_is_going' } });
  assert.equal(again.status, 409);
  assert.match(again.text, /asked already/);
  const mails = server.sql("SELECT recipient FROM outbox WHERE kind = 'family_view' ORDER BY recipient").split('\n');
  assert.deepEqual(mails, ['three@alder.example', 'two@alder.example']);
  const body = server.sql("SELECT body FROM outbox WHERE kind = 'family_view' LIMIT 1");
  assert.match(body, new RegExp(`/family/pupils/${pupils.b.id}#views`));
  assert.ok(!body.includes('Calm mornings'), 'the email does not carry the plan');

  // A plan for a child whose family has no account cannot ask them.
  const other = await api('pastoral', '/api/v1/plans', { pupil_id: pupils.d.id, type: 'home_and_school',
    starts_on: schoolDays(server).latest(), fields: { aim: 'Settling in' } });
  assert.equal(other.status, 201, other.text);
  const nobody = await pastoral.post(`/plans/${other.json.id}/family-views`, { form: { csrf_token: pastoral.csrf, section: 'agreed' } });
  assert.equal(nobody.status, 422);
  assert.match(nobody.text, /No one in the family has an account yet/);
  // A plan that does not list the parent offers nothing to ask.
  const quiet = await api('pastoral', '/api/v1/plans', { pupil_id: pupils.b.id, type: 'staff_notes_plan',
    starts_on: schoolDays(server).latest(), fields: { what: 'STAFF-ONLY-PLAN-WORDS' } });
  assert.equal(quiet.status, 201, quiet.text);
  assert.ok(!(await pastoral.get(`/plans/${quiet.json.id}`)).text.includes('Views from home'));
  assert.equal((await pastoral.post(`/plans/${quiet.json.id}/family-views`, { form: { csrf_token: pastoral.csrf, section: 'notes' } })).status, 422);
});

test('each family answers for itself, never sees another\'s words, and cannot answer for another child', async () => {
  const request = Number(server.sql(`SELECT id FROM family_view_requests WHERE plan_id = ${plan} AND closed_at IS NULL`));
  const two = families.two;
  const page = await two.get(`/family/pupils/${pupils.b.id}`);
  assert.match(page.text, /Your view/);
  assert.match(page.text, /How it looks at home/);
  assert.match(page.text, /A few words about what you notice at home/);
  assert.ok(!page.text.includes('Progress at school'), 'only the parent\'s questions');
  assert.ok(!page.text.includes('STAFF-ONLY-PLAN-WORDS'));

  const empty = await two.post(`/family/pupils/${pupils.b.id}/views/${request}`, { form: { csrf_token: two.csrf, 'view.home_view': '  ' } });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Write a few words first/);
  const long = await two.post(`/family/pupils/${pupils.b.id}/views/${request}`, { form: { csrf_token: two.csrf, 'view.home_view': 'é'.repeat(2001) } });
  assert.equal(long.status, 422);
  assert.match(long.text, /at most 2000 characters/);
  assert.ok(long.text.includes('é'.repeat(50)), 'what was typed is kept');
  const sent = await two.post(`/family/pupils/${pupils.b.id}/views/${request}`,
    { form: { csrf_token: two.csrf, 'view.home_view': 'Calmer at bedtime, still hard on Mondays', 'view.progress': 'INJECTED' } });
  assert.equal(sent.status, 303);
  const stored = JSON.parse(server.sql(`SELECT fields FROM family_view_answers WHERE request_id = ${request}`));
  assert.deepEqual(stored, { home_view: 'Calmer at bedtime, still hard on Mondays' }, 'only the parent\'s fields are kept');

  const three = families.three;
  const theirs = await three.get(`/family/pupils/${pupils.b.id}`);
  assert.match(theirs.text, /How it looks at home/);
  assert.ok(!theirs.text.includes('Calmer at bedtime'), 'a separated parent never sees the other\'s words');
  assert.equal((await three.post(`/family/pupils/${pupils.b.id}/views/${request}`,
    { form: { csrf_token: three.csrf, 'view.home_view': 'Much happier mornings' } })).status, 303);

  const one = families.one;
  await one.get('/family');
  assert.equal((await one.get(`/family/pupils/${pupils.b.id}`)).status, 404);
  assert.equal((await one.post(`/family/pupils/${pupils.b.id}/views/${request}`,
    { form: { csrf_token: one.csrf, 'view.home_view': 'x' } })).status, 404);
  assert.equal((await one.post(`/family/pupils/${pupils.a.id}/views/${request}`,
    { form: { csrf_token: one.csrf, 'view.home_view': 'x' } })).status, 404);
  assert.equal((await two.post(`/family/pupils/${pupils.b.id}/views/${request}`,
    { form: { 'view.home_view': 'no token' } })).status, 403, 'CSRF');
});

test('staff read every answer beside the plan, the review form holds them, and a closed question takes no more', async () => {
  const request = Number(server.sql(`SELECT id FROM family_view_requests WHERE plan_id = ${plan} AND closed_at IS NULL`));
  const pastoral = await staff('pastoral');
  const page = await pastoral.get(`/plans/${plan}`);
  assert.match(page.text, /Parent two<\/strong>, from home/);
  assert.match(page.text, /Parent three<\/strong>, from home/);
  const review = page.text.slice(page.text.indexOf('id="reviews"'));
  assert.match(review, /<textarea[^>]*>Parent two: Calmer at bedtime, still hard on Mondays\n\nParent three: Much happier mornings<\/textarea>|Parent two: Calmer at bedtime, still hard on Mondays[\s\S]*Parent three: Much happier mornings/);

  const teacher = await staff('teacher');
  await teacher.get(`/plans/${plan}`);
  assert.equal((await teacher.post(`/plans/${plan}/family-views/${request}/close`, { form: { csrf_token: teacher.csrf } })).status, 403);
  const closed = await pastoral.post(`/plans/${plan}/family-views/${request}/close`, { form: { csrf_token: pastoral.csrf } });
  assert.equal(closed.status, 303);
  assert.equal((await pastoral.post(`/plans/${plan}/family-views/${request}/close`, { form: { csrf_token: pastoral.csrf } })).status, 404);
  const two = families.two;
  const after = await two.get(`/family/pupils/${pupils.b.id}`);
  assert.match(after.text, /closed this question/);
  assert.match(after.text, /Calmer at bedtime/);
  const late = await two.post(`/family/pupils/${pupils.b.id}/views/${request}`, { form: { csrf_token: two.csrf, 'view.home_view': 'late' } });
  assert.equal(late.status, 409);
  // Asked again, a new question opens.
  assert.equal((await pastoral.post(`/plans/${plan}/family-views`, { form: { csrf_token: pastoral.csrf, section: 'how_it_is_going' } })).status, 303);
  assert.equal(server.sql(`SELECT COUNT(*) FROM family_view_requests WHERE plan_id = ${plan}`), '2');
});

test('a shared record shows its state; its recorder takes it back, others may not; its unsent email goes', async () => {
  const a = pupils.a;
  const made = await api('teacher', '/api/v1/incidents', { pupils: [{ id: a.id, role: 'involved' }], category: 'helping',
    reward: 'star_letter', notes: 'Carried the chairs for everyone' });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  assert.equal(server.sql(`SELECT COUNT(*) FROM outbox WHERE incident_id = ${id} AND status = 'pending'`), '1');
  const teacher = await staff('teacher');
  const page = await teacher.get(`/incidents/${id}`);
  assert.match(page.text, /Shared with the family/);
  assert.match(page.text, /They read: “Carried the chairs for everyone”/);
  assert.match(page.text, /Take it back/);
  assert.match((await families.one.get(`/family/pupils/${a.id}`)).text, /Carried the chairs/);

  const pastoral = await staff('pastoral');
  const notTheirs = await pastoral.get(`/incidents/${id}`);
  assert.ok(!notTheirs.text.includes('Take it back'), 'not the recorder, not the policy\'s reviewer');
  assert.equal((await pastoral.post(`/incidents/${id}/family/${a.id}/withdraw`, { form: { csrf_token: pastoral.csrf } })).status, 403);

  const taken = await teacher.post(`/incidents/${id}/family/${a.id}/withdraw`, { form: { csrf_token: teacher.csrf } });
  assert.equal(taken.status, 303);
  assert.equal(server.sql(`SELECT COUNT(*) FROM outbox WHERE incident_id = ${id}`), '0', 'the unsent email is dropped');
  assert.ok(!(await families.one.get(`/family/pupils/${a.id}`)).text.includes('Carried the chairs'));
  const token = server.cli(['token', 'create', '--email', 'one@alder.example']).trim().split('\n').pop();
  const res = await fetch(`${server.base}/api/v1/incidents/${id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 404);
  assert.match((await teacher.get(`/incidents/${id}`)).text, /Kept in school/);
  assert.equal((await teacher.post(`/incidents/${id}/family/${a.id}/withdraw`, { form: { csrf_token: teacher.csrf } })).status, 409);

  // A record waiting for the senior leader is taken back by them.
  const waiting = await api('teacher', '/api/v1/incidents', { pupils: [{ id: a.id, role: 'involved' }], category: 'unkind_hands',
    notes: 'Pushed at the door' });
  const senior = await staff('senior');
  assert.match((await senior.get(`/incidents/${waiting.json.id}`)).text, /Waiting to be checked/);
  assert.equal((await senior.post(`/incidents/${waiting.json.id}/family/${a.id}/withdraw`, { form: { csrf_token: senior.csrf } })).status, 303);
  assert.ok(!(await senior.get('/family/reviews')).text.includes(`review-${waiting.json.id}-`));

  // A restricted record is not found here, whoever asks.
  const concern = await api('teacher', '/api/v1/incidents', { pupils: [{ id: a.id, role: 'involved' }], category: 'worry',
    notes: 'WORRY-WORDS', safeguarding: true });
  assert.equal(concern.status, 201, concern.text);
  assert.equal((await senior.post(`/incidents/${concern.json.id}/family/${a.id}/withdraw`, { form: { csrf_token: senior.csrf } })).status, 404);
});

test('a member of staff who is also a parent gets a family token with --family, a staff one without', async () => {
  server.cli(['parent', 'add', '--email', 'senco@demo.attune.school', '--name', 'Parent senco', '--password', 'a different password 2026',
    '--pupils', String(pupils.c.id)]);
  const me = async (args) => {
    const token = server.cli(['token', 'create', '--email', 'senco@demo.attune.school', ...args]).trim().split('\n').pop();
    const res = await fetch(`${server.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    return res.json();
  };
  assert.equal((await me([])).role, 'senco');
  assert.equal((await me(['--family'])).role, 'parent');
  assert.throws(() => server.cli(['token', 'create', '--email', 'teacher@demo.attune.school', '--family']), /No active family account/);
});

test('a family with more than a hundred notes pages back through them all, on the page and in the API', async () => {
  const a = pupils.a;
  // 130 notes shared with family one, written straight into the store (the
  // recording path is tested elsewhere): kindness with a star letter.
  const before = Number(server.sql('SELECT COALESCE(MAX(id), 0) FROM incidents'));
  server.sql(`WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 130)
    INSERT INTO incidents (school_id, occurred_at, recorded_at, recorded_by_staff_id, behaviour_class, category, reward, behaviour, policy_version_id)
    SELECT i.school_id, i.occurred_at - 86400 * k, i.recorded_at, i.recorded_by_staff_id, 'prosocial', 'helping', 'star_letter', 'Old note ' || k, i.policy_version_id
    FROM n, (SELECT * FROM incidents WHERE id = (SELECT MIN(id) FROM incidents WHERE category = 'helping')) i`);
  server.sql(`INSERT INTO family_shares (incident_id, pupil_id, school_id, state, words, send_home, occurred_at, created_at)
    SELECT id, ${a.id}, school_id, 'shared', behaviour, 1, occurred_at, recorded_at FROM incidents WHERE id > ${before}`);
  const token = server.cli(['token', 'create', '--email', 'one@alder.example']).trim().split('\n').pop();
  const get = async (url) => (await fetch(server.base + url, { headers: { authorization: `Bearer ${token}` } })).json();
  const seen = [];
  let url = `/api/v1/incidents?pupil=${a.id}`;
  for (let pages = 0; url && pages < 10; pages++) {
    const page = await get(url);
    seen.push(...page.incidents.map((r) => r.id));
    url = page.next_before ? `/api/v1/incidents?pupil=${a.id}&before=${page.next_before}` : null;
  }
  const shared = Number(server.sql(`SELECT COUNT(*) FROM family_shares WHERE pupil_id = ${a.id} AND state = 'shared'`));
  assert.equal(seen.length, shared, 'every shared record once');
  assert.equal(new Set(seen).size, seen.length);
  const oldest = Number(server.sql(`SELECT incident_id FROM family_shares WHERE pupil_id = ${a.id} AND state = 'shared' ORDER BY occurred_at, incident_id LIMIT 1`));
  assert.equal((await fetch(`${server.base}/api/v1/incidents/${oldest}`, { headers: { authorization: `Bearer ${token}` } })).status, 200,
    'a record older than the newest hundred is found');
  const first = await families.one.get(`/family/pupils/${a.id}`);
  const older = /href="(\/family\/pupils\/\d+\?before=\d+)#notes-heading"/.exec(first.text);
  assert.ok(older, 'an Older notes link');
  const next = await families.one.get(older[1]);
  assert.equal(next.status, 200);
  assert.match(next.text, /Back to the newest/);
  assert.match(next.text, /Old note 130/);
});

test('a parent changes their password on their account page; other sign-ins end; never the staff one of the same email', async () => {
  const other = new Browser(server.base);
  assert.equal((await other.signIn('three@alder.example', PASSWORD)).status, 303);
  const b = families.three;
  const page = await b.get('/family/account');
  assert.match(page.text, /Change your password/);
  const wrong = await b.post('/family/account/password', { form: { csrf_token: b.csrf, current_password: 'not it at all',
    new_password: 'a brand new family one', confirm_password: 'a brand new family one' } });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /Your current password is not right/);
  const changed = await b.post('/family/account/password', { form: { csrf_token: b.csrf, current_password: PASSWORD,
    new_password: 'a brand new family one', confirm_password: 'a brand new family one' } });
  assert.equal(changed.status, 303);
  assert.equal((await b.get('/family')).status, 200, 'this sign-in stays');
  assert.equal((await other.get('/family')).status, 303, 'the other ends');
  assert.equal((await new Browser(server.base).signIn('three@alder.example', 'a brand new family one')).status, 303);
  // The senco (a parent here too) may not take their staff password for the family account.
  const senco = new Browser(server.base);
  assert.equal((await senco.signIn('senco@demo.attune.school', 'a different password 2026')).status, 303);
  await senco.get('/family/account');
  const same = await senco.post('/family/account/password', { form: { csrf_token: senco.csrf,
    current_password: 'a different password 2026', new_password: require('../support/server').DEMO_PASSWORD,
    confirm_password: require('../support/server').DEMO_PASSWORD } });
  assert.equal(same.status, 422);
  assert.match(same.text, /different from the one you use at school as staff/);
});

test('a family sees the targets agreed and this week\'s daily targets of an active plan, and no other plan\'s', async () => {
  const days = schoolDays(server);
  const today = days.latest();
  const entry = await api('teacher', `/api/v1/plans/${plan}/entries`, { on: today, fields: { today_target: 'WEEK-TARGET Hang up my coat' } });
  assert.equal(entry.status, 201, entry.text);
  const page = await families.two.get(`/family/pupils/${pupils.b.id}`);
  assert.match(page.text, /The targets we agreed:[\s\S]*AGREED-TARGET Say hello at the gate/);
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${today}T12:00:00Z`));
  const monday = (() => { const d = new Date(`${londonToday()}T12:00:00Z`); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); return d.toISOString().slice(0, 10); })();
  if (today >= monday) {
    assert.ok(page.text.includes(`${weekday}: WEEK-TARGET Hang up my coat`), 'this week\'s target with its day');
  }
  const token = server.cli(['token', 'create', '--email', 'two@alder.example']).trim().split('\n').pop();
  const child = await (await fetch(`${server.base}/api/v1/pupils/${pupils.b.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const theirs = child.plans.find((p) => p.name === 'Home and school plan');
  assert.deepEqual(theirs.targets, ['AGREED-TARGET Say hello at the gate']);
  if (today >= monday) assert.deepEqual(theirs.this_week, [{ on: today, target: 'WEEK-TARGET Hang up my coat' }]);
  // Family one, of another child, sees none of it.
  const seen = (await families.one.get(`/family/pupils/${pupils.a.id}`)).text;
  assert.ok(!seen.includes('AGREED-TARGET') && !seen.includes('WEEK-TARGET'));
});

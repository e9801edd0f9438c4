// Trusts and local authorities (issue 16, decision 0034), through the real
// binary on both stores: three schools; a trust of schools 1 and 3; the
// North authority holds schools 1 and 2, the South authority school 3. A
// trust leader sees only the trust's schools; an officer only suppressed
// figures and the notices of their own authority's schools; neither ever
// sees a pupil's name, nor a count of 1 or 2, nor any school's page.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');
const twoStep = require('../support/two_step');

const PASSWORD = 'organisation-pass-2026';
let server;
const names = {};  // school id -> name
let pupilNames = [];
const notice = {};  // school id -> the record number of its seeded notices
let today;

function orgId(out) { return Number(/with id (\d+)/.exec(out)[1]); }

test.before(async () => {
  server = await startServer({ pupils: 40, days: 10, schools: 3 });
  for (const s of [1, 2, 3]) names[s] = server.sql(`SELECT name FROM schools WHERE id = ${s}`);
  pupilNames = server.sql("SELECT first_name || ' ' || last_name FROM pupils").split('\n').filter(Boolean);
  assert.ok(pupilNames.length >= 100, `${pupilNames.length} pupils`);
  today = server.sql("SELECT date('now')");
  // A notice of each kind in each school, written as attune leaves them: a
  // decided suspension (two DfE codes, three days) on one record and a
  // physical intervention whose notice goes to the authority on another.
  for (const s of [1, 2, 3]) {
    const free = (table, not = 0) => server.sql(`SELECT MIN(i.id) FROM incidents i WHERE i.school_id = ${s} AND i.restricted = 0 AND i.id <> ${not} AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.incident_id = i.id)`);
    const suspended = free('suspensions');
    server.sql(`INSERT INTO suspensions (incident_id, school_id, reason_codes, decided_at, starts_on, school_days, outcome) VALUES (${suspended}, ${s}, 'PA,VA', 1, '${today}', 3, 'suspended')`);
    const held = free('physical_interventions', suspended);
    server.sql(`UPDATE incidents SET physical_intervention = 1 WHERE id = ${held}`);
    server.sql(`INSERT INTO physical_interventions (incident_id, school_id, parent_notice_would_harm) VALUES (${held}, ${s}, 1)`);
    notice[s] = [suspended, held];
  }
  const trust = orgId(server.cli(['organisation', 'create', '--kind', 'trust', '--name', 'Northfield Learning Trust']));
  const north = orgId(server.cli(['organisation', 'create', '--kind', 'local_authority', '--name', 'North County Council', '--code', '850']));
  const south = orgId(server.cli(['organisation', 'create', '--kind', 'local_authority', '--name', 'South Borough Council']));
  server.cli(['organisation', 'attach', '--organisation', String(trust), '--school', '1', '--school', '3']);
  server.cli(['organisation', 'attach', '--organisation', String(north), '--school', '1', '--school', '2']);
  server.cli(['organisation', 'attach', '--organisation', String(south), '--school', '3']);
  const person = (org, email, name) => server.cli(['organisation', 'add-person', '--organisation', String(org),
    '--email', email, '--name', name, '--password', PASSWORD]);
  person(trust, 'ceo@northfield.example', 'Ruth Okafor');
  person(north, 'inclusion@north.example', 'Sam Patel');
  person(south, 'inclusion@south.example', 'Jo Evans');
});
test.after(async () => { await server.stop(); });

// Signs in with the second step, as a person would (support/two_step.js):
// setting two-step sign-in up the first time (both roles require it,
// decision 0034), a code from the app later; either way to the group's page.
async function signedIn(email) {
  const b = new Browser(server.base);
  const res = await b.signIn(email, PASSWORD);
  assert.equal(res.status, 303, `${email} signs in`);
  assert.match(res.headers.get('location'), /^\/(group$|account\/two-step\?next=\/group$)/,
    'and lands on the group\'s page, after setting up the second step if it is the first time');
  return b;
}

function noPupilNamed(text, where) {
  for (const n of pupilNames) assert.ok(!text.includes(n), `${where} names ${n}`);
}

test('a school is in at most one trust and one authority; the CLI says so', () => {
  assert.throws(() => server.cli(['organisation', 'attach', '--organisation', '3', '--school', '1']),
    /already in another local authority/);
  assert.throws(() => server.cli(['organisation', 'create', '--kind', 'council', '--name', 'X']), /trust or local_authority/);
  assert.throws(() => server.cli(['organisation', 'add-person', '--organisation', '1', '--email', 'a@b.example',
    '--name', 'A', '--password', 'short']), /password/i);
  const listed = server.cli(['organisation', 'list']);
  assert.match(listed, /Trust: Northfield Learning Trust/);
  assert.match(listed, /Local authority officer {2}Sam Patel/);
});

test('a trust leader sees the trust\'s schools beside the group, and nothing else', async () => {
  const b = await signedIn('ceo@northfield.example');
  for (const by of ['term', 'month']) {
    const page = await b.get(`/group?by=${by}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(names[1]) && page.text.includes(names[3]), 'its two schools');
    assert.ok(!page.text.includes(names[2]), 'never a school outside the trust');
    assert.match(page.text, /All 2 schools/);
    assert.match(page.text, /Records of distress or harm, per 100 pupils/);
    assert.match(page.text, /Equity across the group/);
    noPupilNamed(page.text, `/group?by=${by}`);
  }
  // Notices are the authority's; no school's page is the trust's.
  assert.equal((await b.get('/group/notices')).status, 403);
  for (const p of ['/pupils', '/records', '/insight', '/actions', '/staff', '/audit', '/account', '/family', '/staff/1/two-step']) {
    assert.equal((await b.get(p)).status, 403, p);
  }
  // Its pages say whose figures they are, and a refusal leads back to them.
  const own = await b.get('/group');
  assert.match(own.text, /figures shared by its schools with /);
  assert.ok(!own.text.includes('records are confidential to the school'));
  const refused = await b.get('/pupils');
  assert.match(refused.text, /<a href="\/group">Go to the schools(&apos;|&#39;|')? figures<\/a>/);
  // A form without its token is an expired form, not a matter of role.
  const stale = await b.post('/group/account/password', { form: { csrf_token: 'not the token',
    current_password: PASSWORD, new_password: 'another password 9', confirm_password: 'another password 9' } });
  assert.equal(stale.status, 403);
  assert.match(stale.text, /<h1>This form has expired<\/h1>/);
  assert.ok(!stale.text.includes('Not available to your role'));
  assert.equal((await b.get('/group?by=week')).status, 422);
  assert.equal((await b.get('/group?year=19999')).status, 422);
  // An API answers the trust's cookie with nothing.
  const api = await b.get('/api/v1/pupils');
  assert.equal(api.status, 401);
});

test('an officer sees only suppressed figures: a count of 1 or 2 is never a number', async () => {
  const b = await signedIn('inclusion@north.example');
  const page = await b.get('/group');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(names[1]) && page.text.includes(names[2]) && !page.text.includes(names[3]));
  noPupilNamed(page.text, '/group');
  // The seeded suspension is one pupil's in each school this term: the
  // suspensions table says "fewer than 3" for it, never its rate.
  const section = page.text.split('id="measure-suspensions"')[1].split('</section>')[0];
  for (const s of [1, 2]) {
    const row = section.split('<th scope="row">' + names[s] + '</th>')[1].split('</tr>')[0];
    const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    const pupils = Number(cells[0].replace(/,/g, ''));
    const counted = Number(server.sql(`SELECT COUNT(*) FROM suspensions s JOIN incident_pupils ip ON ip.incident_id = s.incident_id AND ip.role = 'involved' JOIN incidents i ON i.id = s.incident_id AND i.restricted = 0 WHERE s.school_id = ${s} AND s.outcome = 'suspended' AND s.starts_on >= '${today.slice(0, 4)}-01-01'`));
    for (const c of cells.slice(1)) {
      for (const small of [1, 2]) {
        const rate = (100 * small / pupils).toFixed(1).replace(/\.0$/, '');
        assert.notEqual(c, rate, `school ${s}: a rate built on ${small} is shown (${cells})`);
      }
    }
    if (counted <= 2) assert.ok(cells.includes('fewer than 3'), `school ${s}: ${counted} shown as ${cells}`);
  }
  assert.equal((await b.get('/pupils')).status, 403);
});

test('notices reach the right authority and no other, without the pupil', async () => {
  const north = await signedIn('inclusion@north.example');
  const south = await signedIn('inclusion@south.example');
  const n = await north.get('/group/notices');
  const s = await south.get('/group/notices');
  assert.equal(n.status, 200);
  assert.equal(s.status, 200);
  for (const id of [...notice[1], ...notice[2]]) {
    assert.ok(n.text.includes(`No. ${id}<`), `North sees record ${id}`);
    assert.ok(!s.text.includes(`No. ${id}<`), `South never sees record ${id}`);
  }
  for (const id of notice[3]) {
    assert.ok(s.text.includes(`No. ${id}<`), `South sees record ${id}`);
    assert.ok(!n.text.includes(`No. ${id}<`), `North never sees record ${id}`);
  }
  assert.match(n.text, /PA: Physical assault against an adult/);
  assert.match(n.text, /3 school days/);
  assert.match(n.text, /parents not told/);
  assert.match(n.text, /Not yet marked sent/);
  noPupilNamed(n.text, '/group/notices');
  noPupilNamed(s.text, '/group/notices');
  // Marked sent by the school: the authority sees when.
  server.sql(`UPDATE suspensions SET la_notice_at = ${Math.floor(Date.now() / 1000)} WHERE incident_id = ${notice[1][0]}`);
  assert.match((await north.get('/group/notices')).text, /Sent \w+ \d+ \w+ \d{4}/);
});

test('every read is in each school\'s own audit log; signing in is throttled and audited as staff\'s', async () => {
  const b = await signedIn('inclusion@south.example');
  await b.get('/group');
  await server.settle();
  const read = server.sql("SELECT school_id FROM audit_log WHERE action = 'group.read' AND detail LIKE 'South Borough Council%' ORDER BY school_id");
  assert.deepEqual([...new Set(read.split('\n'))], ['3']);
  const notices = server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'group.read_notices' AND school_id IN (1, 2)");
  assert.ok(Number(notices) >= 2, `${notices} notice reads audited in North's schools`);
  assert.ok(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND subject_type = 'organisation_member'")) >= 3);
  const wrong = new Browser(server.base);
  for (let i = 0; i < 5; i += 1) assert.equal((await wrong.signIn('ceo@northfield.example', 'not-the-password')).status, 401);
  assert.equal((await wrong.signIn('ceo@northfield.example', PASSWORD)).status, 429, 'the same throttle as staff');
  // Signing out ends the session.
  const out = await b.post('/sign-out', { form: { csrf_token: b.csrf } });
  assert.equal(out.status, 303);
  assert.equal((await b.get('/group')).status, 303, 'sent to sign in again');
});

// Signs in with the password only, answering where the server sends them.
async function passwordOnly(email) {
  const b = new Browser(server.base);
  await b.get('/sign-in');
  const res = await b.post('/sign-in', { form: { csrf_token: b.csrf, email, password: PASSWORD, next: '' } });
  assert.equal(res.status, 303, `${email}'s password is right`);
  return { b, where: res.headers.get('location') };
}

// Every page an organisation's person may have; none opens before the second step.
const GROUP_ROUTES = ['/group', '/group?by=month', '/group/notices', '/group/account', '/', '/pupils'];

test('two-step sign-in is required of both roles: until it is given, nothing but the step opens', async () => {
  const email = 'second-step@north.example';
  server.cli(['organisation', 'add-person', '--organisation', '2', '--email', email, '--name', 'Alex Reid', '--password', PASSWORD]);
  // The first sign-in owes the set-up: every page sends them to it.
  const first = await passwordOnly(email);
  assert.equal(first.where, '/account/two-step?next=/group');
  for (const p of GROUP_ROUTES) {
    const res = await first.b.get(p);
    assert.equal(res.status, 303, `${p} before the set-up`);
    assert.match(res.headers.get('location'), /^\/account\/two-step\?next=/, p);
  }
  const post = await first.b.post('/group/account/password', { form: { csrf_token: first.b.csrf,
    current_password: PASSWORD, new_password: 'a-new-password-2026', confirm_password: 'a-new-password-2026' } });
  assert.equal(post.status, 303, 'no password change before the set-up');
  assert.match(post.headers.get('location'), /^\/account\/two-step/);
  const setUp = await first.b.get(first.where);
  assert.equal(setUp.status, 200);
  assert.match(setUp.text, /Your role, Local authority officer, sees the figures of several schools/);
  assert.match(setUp.text, /Your organisation may tell you which to use/);
  // Set up through the page, as a person with an app would.
  const key = twoStep.keyFromPage(setUp.text);
  const step = Math.floor(await twoStep.serverSeconds(server.base) / twoStep.STEP);
  const done = await first.b.post('/account/two-step', { form: { csrf_token: first.b.csrf, next: '/group', code: twoStep.totpAt(key, step) } });
  assert.equal(done.status, 200);
  const codes = twoStep.recoveryCodesFromPage(done.text);
  assert.equal(codes.length, 10, 'ten recovery codes, shown once');
  twoStep.remember(server.base, email, key, step, codes);
  assert.equal((await first.b.get('/group')).status, 200, 'the group\'s page once set up');
  await first.b.post('/sign-out', { form: { csrf_token: first.b.csrf } });

  // Later sign-ins owe a code: again nothing opens until it is given.
  const later = await passwordOnly(email);
  assert.equal(later.where, '/sign-in/code?next=/group');
  for (const p of GROUP_ROUTES) {
    const res = await later.b.get(p);
    assert.equal(res.status, 303, `${p} before the code`);
    assert.match(res.headers.get('location'), /^\/sign-in\/code\?next=/, p);
  }
  await later.b.get(later.where);
  // A wrong code is refused, and after five even the right one waits.
  const wrong = await later.b.post('/sign-in/code', { form: { csrf_token: later.b.csrf, next: '/group', code: '000000' } });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /That code did not work/);
  for (let i = 1; i < 5; i += 1) {
    const res = await later.b.post('/sign-in/code', { form: { csrf_token: later.b.csrf, next: '/group', code: '000000' } });
    assert.equal(res.status, 422, `wrong code ${i + 1}`);
  }
  const { code } = await twoStep.nextCode(server.base, email, { allowRecovery: false });
  const blocked = await later.b.post('/sign-in/code', { form: { csrf_token: later.b.csrf, next: '/group', code } });
  assert.equal(blocked.status, 429);
  assert.match(blocked.text, /wait 15 minutes/);
  assert.match(blocked.text, /the person who runs attune for your organisation/);
  assert.equal((await later.b.get('/group')).status, 303, 'still nothing but the step');
  await server.settle();
  const audited = (action) => Number(server.sql(`SELECT COUNT(*) FROM audit_log a JOIN organisation_members m ON m.id = a.subject_id WHERE a.action = '${action}' AND a.subject_type = 'organisation_member' AND m.email = '${email}'`));
  assert.equal(audited('second_factor.enrolled'), 1);
  assert.equal(audited('second_factor.failed'), 5);
  assert.equal(audited('second_factor.throttled'), 1);
  assert.equal(audited('sign_in.password'), 2);

  // The operator resets it from the command line (audited): their sessions
  // end, and the next sign-in sets it up again.
  assert.match(server.cli(['organisation', 'reset-two-step', '--email', email]), /Two-step sign-in reset for/);
  assert.equal(audited('second_factor.reset'), 1);
  const ended = await later.b.get('/group');
  assert.equal(ended.status, 303, 'the earlier session has ended');
  assert.match(ended.headers.get('location'), /^\/sign-in\?next=/);
  assert.equal((await passwordOnly(email)).where, '/account/two-step?next=/group');
  assert.throws(() => server.cli(['organisation', 'reset-two-step', '--email', 'nobody@north.example']), /No active member of staff or organisation account/);
});

test('an organisation\'s person changes their own password: checked, audited, their other sessions end', async () => {
  const email = 'inclusion@north.example';
  const here = await signedIn(email);
  const elsewhere = await signedIn(email);
  const page = await here.get('/group/account');
  assert.equal(page.status, 200);
  assert.match(page.text, /Sam Patel/);
  assert.match(page.text, /Local authority officer/);
  assert.match(page.text, /Two-step sign-in/);
  assert.match(page.text, /action="\/group\/account\/password"/);
  const change = (form) => here.post('/group/account/password', { form: { csrf_token: here.csrf, ...form } });
  const NEW = 'a-longer-officer-password-2026';
  // Each mistake is said beside its field, and nothing changes.
  let res = await change({ current_password: 'not-the-password', new_password: NEW, confirm_password: NEW });
  assert.equal(res.status, 422);
  assert.match(res.text, /Your current password is not right/);
  res = await change({ current_password: PASSWORD, new_password: 'short', confirm_password: 'short' });
  assert.equal(res.status, 422);
  assert.match(res.text, /at least 10 characters/i);
  res = await change({ current_password: PASSWORD, new_password: NEW, confirm_password: NEW + 'x' });
  assert.equal(res.status, 422);
  assert.match(res.text, /The two new passwords are not the same/);
  // Without the form's token, refused.
  res = await here.post('/group/account/password', { form: { current_password: PASSWORD, new_password: NEW, confirm_password: NEW } });
  assert.equal(res.status, 403);
  res = await change({ current_password: PASSWORD, new_password: NEW, confirm_password: NEW });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/group/account');
  assert.equal((await here.get('/group')).status, 200, 'this session goes on');
  assert.equal((await elsewhere.get('/group')).status, 303, 'the other session has ended');
  await server.settle();
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'password_changed' AND subject_type = 'organisation_member'")), 1);
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'password_change_failed' AND subject_type = 'organisation_member'")), 1);
  // The new password signs in; the old one no longer does.
  const again = new Browser(server.base);
  await again.get('/sign-in');
  assert.equal((await again.post('/sign-in', { form: { csrf_token: again.csrf, email, password: PASSWORD, next: '' } })).status, 401);
  assert.equal((await again.signIn(email, NEW)).status, 303);
  // Staff's account page is not theirs, nor theirs a member of staff's.
  assert.equal((await again.get('/account')).status, 403);
  assert.equal((await again.get('/group/account')).status, 200);
});

test('the figures download as the page shows them: same suppression, group.view only, audited', async () => {
  const b = await signedIn('inclusion@south.example');
  const page = await b.get('/group?by=month');
  const href = /href="(\/group\/export\.csv\?by=month&amp;year=\d+)"/.exec(page.text);
  assert.ok(href, 'the page links to its download');
  const before = Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'group.read' AND school_id = 3"));
  const csv = await b.get(href[1].replace(/&amp;/g, '&'));
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="group-month-\d+\.csv"/);
  const lines = csv.text.trim().split(/\r?\n/);
  assert.match(lines[0], /^Measure,School,Pupils on roll,/);
  assert.ok(lines.some((l) => l.startsWith(`"Suspensions, per 100 pupils",${names[3]},`)), 'each school\'s line');
  assert.ok(lines.some((l) => l.startsWith('"Suspensions, per 100 pupils",The whole group,')), 'the group\'s line');
  assert.ok(lines.some((l) => l.startsWith("Repairs within the policy's time,")), 'repairs');
  // The seeded suspension is one pupil's: "fewer than 3", as on the page, never its rate.
  const suspensions = lines.find((l) => l.startsWith(`"Suspensions, per 100 pupils",${names[3]},`));
  assert.match(suspensions, /fewer than 3/);
  noPupilNamed(csv.text, '/group/export.csv');
  // Every cell on the page's tables is in the file, word for word.
  const pageCells = [...page.text.split('id="measure-records"')[1].split('</section>')[0].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  const fileCells = lines.find((l) => l.startsWith(`"Records of distress or harm, per 100 pupils",${names[3]},`)).split(',').slice(3);
  assert.deepEqual(fileCells.map((c) => c.replace(/^"|"$/g, '')), pageCells.slice(0, fileCells.length).map((c) => c.replace(/&times;|×/g, '×')));
  await server.settle();
  assert.ok(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'group.read' AND school_id = 3")) > before, 'read in the school\'s log');
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv' AND detail LIKE 'group figures%'")), 1);
  assert.equal((await b.get('/group/export.csv?by=week')).status, 422);
  // Staff and the signed-out get nothing.
  assert.equal((await new Browser(server.base).get('/group/export.csv')).status, 303);
  const teacher = new Browser(server.base);
  await teacher.signIn('teacher@demo.attune.school');
  assert.equal((await teacher.get('/group/export.csv')).status, 403);
});

test('the demo has a trust and an authority holding its school, a person each to sign in as', async () => {
  const demo = await startServer({ pupils: 40, days: 5, organisations: true });
  try {
    const listed = demo.cli(['organisation', 'list']);
    assert.match(listed, /Trust: Attune Demo Learning Trust/);
    assert.match(listed, /Local authority: Demo County Council/);
    for (const [email, heading] of [['trust@demo.attune.school', 'Attune Demo Learning Trust'], ['authority@demo.attune.school', 'Demo County Council']]) {
      const b = new Browser(demo.base);
      assert.equal((await b.signIn(email)).status, 303, `${email} signs in with the demo password`);
      const page = await b.get('/group');
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`<h1>${heading}</h1>`));
      assert.match(page.text, /How the one school of the (trust|authority) is doing/);
      assert.match(page.text, /The whole group/);
    }
  } finally {
    await demo.stop();
  }
});

test('a person who leaves is removed and signed out at once; a school that leaves is detached', async () => {
  const created = orgId(server.cli(['organisation', 'create', '--kind', 'trust', '--name', 'Westgate Schools Trust']));
  server.cli(['organisation', 'attach', '--organisation', String(created), '--school', '2']);
  server.cli(['organisation', 'add-person', '--organisation', String(created), '--email', 'ceo@westgate.example',
    '--name', 'Lee Marsh', '--password', PASSWORD]);
  const b = await signedIn('ceo@westgate.example');
  const page = await b.get('/group');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(names[2]), 'the school is in the trust');
  // The school leaves for another trust: its figures leave the page.
  assert.match(server.cli(['organisation', 'detach', '--organisation', String(created), '--school', '2']), /Detached school 2/);
  const after = await b.get('/group');
  assert.equal(after.status, 200);
  assert.ok(!after.text.includes(names[2]), 'the school is no longer shown');
  // With none left it says so, not how "the 0 schools" are doing.
  assert.match(after.text, /No schools are attached yet/);
  assert.ok(!/How the 0 schools/.test(after.text));
  assert.throws(() => server.cli(['organisation', 'detach', '--organisation', String(created), '--school', '2']),
    /That school is not in that trust or local authority/);
  // The person leaves: their open session ends and their password opens nothing.
  assert.match(server.cli(['organisation', 'remove-person', '--email', 'CEO@westgate.example']),
    /Lee Marsh can no longer sign in; their sessions have ended/);
  const gone = await b.get('/group');
  assert.equal(gone.status, 303);
  assert.match(gone.headers.get('location'), /^\/sign-in/);
  const again = new Browser(server.base);
  const refused = await again.signIn('ceo@westgate.example', PASSWORD);
  assert.notEqual(refused.status, 303, 'the password signs nobody in');
  assert.match(server.cli(['organisation', 'list']), /Lee Marsh <ceo@westgate\.example> \(inactive\)/);
  assert.throws(() => server.cli(['organisation', 'remove-person', '--email', 'nobody@westgate.example']),
    /No organisation account with that email/);
});

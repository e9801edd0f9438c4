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

async function signedIn(email) {
  const b = new Browser(server.base);
  const res = await b.signIn(email, PASSWORD);
  assert.equal(res.status, 303, `${email} signs in`);
  assert.equal(res.headers.get('location'), '/group', 'and lands on the group\'s page');
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
  for (const p of ['/pupils', '/records', '/insight', '/actions', '/staff', '/audit', '/account', '/family']) {
    assert.equal((await b.get(p)).status, 403, p);
  }
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

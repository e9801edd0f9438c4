// Route × role × school (issue 16): with two schools in one database, every
// route that names a record by its id is asked, by every role of each
// school, for a record of the other school. A role without the route's
// permission is refused as ever (403); a role with it finds nothing there
// (404), or is refused the write on its merits (400, 422) with nothing
// saved; never an answer of the other school's. Every list the API gives
// holds only the asker's own school. Organisation accounts (decision 0034)
// are walked too: a trust leader and an authority officer holding only
// school 1 reach no route that names a record, of either school, nor any
// pupil-level page or list. Runs on both stores.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { startServer, Browser, ROLES, BIN } = require('../support/server');

let server;
const routes = JSON.parse(execFileSync(BIN, ['routes'], { encoding: 'utf8' }));
const email = (role, school) => `${role}@${school === 1 ? 'demo' : 'demo2'}.attune.school`;

// What the id after each path word names: the table it is a row of.
const tableAfter = {
  notifications: 'notifications', pupils: 'pupils', contacts: 'contacts', actions: 'actions',
  plans: 'plans', 'family-views': 'family_view_requests', incidents: 'incidents',
  escalations: 'escalations', family: 'pupils', restorative: 'restorative_conversations',
  classes: 'teaching_groups', policies: 'policy_versions', surveys: 'surveys', runs: 'survey_runs',
  mail: 'outbox', notes: 'incidents', views: 'family_view_requests', staff: 'staff',
  import: 'mis_imports',
};
// /family/reviews/{incident}/{pupil}: the words are not the path's.
const special = { '/family/reviews/([0-9]+)/([0-9]+)': ['incidents', 'pupils'] };

// The first row of each kind in each school, asked once: nothing the walks
// ask may write (each walk checks the tables' counts after).
const firstIds = new Map();

// `route`'s example with each id replaced by one of `school`'s rows, or
// null when that school has no row of a kind.
function pathFor(route, school) {
  const tables = special[route.pattern] ||
    [...route.pattern.matchAll(/([a-z-]+)\/\(\[0-9\]\+\)/g)].map((m) => tableAfter[m[1]]);
  let path = route.pattern;
  for (const table of tables) {
    assert.ok(table, `a table for ${route.pattern}`);
    const key = `${table} ${school}`;
    if (!firstIds.has(key)) firstIds.set(key, server.sql(`SELECT MIN(id) FROM ${table} WHERE school_id = ${school}`));
    const id = firstIds.get(key);
    if (!id) return null;
    path = path.replace('([0-9]+)', id);
  }
  return path;
}

const withIds = routes.filter((r) => r.pattern.includes('([0-9]+)'));

test.before(async () => {
  server = await startServer({ pupils: 40, days: 10, schools: 2 });
  // A row of each kind the demo history may leave out, in both schools
  // (written as attune would leave it): a survey with an open run, a
  // parents' view asked for, an email waiting, a proposal, a notice and an
  // MIS import.
  for (const s of [1, 2]) {
    const first = (table, where = '') => server.sql(`SELECT MIN(id) FROM ${table} WHERE school_id = ${s} ${where}`);
    const incident = first('incidents');
    const pupil = server.sql(`SELECT MIN(pupil_id) FROM incident_pupils WHERE incident_id = ${incident}`);
    const staff = first('staff');
    server.sql(`INSERT INTO surveys (school_id, title, created_at) VALUES (${s}, 'How is school?', 0)`);
    server.sql(`INSERT INTO survey_runs (school_id, survey_id, group_label, opened_at) VALUES (${s}, ${first('surveys')}, 'Year 7', 0)`);
    server.sql(`INSERT INTO family_view_requests (school_id, plan_id, pupil_id, section_id, asked_at) SELECT ${s}, id, pupil_id, 'parent_view', 0 FROM plans WHERE id = ${first('plans')}`);
    server.sql(`INSERT INTO outbox (school_id, kind, recipient, subject, body, message_id, next_attempt_at, created_at) VALUES (${s}, 'note_home', 'x@example.org', 'S', 'B', '<walls-${s}@attune>', 0, 0)`);
    server.sql(`INSERT INTO escalations (school_id, incident_id, pupil_id, escalation, created_at) VALUES (${s}, ${incident}, ${pupil}, 'walls', 0)`);
    server.sql(`INSERT INTO notifications (school_id, staff_id, kind, text, incident_id, created_at) VALUES (${s}, ${staff}, 'concern', 'A concern', ${incident}, 0)`);
    server.sql(`INSERT INTO mis_imports (school_id, staff_id, file_name, uploaded_at, export_zip, report) VALUES (${s}, ${staff}, 'export.zip', 0, '', '{}')`);
  }
});
test.after(async () => { await server.stop(); });

test('the walk covers every route that names a record', () => {
  assert.ok(withIds.length >= 60, `${withIds.length} routes name a record`);
  for (const r of withIds) {
    const tables = special[r.pattern] ||
      [...r.pattern.matchAll(/([a-z-]+)\/\(\[0-9\]\+\)/g)].map((m) => tableAfter[m[1]]);
    assert.ok(tables.length > 0 && tables.every(Boolean), `${r.method} ${r.pattern}: every id is known`);
  }
});

for (const [mine, theirs] of [[1, 2], [2, 1]]) {
  test(`school ${mine}'s staff reach nothing of school ${theirs}'s, by page or API`, async () => {
    let asked = 0;
    const skipped = new Set();
    const counts = () => ['incidents', 'actions', 'plans', 'plan_entries', 'restorative_conversations',
      'contacts', 'staff', 'notifications', 'outbox'].map((t) => server.sql(`SELECT COUNT(*) FROM ${t}`)).join(',');
    const rows = counts();
    for (const role of ROLES) {
      const b = new Browser(server.base);
      assert.equal((await b.signIn(email(role, mine))).status, 303, `${role} of school ${mine} signs in`);
      const token = server.cli(['token', 'create', '--email', email(role, mine)]).trim().split('\n').pop();
      for (const r of withIds) {
        if (r.pattern.startsWith('/family/')) continue;  // a parent's routes: families.test.js
        const path = pathFor(r, theirs);
        if (!path) {
          skipped.add(`${r.method} ${r.pattern}`);
          continue;
        }
        const label = `${role} of school ${mine}: ${r.method} ${path}`;
        const res = r.site === 'api'
          ? await fetch(server.base + path, {
            method: r.method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: r.method === 'GET' ? undefined : '{}',
          })
          : await b.request(r.method, path, { headers: { 'x-csrf-token': b.csrf } });
        const text = typeof res.text === 'string' ? res.text : await res.text();
        asked += 1;
        if (!r.roles.includes(role)) {
          assert.equal(res.status, 403, label);
        } else if (r.method === 'GET') {
          assert.equal(res.status, 404, `${label} gave ${res.status}`);
        } else {
          assert.ok([400, 404, 422].includes(res.status), `${label} gave ${res.status}: ${String(text).slice(0, 200)}`);
        }
      }
      // Lists: only the asker's own school's pupils and records.
      for (const list of ['/api/v1/pupils?limit=100', '/api/v1/incidents?limit=100', '/api/v1/actions']) {
        const res = await fetch(server.base + list, { headers: { authorization: `Bearer ${token}` } });
        if (res.status === 403) continue;
        assert.equal(res.status, 200, `${role} ${list}`);
        const body = await res.json();
        const items = body.pupils || body.incidents || body.actions || [];
        const table = body.pupils ? 'pupils' : body.incidents ? 'incidents' : 'actions';
        if (items.length === 0) continue;
        // One question for the whole list: every id is a row of the asker's
        // school (one psql a row made the walk minutes long on PostgreSQL).
        const ids = items.map((item) => Number(item.id));
        assert.ok(ids.every(Number.isInteger), `${role} ${list}: ids ${ids}`);
        const [found, elsewhere] = server.sql(`SELECT COUNT(*) || '|' || COUNT(*) FILTER (WHERE school_id <> ${mine}) FROM ${table} WHERE id IN (${ids.join(',')})`).split('|');
        assert.equal(Number(found), new Set(ids).size, `${role} of school ${mine}: ${list} lists ${table} that do not exist`);
        assert.equal(elsewhere, '0', `${role} of school ${mine}: ${list} lists ${table} of another school`);
      }
    }
    assert.equal(counts(), rows, 'nothing was written by the other school\'s staff');
    assert.ok(asked > 7 * 40, `${asked} requests were asked`);
    // Reported, so a route that never gets a row of the other school is seen.
    assert.deepEqual([...skipped], [], `a row of school ${theirs} for every kind`);
  });
}

test('a trust leader and an authority officer reach no school\'s pages, records or lists', async () => {
  const password = 'organisation-pass-2026';
  for (const [kind, email] of [['trust', 'leader@trust.example'], ['local_authority', 'officer@la.example']]) {
    const id = /with id (\d+)/.exec(server.cli(['organisation', 'create', '--kind', kind, '--name', `Walls ${kind}`]))[1];
    server.cli(['organisation', 'attach', '--organisation', id, '--school', '1']);
    server.cli(['organisation', 'add-person', '--organisation', id, '--email', email, '--name', 'Walls', '--password', password]);
  }
  const pupils = server.sql("SELECT first_name || ' ' || last_name FROM pupils").split('\n').filter(Boolean);
  const counts = () => ['incidents', 'actions', 'plans', 'contacts', 'staff', 'notifications']
    .map((t) => server.sql(`SELECT COUNT(*) FROM ${t}`)).join(',');
  const rows = counts();
  let asked = 0;
  for (const [role, email] of [['trust_leader', 'leader@trust.example'], ['la_officer', 'officer@la.example']]) {
    const b = new Browser(server.base);
    assert.equal((await b.signIn(email, password)).status, 303, `${role} signs in`);
    for (const r of routes) {
      if (r.roles.includes(role)) continue;  // their own pages, and the public ones
      for (const school of [1, 2]) {
        const path = r.pattern.includes('([0-9]+)') ? pathFor(r, school) : r.example || r.pattern;
        if (!path || /[()[\]\\]/.test(path)) continue;
        const res = r.site === 'api'
          ? await fetch(server.base + path, { method: r.method, headers: { cookie: b.cookieHeader() } })
          : await b.request(r.method, path, { headers: { 'x-csrf-token': b.csrf } });
        const text = typeof res.text === 'string' ? res.text : await res.text();
        asked += 1;
        assert.ok(r.site === 'api' ? [401, 403].includes(res.status) : res.status === 403,
          `${role}: ${r.method} ${path} gave ${res.status}`);
        for (const n of pupils) assert.ok(!text.includes(n), `${role}: ${r.method} ${path} names ${n}`);
      }
    }
    // Their own page: school 1 only, no pupil.
    const group = await b.get('/group');
    assert.equal(group.status, 200);
    assert.ok(!group.text.includes(server.sql('SELECT name FROM schools WHERE id = 2')), `${role} sees school 2`);
    for (const n of pupils) assert.ok(!group.text.includes(n), `${role}: /group names ${n}`);
  }
  assert.equal(counts(), rows, 'nothing was written by an organisation account');
  assert.ok(asked > 2 * 100, `${asked} requests were asked`);
});

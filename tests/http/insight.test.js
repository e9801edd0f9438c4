// GET /api/v1/insight (issue 14) over HTTP, on two demo schools with a few
// weeks of history, every figure checked against the same question asked
// of the SQLite file the server writes:
//   - every role gets an answer: the whole school's for those holding
//     insight.school, their own recording for the rest; "by pupil" only for
//     senior leaders and pastoral staff;
//   - a school's token never counts another school, nor names its pupils;
//   - a record posted is counted within a second of its 201, and a
//     positive note undone is taken away again;
//   - restricted records are counted but never listed by pupil;
//   - a bad filter is 422 naming it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');

const ROLES = ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin'];
const SCHOOL_WIDE = ['pastoral', 'senco', 'dsl', 'senior'];
const LISTS_PUPILS = ['pastoral', 'senior'];
let server, api;
const n = (query) => Number(server.sql(query));
const involved = (school, where = '') => n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i
  ON i.id = ip.incident_id WHERE ip.school_id = ${school} AND ip.role = 'involved' ${where}`);
const staffId = (email) => n(`SELECT id FROM staff WHERE email = '${email}'`);

// Polls until `check` passes or `ms` pass; the time it took.
async function within(ms, check) {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) return Infinity;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function insight(role, query = '') {
  for (;;) {
    const res = await api(role, `/api/v1/insight${query}`);
    if (res.status !== 503) return res;  // still loading at start
    await new Promise((r) => setTimeout(r, 50));
  }
}

test.before(async () => {
  server = await startServer({ pupils: 60, days: 15, schools: 2 });
  api = apiAs(server, tokensFor(server, [...ROLES, 'senior@demo2.attune.school', 'teacher@demo2.attune.school']));
});
test.after(async () => { await server.stop(); });

test('every role is answered: the school\'s figures for insight.school, their own recording for the rest', async () => {
  assert.ok(involved(1) > 50, 'the demo history has records');
  for (const role of ROLES) {
    const res = await insight(role);
    assert.equal(res.status, 200, `${role}: ${res.text}`);
    const a = res.json;
    const email = `${role}@demo.attune.school`;
    if (SCHOOL_WIDE.includes(role)) {
      assert.equal(a.scope, 'school', role);
      assert.equal(a.total, involved(1), `${role}: every involved pupil of every record`);
    } else {
      assert.equal(a.scope, 'own', role);
      assert.equal(a.total, involved(1, `AND i.recorded_by_staff_id = ${staffId(email)}`), `${role}: their own recording`);
    }
    assert.equal(a.by_category.reduce((s, c) => s + c.count, 0), a.total, `${role}: by_category adds up`);
    assert.equal(a.by_hour.reduce((s, h) => s + h.count, 0), a.total);
    assert.equal(a.heatmap.flat().reduce((s, x) => s + x, 0), a.total);
    assert.equal(a.heatmap.length, 7);
    assert.equal(a.per_school_day.reduce((s, m) => s + m.records, 0), a.total);
    assert.equal('by_pupil' in a, LISTS_PUPILS.includes(role), `${role}: by_pupil only for senior and pastoral staff`);
  }
});

test('the figures are the store\'s: categories, places, hours and pupils as SQL counts them', async () => {
  const a = (await insight('senior', '?class=low_level,difficult,dangerous&pupils=500')).json;
  const notProsocial = "AND i.behaviour_class <> 'prosocial'";
  assert.equal(a.total, involved(1, notProsocial));
  const sqlCategories = server.sql(`SELECT ip.category || '=' || COUNT(*) FROM incident_pupils ip JOIN incidents i
    ON i.id = ip.incident_id WHERE ip.school_id = 1 AND ip.role = 'involved' ${notProsocial} GROUP BY ip.category`).split('\n');
  assert.deepEqual(a.by_category.map((c) => `${c.category}=${c.count}`).sort(), sqlCategories.sort());
  const sqlPlaces = server.sql(`SELECT i.place || '=' || COUNT(*) FROM incident_pupils ip JOIN incidents i
    ON i.id = ip.incident_id WHERE ip.school_id = 1 AND ip.role = 'involved' ${notProsocial} GROUP BY i.place`).split('\n');
  assert.deepEqual(a.by_place.map((p) => `${p.place}=${p.count}`).sort(), sqlPlaces.sort());
  // Hours in London time, as the school lives them.
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });
  const hours = {};
  for (const at of server.sql(`SELECT ip.occurred_at FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE ip.school_id = 1 AND ip.role = 'involved' ${notProsocial}`).split('\n')) {
    const h = Number(hour.format(new Date(Number(at) * 1000)));
    hours[h] = (hours[h] || 0) + 1;
  }
  assert.deepEqual(Object.fromEntries(a.by_hour.filter((h) => h.count).map((h) => [h.hour, h.count])), hours);
  // The pupils with most, with their names, none restricted.
  const top = a.by_pupil[0];
  assert.equal(top.count, n(`SELECT MAX(c) FROM (SELECT COUNT(*) c FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE ip.school_id = 1 AND ip.role = 'involved' AND i.restricted = 0 ${notProsocial} GROUP BY ip.pupil_id)`));
  assert.equal(top.name, server.sql(`SELECT COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || last_name FROM pupils WHERE id = ${top.pupil_id}`));
  // Categories get the policy's own names.
  const kindness = a.by_category.find((c) => c.name && c.name !== c.category);
  assert.ok(kindness, 'categories are named as the policy names them');
});

test('a school\'s token never counts another school or names its pupils', async () => {
  const one = (await insight('senior', '?pupils=500')).json;
  const two = (await insight('senior@demo2.attune.school', '?pupils=500')).json;
  assert.equal(two.total, involved(2));
  assert.equal(one.total, involved(1));
  assert.notEqual(one.total + two.total, 0);
  const schoolOf = (id) => n(`SELECT school_id FROM pupils WHERE id = ${id}`);
  assert.ok(one.by_pupil.every((p) => schoolOf(p.pupil_id) === 1));
  assert.ok(two.by_pupil.every((p) => schoolOf(p.pupil_id) === 2));
  // Another school's pupil or member of staff: nothing to see.
  const theirPupil = n('SELECT MIN(id) FROM pupils WHERE school_id = 2');
  assert.equal((await api('senior', `/api/v1/insight?pupil=${theirPupil}`)).status, 404);
  const theirStaff = staffId('teacher@demo2.attune.school');
  const staffOfTwo = await insight('senior', `?staff=${theirStaff}`);
  assert.equal(staffOfTwo.status, 200);
  assert.equal(staffOfTwo.json.total, 0, 'another school\'s recording is never counted');
});

test('a member of staff\'s own recording is theirs and senior leaders\'; a pupil\'s pattern is for those who may see them', async () => {
  const teacher = staffId('teacher@demo.attune.school');
  const support = staffId('support@demo.attune.school');
  assert.equal((await api('support', `/api/v1/insight?staff=${teacher}`)).status, 403);
  assert.equal((await api('pastoral', `/api/v1/insight?staff=${teacher}`)).status, 403);
  const seen = await insight('senior', `?staff=${teacher}`);
  assert.equal(seen.json.scope, 'staff');
  assert.equal(seen.json.total, involved(1, `AND i.recorded_by_staff_id = ${teacher}`));
  assert.ok(!('by_pupil' in seen.json));
  const own = await insight('support', `?staff=${support}`);
  assert.equal(own.json.scope, 'own');
  const pupil = n(`SELECT ip.pupil_id FROM incident_pupils ip WHERE ip.school_id = 1 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  // A restricted record about them would show in their own figures that it
  // exists: it counts there only for the DSL, who reads every one.
  const restricted = await api('teacher', '/api/v1/incidents', { pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse' });
  assert.equal(restricted.status, 201);
  await within(1000, async () => (await insight('dsl', `?pupil=${pupil}`)).json.total === involved(1, `AND ip.pupil_id = ${pupil}`));
  for (const role of ['teacher', 'senior', 'dsl']) {
    const p = await insight(role, `?pupil=${pupil}`);
    assert.equal(p.json.scope, 'pupil', role);
    const readable = role === 'dsl' ? '' : 'AND i.restricted = 0';
    assert.equal(p.json.total, involved(1, `AND ip.pupil_id = ${pupil} ${readable}`), role);
    assert.ok(!('by_pupil' in p.json));
  }
  assert.ok(involved(1, `AND ip.pupil_id = ${pupil} AND i.restricted = 1`) >= 1);
});

test('a record posted is counted within a second of its 201; a positive note undone is taken away', async () => {
  const before = (await insight('senior')).json.total;
  const pupil = n('SELECT MIN(id) FROM pupils WHERE school_id = 1');
  const other = n('SELECT MIN(id) + 1 FROM pupils WHERE school_id = 1');
  const made = await api('teacher', '/api/v1/incidents', {
    pupils: [{ id: pupil, role: 'involved' }, { id: other, role: 'involved' }], category: 'kindness',
  });
  assert.equal(made.status, 201, made.text);
  const took = await within(1000, async () => (await insight('senior')).json.total === before + 2);
  assert.ok(took <= 1000, `counted within a second (took ${took} ms)`);

  // A positive note from a class, undone by its author.
  const teacher = new Browser(server.base);
  assert.equal((await teacher.signIn('teacher@demo.attune.school')).status, 303);
  const group = n('SELECT MIN(id) FROM teaching_groups');
  const page = await teacher.get(`/classes/${group}?lesson=P1&place=M1`);
  const member = n(`SELECT MIN(pupil_id) FROM teaching_group_members WHERE group_id = ${group}`);
  const category = /<button type="submit" name="category" value="([^"]+)"/.exec(page.text)[1];
  const reward = /<select id="class-reward" name="reward"><option value="([^"]+)" selected>/.exec(page.text)[1];
  const back = `/classes/${group}`;
  const body = new FormData();
  for (const [k, v] of [['csrf_token', teacher.csrf], ['back', back], ['pupil', member], ['category', category], ['reward', reward]]) {
    body.append(k, String(v));
  }
  const saved = await teacher.post('/record/positive', { body });
  assert.equal(saved.status, 303);
  const id = Number(teacher.cookies.get('attune_undo'));
  assert.ok(await within(1000, async () => (await insight('senior')).json.total === before + 3) <= 1000);
  const undone = await teacher.post(`/incidents/${id}/undo`, { form: { csrf_token: teacher.csrf, back } });
  assert.equal(undone.status, 303);
  assert.ok(await within(1000, async () => (await insight('senior')).json.total === before + 2) <= 1000, 'undone: not counted');
  assert.equal((await insight('senior')).json.total, involved(1));
});

test('restricted records are counted, never listed by pupil', async () => {
  // A safeguarding concern (restricted to the DSL and senior leaders by
  // the demo policy) about a pupil: the count grows, their listed count not.
  const pupil = n('SELECT MIN(id) FROM pupils WHERE school_id = 1');
  const listed = async (role) => {
    const a = (await insight(role, '?pupils=500')).json;
    return { total: a.total, count: (a.by_pupil.find((p) => p.pupil_id === pupil) || { count: 0 }).count };
  };
  const before = {};
  for (const role of LISTS_PUPILS) before[role] = await listed(role);
  const made = await api('teacher', '/api/v1/incidents', { pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse' });
  assert.equal(made.status, 201, made.text);
  assert.equal(server.sql(`SELECT restricted FROM incidents WHERE id = ${made.json.id}`), '1');
  assert.ok(await within(1000, async () => (await insight('senior')).json.total === before.senior.total + 1) <= 1000, 'counted');
  for (const role of LISTS_PUPILS) {
    const after = await listed(role);
    assert.equal(after.total, before[role].total + 1, `${role}: counted`);
    assert.equal(after.count, before[role].count, `${role}: not listed`);
    assert.equal(after.count, n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
      WHERE ip.pupil_id = ${pupil} AND ip.role = 'involved' AND i.restricted = 0`));
  }
  // A teacher's own recording counts it too: the count reveals nothing.
  const own = (await insight('teacher', '?category=peer_on_peer_abuse')).json;
  assert.ok(own.total >= 1);
});

test('equity by pupil group: leaders who may see special-category data; counts of 1 and 2 are null', async () => {
  for (const role of ROLES) {
    const res = await api(role, '/api/v1/insight/equity');
    assert.equal(res.status, SCHOOL_WIDE.includes(role) ? 200 : 403, `${role}: ${res.text}`);
  }
  const a = (await api('senco', '/api/v1/insight/equity?measure=records')).json;
  assert.equal(a.measure, 'records');
  const boys = a.groups.find((g) => g.group === 'Boys');
  assert.equal(boys.pupils, n("SELECT COUNT(*) FROM pupils WHERE school_id = 1 AND sex = 'M'"));
  assert.equal(boys.records, involved(1, "AND ip.pupil_id IN (SELECT id FROM pupils WHERE sex = 'M')"));
  for (const g of a.groups) {
    assert.ok(![1, 2].includes(g.pupils) && ![1, 2].includes(g.records), `${g.group}: no 1 or 2`);
    if (g.suppressed) assert.equal(g.per_100_pupils, null);
    if (g.pupils === null) assert.equal(g.records, null, `${g.group}: nothing of a group of 1 or 2`);
  }
  const physical = await api('senior', '/api/v1/insight/equity?measure=physical_interventions');
  assert.equal(physical.status, 200);
  const pi = involved(1, 'AND i.physical_intervention = 1');
  const byYear = physical.json.groups.filter((g) => g.dimension === 'Year group');
  const shown = byYear.reduce((s, g) => s + (g.records ?? 0), 0);
  assert.ok(shown <= pi, 'physical interventions only');
  assert.equal((await api('senior', '/api/v1/insight/equity?measure=everything')).json.error.field, 'measure');
});

test('a bad filter is 422 naming it; no token is 401', async () => {
  const bad = {
    from: 'from=2026-13-01', to: 'from=2026-12-01&to=2026-11-01', class: 'class=naughty', year: 'year=20',
    group: 'group=clever', pupil: 'pupil=abc', staff: 'staff=-1', form: 'form=x', category: 'category=%27%3B',
    pupils: 'pupils=9999',
  };
  for (const [field, query] of Object.entries(bad)) {
    const res = await api('senior', `/api/v1/insight?${query}`);
    assert.equal(res.status, 422, `${query}: ${res.text}`);
    assert.equal(res.json.error.field, field, query);
  }
  const ok = await insight('senior', '?from=2020-01-01&to=2030-12-31&year=7,8&group=female,fsm&form=1&place=M1,Playground');
  assert.equal(ok.status, 200, ok.text);
  // Pupil groups are special-category data: only for those who may see it.
  assert.equal((await api('teacher', '/api/v1/insight?group=fsm')).status, 403);
  assert.equal((await api('admin', '/api/v1/insight?group=looked_after')).status, 403);
  const girls = await insight('senco', '?group=female');
  assert.equal(girls.json.total, involved(1, "AND ip.pupil_id IN (SELECT id FROM pupils WHERE sex = 'F')"));
  const anonymous = await fetch(`${server.base}/api/v1/insight`);
  assert.equal(anonymous.status, 401);
});

// GET /api/v1/insight (issue 14) over HTTP, on two demo schools with a few
// weeks of history, every figure checked against the same question asked
// of the SQLite file the server writes:
//   - every role gets an answer: the whole school's for those holding
//     insight.school, their own recording for the rest; "by pupil" only for
//     senior leaders and pastoral staff;
//   - a school's token never counts another school, nor names its pupils;
//   - a record posted is counted within a second of its 201, and a
//     positive note undone is taken away again;
//   - a restricted record counts, and is listed, only for the roles its
//     policy lets read it, so no filter narrows a count down to a child;
//   - a bad filter is 422 naming it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');

const { ROLES, SCHOOL_WIDE, LISTS_PUPILS } = require('../support/insight_roles');
let server, api;
const n = (query) => Number(server.sql(query));
const involved = (school, where = '') => n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i
  ON i.id = ip.incident_id WHERE ip.school_id = ${school} AND ip.role = 'involved' ${where}`);
const staffId = (email) => n(`SELECT id FROM staff WHERE email = '${email}'`);
// The pupils of an equity row's group, as SQL on the pupils table.
const sqlOfGroup = (g) => {
  if (g.dimension === 'Year group') return `year_group = ${g.group === 'Reception' ? 0 : Number(g.group.split(' ')[1])}`;
  const e = "COALESCE(ethnicity_code, '')";
  const unknown = `${e} IN ('', 'REFU', 'NOBT')`;
  const named = {
    'SEN support': "sen_status = 'K'", 'EHC plan': "(sen_status = 'E' OR ehcp = 1)", 'Free school meals': 'fsm = 1',
    'Looked after': 'looked_after = 1', Girls: "sex = 'F'", Boys: "sex = 'M'",
    White: `substr(${e}, 1, 1) = 'W' AND NOT ${unknown}`, 'Mixed or multiple ethnic groups': `substr(${e}, 1, 1) = 'M'`,
    'Asian or Asian British': `substr(${e}, 1, 1) = 'A'`, 'Black, Black British, Caribbean or African': `substr(${e}, 1, 1) = 'B'`,
    Chinese: `${e} = 'CHNE'`, 'Ethnicity not known or refused': unknown,
    'Any other ethnic group': `NOT ${unknown} AND ${e} <> 'CHNE' AND substr(${e}, 1, 1) NOT IN ('W', 'M', 'A', 'B')`,
  };
  assert.ok(named[g.group], g.group);
  return named[g.group];
};
// The records `role` may read: not restricted, or naming the role among its readers.
const readableBy = (role) => `AND (i.restricted = 0 OR ',' || i.visible_to || ',' LIKE '%,${role},%')`;

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
    WHERE ip.school_id = 1 AND ip.role = 'involved' AND i.restricted = 0 ${notProsocial} GROUP BY ip.pupil_id) AS per_pupil`));
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
  assert.equal(staffOfTwo.status, 422, 'another school\'s member of staff is not one of ours');
  assert.equal(staffOfTwo.json.error.field, 'staff');
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
  // A restricted record about them would show in their figures that it
  // exists: it counts only for those who may read it (the policy's readers).
  const restricted = await api('teacher', '/api/v1/incidents', { pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse' });
  assert.equal(restricted.status, 201);
  await within(1000, async () => (await insight('dsl', `?pupil=${pupil}`)).json.total === involved(1, `AND ip.pupil_id = ${pupil}`));
  for (const role of ['teacher', 'pastoral', 'senior', 'dsl']) {
    const p = await insight(role, `?pupil=${pupil}`);
    assert.equal(p.json.scope, 'pupil', role);
    assert.equal(p.json.total, involved(1, `AND ip.pupil_id = ${pupil} ${readableBy(role)}`), role);
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

test('a restricted record counts, and is listed, only for those who may read it, however narrow the filters', async () => {
  // A safeguarding concern (restricted to the DSL and senior leaders by
  // the demo policy) about a pupil: counted and listed for its readers only.
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
  const readers = server.sql(`SELECT visible_to FROM incidents WHERE id = ${made.json.id}`).trim().split(',');
  assert.ok(readers.includes('senior') && !readers.includes('pastoral'), 'the policy lets senior leaders read it, not pastoral leads');
  assert.ok(await within(1000, async () => (await insight('senior')).json.total === before.senior.total + 1) <= 1000, 'counted');
  for (const role of LISTS_PUPILS) {
    const reads = readers.includes(role) ? 1 : 0;
    const after = await listed(role);
    assert.equal(after.total, before[role].total + reads, `${role}: counted only by a reader`);
    assert.equal(after.count, before[role].count + reads, `${role}: listed only to a reader`);
    assert.equal(after.count, n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
      WHERE ip.pupil_id = ${pupil} AND ip.role = 'involved' ${readableBy(role)}`));
  }
  // Narrowed to the category, a day, a year, a form and a pupil group, a
  // count would name the child: nothing of it reaches those who may not
  // read it, the recorder included.
  const today = server.sql("SELECT date(occurred_at, 'unixepoch') FROM incidents WHERE id = " + made.json.id).trim();
  const [year, form] = server.sql(`SELECT year_group, form_id FROM pupils WHERE id = ${pupil}`)
    .split('|').map(Number);
  for (const role of ['teacher', 'pastoral', 'senco', 'senior', 'dsl']) {
    const q = `?category=peer_on_peer_abuse&from=${today}&to=${today}&year=${year}&form=${form}`;
    const a = (await insight(role, q)).json;
    const where = `AND i.category = 'peer_on_peer_abuse' AND date(ip.occurred_at, 'unixepoch') = '${today}' AND ip.pupil_id IN (SELECT id FROM pupils WHERE form_id = ${form}) ${readableBy(role)}`;
    const own = a.scope === 'own' ? `AND i.recorded_by_staff_id = ${staffId(`${role}@demo.attune.school`)}` : '';
    assert.equal(a.total, involved(1, `${where} ${own}`), role);
    if (!['senior', 'dsl'].includes(role)) assert.equal(a.total, 0, `${role}: nothing of a record they may not read`);
  }
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
  // Every class but prosocial unless a class is named, as the page counts.
  const boysOf = (classes) => involved(1, `AND ip.pupil_id IN (SELECT id FROM pupils WHERE sex = 'M') ${readableBy('senco')} ${classes}`);
  assert.equal(boys.records, boysOf("AND i.behaviour_class <> 'prosocial'"));
  const every = (await api('senco', '/api/v1/insight/equity?class=prosocial,low_level,difficult,dangerous')).json;
  assert.equal(every.groups.find((g) => g.group === 'Boys').records, boysOf(''));
  for (const g of a.groups) {
    assert.ok(![1, 2].includes(g.pupils) && ![1, 2].includes(g.records), `${g.group}: no 1 or 2`);
    if (g.suppressed) assert.equal(g.per_100_pupils, null);
  }
  // A group of 1 or 2 pupils shows no records; and no dimension hides just
  // one count, which the others and the total would give back.
  for (const g of a.groups) {
    const size = n(`SELECT COUNT(*) FROM pupils WHERE school_id = 1 AND ${sqlOfGroup(g)}`);
    if ([1, 2].includes(size)) assert.equal(g.records, null, `${g.group}: nothing of a group of 1 or 2`);
  }
  for (const dimension of new Set(a.groups.map((g) => g.dimension))) {
    const rows = a.groups.filter((g) => g.dimension === dimension);
    for (const column of ['pupils', 'records']) {
      const hidden = rows.filter((g) => g[column] === null).length;
      const others = rows.filter((g) => g[column] !== null && g[column] >= 3).length;
      assert.ok(hidden !== 1 || others === 0, `${dimension}: one ${column} count hidden alone`);
    }
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
  // A form, category or member of staff the school does not have is a
  // mistake to be told of, not a count of nought; so is a filter given twice.
  const theirForm = n('SELECT MIN(id) FROM forms WHERE school_id = 2');
  const unknown = {
    form: `form=${theirForm}`, category: 'category=no_such_category', staff: 'staff=99999999',
    year: 'year=7&year=8', from: 'from=2026-01-01&from=2026-02-01',
  };
  for (const [field, query] of Object.entries(unknown)) {
    for (const route of ['/api/v1/insight', '/api/v1/insight/equity']) {
      const res = await api('senior', `${route}?${query}`);
      assert.equal(res.status, 422, `${route}?${query}: ${res.text}`);
      assert.equal(res.json.error.field, field, query);
    }
  }
  // A query string that is not UTF-8 is refused, not read as no filter.
  const garbled = await api('senior', '/api/v1/insight?place=%FF%FE');
  assert.equal(garbled.status, 400, garbled.text);
  assert.match(garbled.json.error.message, /^The query string could not be read: it is not UTF-8 text/);
  assert.equal((await api('senior', '/api/v1/insight?from=%ZZ')).status, 400);
  const ours = n('SELECT MIN(id) FROM forms WHERE school_id = 1');
  const category = server.sql("SELECT category FROM incident_pupils WHERE school_id = 1 LIMIT 1");
  const known = await insight('senior', `?form=${ours}&category=${category}`);
  assert.equal(known.status, 200, known.text);
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

test('a window is ten years at most, ending a year from today at most; dates beyond this century are 422', async () => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const first = server.sql("SELECT date(MIN(occurred_at), 'unixepoch') FROM incidents WHERE school_id = 1").trim();
  const shift = (day, n) => {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const wide = await insight('senior', '?from=2000-01-01&to=2099-12-31');
  assert.equal(wide.status, 200, wide.text);
  assert.equal(wide.json.to, shift(today, 366), 'to a year from today at most');
  assert.equal(wide.json.from, shift(wide.json.to, -3652), 'ten years at most');
  const open = (await insight('senior')).json;
  assert.equal(open.from, first, 'by default from the first record');
  assert.equal(open.to, today, 'to today');
  const months = (a, b) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)) + 1;
  assert.equal(wide.json.per_school_day.length, months(wide.json.from, wide.json.to), 'a month each, no more');
  assert.equal(wide.json.total, (await insight('senior')).json.total);
  for (const query of ['from=0000-01-01', 'to=9999-12-31', 'from=1999-12-31', 'to=2100-01-01']) {
    const res = await api('senior', `/api/v1/insight?${query}`);
    assert.equal(res.status, 422, query);
    assert.equal(res.json.error.field, query.split('=')[0], query);
    assert.match(res.json.error.message, /between 2000-01-01 and 2099-12-31/);
  }
  // The page and its downloads say so, and keep to ten years.
  const b = new Browser(server.base);
  await b.signIn('senior@demo.attune.school');
  const page = await b.get('/insight?period=custom&from=0000-01-01&to=9999-12-31');
  assert.equal(page.status, 200);
  assert.ok(page.text.length < 500000, `a page of ${page.text.length} bytes`);
  assert.match(page.text, /between 2000-01-01 and 2099-12-31/);
  const decade = await b.get('/insight?period=custom&from=2000-01-01&to=2099-12-31');
  assert.equal(decade.status, 200);
  assert.ok(decade.text.length < 2000000, `ten years: a page of ${decade.text.length} bytes`);
  const csv = await b.get('/insight.csv?chart=weeks&period=custom&from=2000-01-01&to=2099-12-31');
  assert.equal(csv.status, 200);
  assert.ok(csv.text.trim().split(/\r?\n/).length <= 1 + 523, 'ten years of weeks at most');
});

// The insight page's "Outcomes over time" (issue 14) over HTTP, on two demo
// schools with a few weeks of history, a few records with the policy's
// consequences and physical interventions added through the API, and in the
// first school seed 003's policy brought into force so that a record sends
// a pupil off site and the headteacher suspends:
//   - the whole school's roles (senior, pastoral, SENCO, DSL) see the
//     outcomes and their equity; a teacher, support staff and the office see
//     none, and their downloads are 404;
//   - each download adds up to what SQL counts, in the school's own words,
//     and every download is audited; a chart that does not exist is 404;
//   - the second school's records never count in the first's figures;
//   - GET /api/v1/insight/equity?measure=consequences|suspensions gives the
//     tables, counts of 1 and 2 null.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');

const root = path.resolve(__dirname, '../..');
const { ROLES, SCHOOL_WIDE } = require('../support/insight_roles');
const CHARTS = ['outcomes_physical', 'outcomes_consequences', 'outcomes_suspensions', 'outcomes_repair',
  'outcomes_plans', 'equity_outcomes'];
let server, api;
const browsers = {};
const n = (query) => Number(server.sql(query));

function londonDay(offsetDays = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() + offsetDays * 86400000));
}
// A window from a year ago to six weeks ahead, so that a suspension that
// starts on the next school day is in it.
const FROM = londonDay(-365);
const TO = londonDay(42);
const WINDOW = `period=custom&from=${FROM}&to=${TO}`;
const inWindow = (column) => `date(${column}, 'unixepoch') BETWEEN '${FROM}' AND '${TO}'`;

async function as(role) {
  if (!browsers[role]) {
    const b = new Browser(server.base);
    const email = role.includes('@') ? role : `${role}@demo.attune.school`;
    assert.equal((await b.signIn(email)).status, 303, role);
    browsers[role] = b;
  }
  return browsers[role];
}

// The page as a browser with script shows it: the outcomes part asked for
// once the page is there (its slot's hx-get), put in its place.
async function page(role, query) {
  const b = await as(role);
  for (;;) {
    const res = await b.get(`/insight?${query}`);
    if (res.status === 503) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const slot = /<div id="insight-outcomes-slot"[^>]*hx-get="([^"]+)"[^>]*>[^]*?<\/div>/.exec(res.text);
    if (!slot) return res;
    const part = await b.get(slot[1].replace(/&amp;/g, '&'));
    assert.equal(part.status, 200, part.text.slice(0, 500));
    return { ...res, text: res.text.replace(slot[0], part.text) };
  }
}

// One CSV line's cells: quoted cells may hold commas ("Black, Black British, ...").
function cells(line) {
  const out = [];
  for (const m of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) {
    out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
  }
  return out;
}

async function csv(role, chart, query = WINDOW) {
  const res = await (await as(role)).get(`/insight.csv?chart=${chart}&${query}`);
  const rows = res.text.trim().split(/\r?\n/).map(cells);
  return { status: res.status, header: rows[0], rows: rows.slice(1), text: res.text };
}

const schoolOf = (domain) => n(`SELECT school_id FROM staff WHERE email = 'senior@${domain}'`);

test.before(async () => {
  server = await startServer({ pupils: 60, days: 15, schools: 2 });
  api = apiAs(server, tokensFor(server, [...ROLES, 'teacher@demo2.attune.school', 'senior@demo2.attune.school']));
  // Seed 003's policy in force today in the first school.
  const senior = await as('senior');
  const text = fs.readFileSync(path.join(root, 'policies/003_learning_partnership_west.toml'), 'utf8');
  const up = await senior.post('/policies', { multipart: { csrf_token: senior.csrf, policy: text, note: 'LPW' } });
  assert.equal(up.status, 303, up.text.slice(0, 300));
  const where = up.headers.get('location');
  await senior.get(where);
  const on = await senior.post(`${where}/activate`, { form: { csrf_token: senior.csrf, active_from: londonDay() } });
  assert.equal(on.status, 303, on.text.slice(0, 300));

  const pupilsOf = async (role) => (await api(role, '/api/v1/pupils?limit=100')).json.pupils.map((p) => p.id);
  const ours = await pupilsOf('teacher');
  const theirs = await pupilsOf('teacher@demo2.attune.school');
  // Two pupils sent off site, both suspended by the headteacher.
  for (const pupil of ours.slice(0, 2)) {
    const r = await api('teacher', '/api/v1/incidents', {
      pupils: [{ id: pupil, role: 'involved' }], category: 'damage_arson',
      consequences: ['temporary_offsite_provision', 'community_service'], notes: 'Broke a window.',
    });
    assert.equal(r.status, 201, r.text);
    const page = await senior.get(`/incidents/${r.json.id}`);
    const starts = /name="starts_on" value="(\d{4}-\d{2}-\d{2})"/.exec(page.text)[1];
    const d = await api('senior', `/api/v1/incidents/${r.json.id}/suspension`,
      { decision: 'suspend', reason_codes: ['DM'], starts_on: starts, school_days: 2 });
    assert.equal(d.status, 201, d.text);
  }
  // The second school (the demo's policy, seed 004): many records with a
  // consequence and a physical intervention, which must never count above.
  for (const pupil of theirs.slice(0, 6)) {
    const r = await api('teacher@demo2.attune.school', '/api/v1/incidents', {
      pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others',
      consequences: ['safe_space', 'learning_about_safety'],
      physical_intervention: { staff_involved: 'Class teacher', hold: 'a guide', duration_minutes: 2, reason: 'To keep a child safe' },
    });
    assert.equal(r.status, 201, r.text);
  }
});
test.after(async () => { await server.stop(); });

test('the whole school\'s roles see the outcomes; a teacher, support staff and the office see none', async () => {
  for (const role of ROLES) {
    const res = await page(role, WINDOW);
    assert.equal(res.status, 200, role);
    const wide = SCHOOL_WIDE.includes(role);
    assert.equal(res.text.includes('Outcomes over time'), wide, `${role}: outcomes`);
    assert.equal(res.text.includes('Repair within the policy'), wide, role);
    assert.equal(res.text.includes('Reflection time away from school (a formal suspension)'), wide,
      `${role}: the policy's consequences by their own names`);
    for (const chart of CHARTS) {
      const res = await csv(role, chart);
      assert.equal(res.status, wide ? 200 : 404, `${role}: ${chart}`);
    }
  }
  // Said plainly which filters the outcomes do not follow.
  assert.match((await page('senior', WINDOW)).text, /They do not follow the kind of record, category or place/);
});

test('the outcomes follow the page: asked for once it is shown, or at once without script; for the whole school\'s roles only', async () => {
  const senior = await as('senior');
  const first = await senior.get(`/insight?${WINDOW}`);
  assert.ok(!first.text.includes('<h2 id="insight-outcomes">'), 'not in the page itself');
  const slot = /hx-get="(\/insight\/outcomes\?[^"]+)"/.exec(first.text);
  assert.ok(slot, 'a slot that asks for them');
  const href = slot[1].replace(/&amp;/g, '&');
  assert.match(href, new RegExp(`window=${FROM},`), 'for the window the page worked out');
  const part = await senior.get(href);
  assert.equal(part.status, 200);
  assert.ok(!/<html/i.test(part.text), 'a part of a page');
  const now = await senior.get(`/insight?${WINDOW}&outcomes=now`);
  const section = (html) => html.slice(html.indexOf('<h2 id="insight-outcomes">'), html.indexOf('chart=outcomes_plans'));
  assert.ok(section(part.text).length > 1000, 'the outcomes, charts and tables');
  assert.equal(section(part.text), section(now.text), 'without script, the same outcomes in the page');
  // Others: no slot, and the part itself is refused.
  for (const role of ['teacher', 'support', 'admin']) {
    const b = await as(role);
    assert.ok(!(await b.get(`/insight?${WINDOW}`)).text.includes('insight-outcomes-slot'), role);
    const refused = await b.get(href);
    assert.ok([403, 404].includes(refused.status), `${role}: ${refused.status}`);
    assert.ok(!refused.text.includes('Outcomes over time'), role);
  }
  // One person's recording has none; a window that is not two dates is a clear 422.
  assert.equal((await senior.get(`${href}&who=mine`)).status, 404);
  for (const bad of ['window=', 'window=2026-12-01', 'window=2026-12-01,2026-11-01', 'window=0000-01-01,2026-01-01']) {
    const res = await senior.get(`/insight/outcomes?${bad}`);
    assert.equal(res.status, 422, bad);
    assert.match(res.text, /The window was not two dates/, bad);
  }
});

test('each download adds up to what SQL counts, and the second school never counts', async () => {
  const s = schoolOf('demo.attune.school');
  const other = schoolOf('demo2.attune.school');
  const involved = (table, extra = '') => `FROM ${table} JOIN incident_pupils ip ON ip.incident_id = x.incident_id
    AND ip.role = 'involved' WHERE x.school_id = ${s} ${extra}`;
  const sum = (rows, col) => rows.reduce((t, r) => t + Number(r[col]), 0);

  const physical = await csv('senior', 'outcomes_physical');
  assert.deepEqual(physical.header, ['month', 'physical_interventions']);
  const sqlPhysical = n(`SELECT COUNT(*) FROM incidents i JOIN physical_interventions x ON x.incident_id = i.id
    JOIN incident_pupils ip ON ip.incident_id = i.id AND ip.role = 'involved' WHERE i.school_id = ${s} AND ${inWindow('i.occurred_at')}`);
  assert.equal(sum(physical.rows, 1), sqlPhysical);
  assert.ok(n(`SELECT COUNT(*) FROM physical_interventions WHERE school_id = ${other}`) >= 6, 'the other school has its own');

  const consequences = await csv('senior', 'outcomes_consequences');
  assert.deepEqual(consequences.header, ['month', 'consequence', 'name', 'protective', 'off_site', 'pupils']);
  const ids = [...new Set(consequences.rows.map((r) => r[1]))];
  assert.ok(ids.includes('temporary_offsite_provision') && ids.includes('safe_space'),
    'every consequence of either version of the policy has its row');
  for (const id of ids) {
    const shown = sum(consequences.rows.filter((r) => r[1] === id), 5);
    const sql = n(`SELECT COUNT(*) FROM consequences x JOIN incident_pupils ip ON ip.incident_id = x.incident_id
      AND ip.role = 'involved' JOIN incidents i ON i.id = x.incident_id WHERE i.school_id = ${s} AND x.consequence = '${id}'
      AND ${inWindow('i.occurred_at')}`);
    assert.equal(shown, sql, id);
  }
  assert.equal(sum(consequences.rows.filter((r) => r[1] === 'temporary_offsite_provision'), 5), 2);
  assert.equal(sum(consequences.rows.filter((r) => r[1] === 'safe_space'), 5),
    n(`SELECT COUNT(*) FROM consequences x JOIN incidents i ON i.id = x.incident_id WHERE i.school_id = ${s} AND x.consequence = 'safe_space'`),
    'none of the other school\'s safe spaces');
  const offSite = consequences.rows.find((r) => r[1] === 'temporary_offsite_provision');
  assert.equal(offSite[4], 'yes');

  const suspensions = await csv('senior', 'outcomes_suspensions');
  assert.deepEqual(suspensions.header, ['month', 'suspensions', 'school_days']);
  assert.equal(sum(suspensions.rows, 1), n(`SELECT COUNT(*) ${involved('suspensions x', "AND x.outcome = 'suspended'")}`));
  assert.equal(sum(suspensions.rows, 1), 2);
  assert.equal(sum(suspensions.rows, 2), 4);

  const repair = await csv('senior', 'outcomes_repair');
  assert.deepEqual(repair.header, ['month', 'due', 'done_in_time', 'done_later', 'still_open', 'not_repaired']);
  const due = n(`SELECT COUNT(*) FROM actions a JOIN pupils p ON p.id = a.pupil_id WHERE a.school_id = ${s}
    AND a.kind IN ('repair', 'restorative_conversation') AND ${inWindow('a.due_at')}`);
  assert.ok(due > 0, 'the demo history asks for repairs');
  assert.equal(sum(repair.rows, 1), due);
  assert.equal(sum(repair.rows, 2) + sum(repair.rows, 3) + sum(repair.rows, 4) + sum(repair.rows, 5), due);
  const inTime = n(`SELECT COUNT(*) FROM actions a WHERE a.school_id = ${s} AND a.kind IN ('repair', 'restorative_conversation')
    AND a.pupil_id IS NOT NULL AND a.status = 'done' AND a.completed_at <= a.due_at AND ${inWindow('a.due_at')}
    AND NOT EXISTS (SELECT 1 FROM no_repairs nr WHERE nr.incident_id = a.incident_id AND nr.pupil_id = a.pupil_id)`);
  assert.equal(sum(repair.rows, 2), inTime);
  assert.equal(sum(repair.rows, 4), n(`SELECT COUNT(*) FROM actions a WHERE a.school_id = ${s} AND a.status = 'open'
    AND a.kind IN ('repair', 'restorative_conversation') AND a.pupil_id IS NOT NULL AND ${inWindow('a.due_at')}
    AND NOT EXISTS (SELECT 1 FROM no_repairs nr WHERE nr.incident_id = a.incident_id AND nr.pupil_id = a.pupil_id)`));

  const plans = await csv('senior', 'outcomes_plans');
  assert.equal(sum(plans.rows, 3), n(`SELECT COUNT(*) FROM plans WHERE school_id = ${s} AND started_on BETWEEN '${FROM}' AND '${TO}'`));
  assert.ok(sum(plans.rows, 3) > 0, 'the demo starts plans');
  assert.equal(sum(plans.rows, 4) + sum(plans.rows, 5) + sum(plans.rows, 6),
    n(`SELECT COUNT(*) FROM plans WHERE school_id = ${s} AND status = 'ended' AND ends_on BETWEEN '${FROM}' AND '${TO}'`));
  assert.ok(plans.rows.some((r) => r[2] === 'Daily Positive Reporting'), 'plan types by the policy\'s names');

  // The page says the same: two suspensions, four school days.
  assert.match((await page('senior', WINDOW)).text, /2 in the period, 4 school days in all/);
});

test('downloads are audited, and a chart that does not exist is a clear 404', async () => {
  await server.settle();
  const before = n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'");
  for (const chart of CHARTS) assert.equal((await csv('pastoral', chart)).status, 200, chart);
  await server.settle();
  assert.equal(n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'"), before + CHARTS.length);
  assert.ok(server.sql("SELECT detail FROM audit_log WHERE action = 'export.csv' ORDER BY id DESC LIMIT 6")
    .includes('insight.outcomes_repair'));
  for (const chart of ['outcomes_', 'outcomes_nonsense', 'equity_outcome', 'outcomes_physical%00']) {
    const res = await csv('senior', chart);
    assert.equal(res.status, 404, chart);
    assert.match(res.text, /no such chart/);
  }
});

test('equity for each consequence and for suspensions: on the page, as CSV and over the API, 1 and 2 never shown', async () => {
  const res = await page('senior', WINDOW);
  assert.match(res.text, /id="insight-equity-outcome-\d+">Reflection time away from school/);
  const rows = (await csv('senior', 'equity_outcomes')).rows;
  const suspended = rows.filter((r) => r[0] === 'suspensions');
  assert.ok(suspended.length > 0);
  for (const r of rows) {
    for (const cell of [r[4], r[5]]) assert.ok(cell !== '1' && cell !== '2', `${r.join()}: suppressed`);
  }
  // Two suspended pupils: the whole school's count is 2, so every group's is 0, 1 or 2.
  assert.ok(suspended.every((r) => r[5] === '0' || r[5] === '<3'), suspended.join('|'));
  const s = await api('senior', `/api/v1/insight/equity?measure=suspensions&from=${FROM}&to=${TO}`);
  assert.equal(s.status, 200, s.text);
  assert.ok(s.json.groups.every((g) => g.records === null || g.records === 0));
  const c = await api('dsl', `/api/v1/insight/equity?measure=consequences&from=${FROM}&to=${TO}`);
  assert.equal(c.status, 200, c.text);
  const offSite = c.json.consequences.find((x) => x.consequence === 'temporary_offsite_provision');
  assert.equal(offSite.name, 'Temporary off-site provision (a formal suspension)');
  assert.equal(offSite.off_site, true);
  for (const role of ['teacher', 'support', 'admin']) {
    assert.equal((await api(role, '/api/v1/insight/equity?measure=consequences')).status, 403, role);
  }
  assert.equal((await api('senior', '/api/v1/insight/equity?measure=detentions')).status, 422);
});

// The insight page and its downloads (issue 14) over HTTP, on a demo school
// with a few weeks of history:
//   - every role gets the page: the whole school's figures for those
//     holding insight.school, their own recording for the rest; pupils by
//     name only for senior leaders and pastoral staff; the navigation offers
//     it to the roles whose page it is;
//   - the page's figures are the API's (and so the store's);
//   - every chart downloads as CSV, audited; pupils by name never do;
//   - filters a person cannot use, or that make no sense, are dropped and
//     said, never a 500; words are escaped;
//   - the pupil page shows the pupil's own pattern.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');

const { ROLES, SCHOOL_WIDE, LISTS_PUPILS } = require('../support/insight_roles');
let server, api;
const n = (query) => Number(server.sql(query));
const browsers = {};

async function as(role) {
  if (!browsers[role]) {
    const b = new Browser(server.base);
    assert.equal((await b.signIn(`${role}@demo.attune.school`)).status, 303, role);
    browsers[role] = b;
  }
  return browsers[role];
}

// The page, once insight has read the records (503 while loading).
async function page(role, query = '') {
  const b = await as(role);
  for (;;) {
    const res = await b.get(`/insight${query}`);
    if (res.status !== 503) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const keyFigure = (html, label) => {
  const m = new RegExp(`<dt>${label}</dt><dd>([^<]+)`).exec(html);
  return m ? m[1].trim() : null;
};
const number = (text) => Number(String(text).replace(/,/g, ''));

test.before(async () => {
  server = await startServer({ pupils: 60, days: 15 });
  api = apiAs(server, tokensFor(server, ROLES));
});
test.after(async () => { await server.stop(); });

test('every role gets the page: the school\'s figures for insight.school, their own recording for the rest', async () => {
  for (const role of ROLES) {
    const res = await page(role, '?period=all');
    assert.equal(res.status, 200, role);
    const wide = SCHOOL_WIDE.includes(role);
    assert.equal(/The whole school(&#39;|&#x27;|&apos;|')s records/.test(res.text), wide, `${role}: scope said`);
    assert.equal(res.text.includes('Your own recording'), !wide, role);
    assert.equal(res.text.includes('Pupils with most records'), LISTS_PUPILS.includes(role), `${role}: pupils by name`);
    assert.equal(/<a[^>]*href="\/insight"[^>]*>Insight<\/a>/.test(res.text), wide, `${role}: in the navigation`);
    // The page's total is the API's for the same question.
    const a = (await api(role, '/api/v1/insight?class=low_level,difficult,dangerous')).json;
    assert.equal(number(keyFigure(res.text, 'Records')), a.total, `${role}: the page counts what the API does`);
    // Group filters only for those who may see special-category data.
    assert.equal(res.text.includes('id="insight-group"'), ['pastoral', 'senco', 'dsl', 'senior'].includes(role), role);
    // "On this page" links every section shown, and only those (outcomes
    // arrive a moment later, with their heading).
    const nav = /<nav class="insight-contents"[\s\S]*?<\/nav>/.exec(res.text)[0];
    const targets = [...nav.matchAll(/href="#([a-z-]+)"/g)].map((m) => m[1]);
    assert.ok(targets.length >= 7, `${role}: ${targets}`);
    for (const id of targets.filter((t) => t !== 'insight-outcomes')) {
      assert.ok(res.text.includes(`id="${id}"`), `${role}: #${id} is on the page`);
    }
    assert.equal(targets.includes('insight-pupils'), LISTS_PUPILS.includes(role), `${role}: pupils linked`);
    assert.equal(targets.includes('insight-outcomes'), res.text.includes('insight-outcomes-slot'), role);
  }
  const anonymous = await fetch(`${server.base}/insight`, { redirect: 'manual' });
  assert.equal(anonymous.status, 303);
});

test('each chart downloads as CSV, audited, for the same filters; pupils by name never do', async () => {
  const senior = await as('senior');
  const a = (await api('senior', '/api/v1/insight?class=prosocial')).json;
  const before = n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'");
  const every = (await api('senior', '/api/v1/insight')).json;
  for (const chart of ['months', 'categories', 'places', 'hours', 'heatmap', 'weeks', 'years', 'classes']) {
    const res = await senior.get(`/insight.csv?chart=${chart}&period=all&kind=prosocial`);
    assert.equal(res.status, 200, chart);
    assert.match(res.headers.get('content-type'), /text\/csv/, chart);
    const rows = res.text.trim().split(/\r?\n/);
    assert.ok(rows.length >= 2, `${chart}: a header and rows`);
    if (chart === 'categories') {
      const sum = rows.slice(1).reduce((s, r) => s + Number(r.split(',').pop()), 0);
      assert.equal(sum, a.total, 'the categories add up to the total');
    }
    if (chart === 'classes') {
      // Every class week by week, whatever kind is chosen: together every record.
      assert.equal(rows[0], 'week_commencing,school_days,prosocial,low_level,difficult,dangerous');
      const sum = rows.slice(1).reduce((s, r) => s + r.split(',').slice(2).reduce((t, x) => t + Number(x), 0), 0);
      assert.equal(sum, every.total, 'the classes add up to every record');
      const pro = rows.slice(1).reduce((s, r) => s + Number(r.split(',')[2]), 0);
      assert.equal(pro, a.total, 'the prosocial column is the prosocial records');
    }
    if (chart === 'heatmap') {
      const sum = rows.slice(1).reduce((s, r) => s + r.split(',').slice(1).reduce((t, x) => t + Number(x), 0), 0);
      assert.equal(sum, a.total);
    }
  }
  await server.settle();
  assert.equal(n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'"), before + 8, 'every download audited');
  for (const chart of ['pupils', 'by_pupil', '', 'x']) {
    const res = await senior.get(`/insight.csv?chart=${chart}`);
    assert.equal(res.status, 404, chart);
  }
  // A pupil's name appears in no download.
  const top = (await api('senior', '/api/v1/insight?class=low_level,difficult,dangerous')).json.by_pupil[0];
  for (const chart of ['months', 'categories', 'places', 'hours', 'heatmap', 'weeks', 'years']) {
    const text = (await senior.get(`/insight.csv?chart=${chart}&period=all`)).text;
    assert.ok(!text.includes(top.name), `${chart}: no pupil's name`);
  }
});

test('filters that make no sense or are not for this person are dropped and said; words are escaped', async () => {
  const odd = ['?period=zzz', '?period=custom&from=nonsense&to=2026-02-30', '?year=99&form=-4', '?kind=naughty',
    '?category=%3Cscript%3Ealert(1)%3C%2Fscript%3E', '?place=%3Cb%3E', '?period=custom&from=2026-12-01&to=2026-01-01',
    '?group=nonsense', '?period=half_term&year=7&form=999999'];
  for (const q of odd) {
    const res = await page('senior', q);
    assert.equal(res.status, 200, q);
    assert.ok(!res.text.includes('<script>alert'), q);
    assert.ok(!res.text.includes('<b>'), q);
  }
  assert.match((await page('senior', '?period=zzz')).text, /The period was not understood/);
  // A form or category the school does not have is said, not counted as nought.
  const noForm = n('SELECT MAX(id) + 1000 FROM forms');
  const unknown = await page('senior', `?period=all&kind=all&form=${noForm}&category=no_such_category`);
  assert.match(unknown.text, /That form was not found: every form is shown/);
  assert.match(unknown.text, /That category is in none of the school(&#39;|&#x27;|&apos;|')s policy(&#39;|&#x27;|&apos;|')s versions/);
  const everything = await page('senior', '?period=all&kind=all');
  assert.equal(keyFigure(unknown.text, 'Records'), keyFigure(everything.text, 'Records'));
  assert.match((await page('senior', '?period=custom&from=2026-12-01&to=2026-01-01')).text, /swapped/);
  // An address whose filters cannot be read (not UTF-8) says so, rather
  // than show the whole school's figures as if they were the ones asked.
  const unreadable = await page('senior', '?period=all&place=%FF%FE');
  assert.equal(unreadable.status, 200);
  assert.match(unreadable.text, /The filters in the address could not be read \(it is not UTF-8 text, or has a broken %-escape\): the page is shown without them/);
  assert.doesNotMatch((await page('senior', '?period=all')).text, /could not be read/);
  // A teacher asking for a pupil group gets their own figures, not the group's.
  const teacher = await page('teacher', '?group=fsm&period=all');
  assert.equal(teacher.status, 200);
  assert.ok(!teacher.text.includes('id="insight-group"'));
  // A year chosen: its forms, each with prosocial and other records.
  const year = n('SELECT MIN(year_group) FROM forms');
  const forms = await page('senior', `?period=all&year=${year}&kind=all`);
  assert.match(forms.text, /Prosocial and other records by form/);
  const formCount = n(`SELECT COUNT(*) FROM forms WHERE year_group = ${year}`);
  const section = forms.text.slice(forms.text.indexOf('id="insight-forms"'));
  assert.equal((section.match(/<tr><th scope="row">/g) || []).length, formCount);
});

test('whose records: the whole school, your own, and for senior leaders a colleague\'s (reflective supervision)', async () => {
  const staffId = (email) => n(`SELECT id FROM staff WHERE email = '${email}'`);
  const teacher = staffId('teacher@demo.attune.school');
  const teacherName = server.sql(`SELECT name FROM staff WHERE id = ${teacher}`).trim();
  const counted = (html) => number(keyFigure(html, 'Records'));
  // A senior leader chooses a teacher: the teacher's own recording, the same as the teacher sees.
  const senior = await page('senior', `?period=all&kind=all&who=${teacher}`);
  assert.equal(senior.status, 200);
  const escaped = teacherName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(senior.text, new RegExp(`${escaped}(&#39;|&#x27;|&apos;|')s recording`), 'named');
  const own = await page('teacher', '?period=all&kind=all');
  assert.equal(counted(senior.text), counted(own.text), 'what the teacher sees of their own');
  const sql = n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id WHERE ip.role = 'involved' AND i.recorded_by_staff_id = ${teacher}`);
  assert.equal(counted(senior.text), sql, 'the teacher\'s records, as the store holds them');
  assert.ok(!senior.text.includes('Pupils with most records'), 'no pupils by name in one person\'s figures');
  // Anyone who sees the whole school may look at their own.
  for (const role of ['pastoral', 'senco', 'dsl', 'senior']) {
    const me = staffId(`${role}@demo.attune.school`);
    const res = await page(role, '?period=all&kind=all&who=mine');
    assert.match(res.text, /Your own recording/, role);
    const mine = n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id WHERE ip.role = 'involved' AND i.recorded_by_staff_id = ${me}`);
    assert.equal(counted(res.text), mine, role);
  }
  // Another's recording is for senior leaders only: others are told and get the whole school's.
  const pastoral = await page('pastoral', `?period=all&who=${teacher}`);
  assert.match(pastoral.text, /shown to them and to senior leaders only/);
  assert.match(pastoral.text, /The whole school(&#39;|&#x27;|&apos;|')s records/);
  const whoSelect = (html) => (/<select id="insight-who"[^]*?<\/select>/.exec(html) || [''])[0];
  assert.match(whoSelect(pastoral.text), /My own recording/);
  assert.ok(!whoSelect(pastoral.text).includes(`<option value="${teacher}"`), 'no colleagues to choose');
  assert.ok(whoSelect(senior.text).includes(`<option value="${teacher}" selected>`), 'a senior leader chooses among colleagues');
  // A teacher has no choice to make; someone of another school is not found.
  assert.ok(!(await page('teacher', '?period=all')).text.includes('id="insight-who"'));
  const stranger = await page('senior', '?period=all&who=999999');
  assert.match(stranger.text, /That member of staff was not found/);
  // The downloads follow the choice.
  const csv = await (await as('senior')).get(`/insight.csv?chart=categories&period=all&kind=all&who=${teacher}`);
  const sum = csv.text.trim().split(/\r?\n/).slice(1).reduce((t, r) => t + Number(r.split(',').pop()), 0);
  assert.equal(sum, sql);
});

test('equity by pupil group for leaders who may see special-category data, counts of 1 and 2 never shown', async () => {
  for (const role of ROLES) {
    const res = await page(role, '?period=all');
    assert.equal(/Equity: for whom/.test(res.text), SCHOOL_WIDE.includes(role), role);
  }
  assert.equal((await (await as('teacher')).get('/insight.csv?chart=equity&period=all')).status, 404);
  const csv = (await (await as('senior')).get('/insight.csv?chart=equity&period=all&kind=all')).text.trim().split(/\r?\n/);
  assert.deepEqual(csv[0].split(','), ['dimension', 'group', 'pupils', 'records', 'per_100_pupils', 'relative_risk']);
  const rows = csv.slice(1).map((line) => line.split(','));
  for (const r of rows) {
    for (const cell of [r[2], r[3]]) assert.ok(cell !== '1' && cell !== '2', `${r[1]}: ${cell} is suppressed`);
    if (r[2] === '<3' || r[3] === '<3') assert.deepEqual([r[4], r[5]], ['', ''], `${r[1]}: no rate on a small count`);
  }
  const girls = rows.find((r) => r[1] === 'Girls');
  const pupils = n("SELECT COUNT(*) FROM pupils WHERE sex = 'F'");
  const records = n(`SELECT COUNT(*) FROM incident_pupils ip JOIN pupils p ON p.id = ip.pupil_id
    WHERE ip.role = 'involved' AND p.sex = 'F'`);
  const all = n("SELECT COUNT(*) FROM incident_pupils WHERE role = 'involved'");
  const everyone = n('SELECT COUNT(*) FROM pupils');
  assert.equal(Number(girls[2]), pupils);
  assert.equal(Number(girls[3]), records);
  assert.ok(Math.abs(Number(girls[4]) - 100 * records / pupils) <= 0.05 + 1e-9, girls.join());
  const risk = (records / pupils) / ((all - records) / (everyone - pupils));
  assert.ok(Math.abs(Number(girls[5]) - risk) <= 0.005 + 1e-9, girls.join());
  // Every year group is there, with its pupils.
  for (const y of server.sql('SELECT DISTINCT year_group FROM pupils').split('\n')) {
    const row = rows.find((r) => r[1] === `Year ${y}`);
    assert.ok(row, `Year ${y}`);
    assert.equal(Number(row[2]), n(`SELECT COUNT(*) FROM pupils WHERE year_group = ${y}`));
  }
});

test('the pupil page shows the pupil\'s own pattern', async () => {
  // 1 September of this school year, an hour early (London's summer time).
  const now = new Date();
  const year = now.getUTCMonth() + 1 >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const schoolYearStart = Date.UTC(year, 8, 1) / 1000 - 3600;
  const pupil = n(`SELECT ip.pupil_id FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE i.behaviour_class <> 'prosocial' AND i.restricted = 0 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const expected = n(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE ip.pupil_id = ${pupil} AND ip.role = 'involved' AND i.behaviour_class <> 'prosocial' AND i.restricted = 0
    AND ip.occurred_at >= ${schoolYearStart}`);
  const res = await (await as('teacher')).get(`/pupils/${pupil}`);
  assert.equal(res.status, 200);
  assert.match(res.text, /pattern this school year/);
  const shown = /records other than prosocial notes fall \((\d+) this school year\)/.exec(res.text);
  assert.ok(shown, 'the pattern is shown');
  assert.equal(Number(shown[1]), expected);
  const cells = [...res.text.slice(res.text.indexOf('id="pattern"')).split('id="chronology"')[0]
    .matchAll(/heatmap__cell--\d" title="[^"]*">(\d+)</g)].reduce((s, m) => s + Number(m[1]), 0);
  assert.equal(cells, expected, 'the map adds up');
});

test('a senior leader\'s day shows the last four weeks from insight, as the API counts them', async () => {
  await page('senior');  // insight has read the records
  const home = await (await as('senior')).get('/');
  assert.equal(home.status, 200);
  const m = /([\d.]+) records other than prosocial a school day \((\d+) school days\)/.exec(home.text);
  assert.ok(m, 'the last four weeks are shown');
  const day = (d) => d.toISOString().slice(0, 10);
  const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const today = new Date(`${london}T12:00:00Z`);
  const from = new Date(today.getTime() - 27 * 86400000);
  const a = (await api('senior', `/api/v1/insight?from=${day(from)}&to=${day(today)}&class=low_level,difficult,dangerous`)).json;
  assert.equal(m[1], (a.total / Number(m[2])).toFixed(1), 'records a school day, as the API counts them');
  assert.match(home.text, /Insight shows <a href="\/insight">the patterns behind these figures<\/a>/);
  // Only senior leaders' days show it.
  for (const role of ['teacher', 'pastoral', 'dsl']) {
    const other = await (await as(role)).get('/');
    assert.ok(!other.text.includes('records other than prosocial a school day'), role);
  }
});

test('over more than a year the trends go month by month, week by week within one', async () => {
  const senior = await as('senior');
  const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const twoYears = `${Number(london.slice(0, 4)) - 2}${london.slice(4, 8)}01`;
  const long = await page('senior', `?period=custom&from=${twoYears}&to=${london}&kind=all`);
  assert.match(long.text, /<h2 id="insight-weeks">Prosocial and other records, month by month<\/h2>/);
  assert.match(long.text, /<h2 id="insight-classes">Each class of behaviour, month by month<\/h2>/);
  const months = (await senior.get(`/insight.csv?chart=classes&period=custom&from=${twoYears}&to=${london}`)).text.trim().split(/\r?\n/);
  assert.match(months[0], /^month,school_days,/);
  assert.equal(months.length - 1, 25, 'a row for each month, the first and last in part');
  assert.ok(months.slice(1).every((r) => /^\d{4}-\d{2}-01,/.test(r)), 'each from the first of its month');
  const total = months.slice(1).reduce((s, r) => s + r.split(',').slice(2).reduce((t, x) => t + Number(x), 0), 0);
  assert.equal(total, (await api('senior', `/api/v1/insight?from=${twoYears}&to=${london}`)).json.total);
  const short = await page('senior', '?period=year&kind=all');
  assert.match(short.text, /Prosocial and other records, week by week/);
});

// Lists that scale (issue 12): the pupils list, the staff list and the
// audit log page through their rows, narrow by their filters, say how many
// match, drop filter values they do not understand (never a 500), are
// refused to roles without their permission, and download as CSV for the
// current filters, each download audited as export.csv. Counts are checked
// against the SQLite file itself.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');

let server;
const as = {};
test.before(async () => {
  server = await startServer({ pupils: 120, days: 3 });
  for (const role of ['teacher', 'pastoral', 'senior', 'admin']) {
    as[role] = new Browser(server.base);
    const signed = await as[role].signIn(`${role}@demo.attune.school`);
    assert.equal(signed.status, 303, role);
  }
});
test.after(async () => { await server.stop(); });

const n = (query) => Number(server.sql(query));
const rowsOf = (html, cls) => (html.match(new RegExp(`class="${cls}"`, 'g')) || []).length;
const pupilRows = (html) => rowsOf(html, 'pupil-link');
const countLine = (html) => (/<p class="summary list-count">([^<]*)<\/p>/.exec(html) || [])[1];
const where = (html) => (/<p class="paging__where">([^<]*)/.exec(html) || [])[1];

async function page(role, path) {
  const res = await as[role].get(path);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.text;
}

// The CSV as rows of cells (RFC 4180 quoting). fetch's text() has already
// taken off the byte-order mark the download starts with.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') { /* CRLF */ } else if (c === '\n') {
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  return rows;
}

async function download(role, path) {
  const before = n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'");
  const res = await as[role].get(path);
  assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.slice(0, 200)}`);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="[a-z-]+\.csv"$/);
  await server.settle();
  assert.equal(n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'"), before + 1,
    `${path} leaves one export.csv entry`);
  const entry = server.sql(
    "SELECT s.email || '|' || a.detail FROM audit_log a JOIN staff s ON s.id = a.staff_id " +
    "WHERE a.action = 'export.csv' ORDER BY a.id DESC LIMIT 1").split('|');
  assert.equal(entry[0], `${role}@demo.attune.school`);
  const rows = parseCsv(res.text);
  assert.match(entry[1], new RegExp(`: ${rows.length - 1} rows$`), 'the entry says how many rows left');
  return rows;
}

test('pupils: pages of 25 or 50, page numbers clamped, nonsense ignored', async () => {
  const total = n('SELECT COUNT(*) FROM pupils');
  assert.equal(total, 120);
  let html = await page('teacher', '/pupils');
  assert.equal(countLine(html), '120 pupils on roll');
  assert.equal(pupilRows(html), 25);
  assert.equal(where(html), '1–25 of 120 ');
  for (const p of ['-1', '0', 'abc', '1e3', '2.5', '']) {
    html = await page('teacher', `/pupils?page=${p}`);
    assert.equal(where(html), '1–25 of 120 ', `page=${p} shows the first page`);
  }
  html = await page('teacher', '/pupils?page=99999');
  assert.equal(where(html), '101–120 of 120 ', 'a page past the end shows the last');
  assert.equal(pupilRows(html), 20);
  html = await page('teacher', '/pupils?page=99999999999999999999999');
  assert.equal(pupilRows(html), 25, 'a number too big to read is the first page');
  html = await page('teacher', '/pupils?per=50&page=2');
  assert.equal(where(html), '51–100 of 120 ');
  assert.equal(pupilRows(html), 50);
  for (const per of ['100000', '-5', 'all', '1']) {
    html = await page('teacher', `/pupils?per=${per}`);
    assert.equal(pupilRows(html), 25, `per=${per} is the usual 25`);
  }
  // Following "Next" to the end visits every pupil once.
  const seen = new Set();
  let next = '/pupils';
  while (next) {
    html = await page('teacher', next.replaceAll('&amp;', '&'));
    for (const m of html.matchAll(/href="\/pupils\/(\d+)" class="pupil-link"/g)) seen.add(m[1]);
    next = (/href="([^"]+)" rel="next"/.exec(html) || [])[1];
  }
  assert.equal(seen.size, 120);
});

test('pupils: each filter narrows to the pupils the database holds', async () => {
  const form = server.sql('SELECT id || \'|\' || name FROM forms ORDER BY id LIMIT 1 OFFSET 2').split('|');
  const planned = server.sql('SELECT id FROM pupils ORDER BY id LIMIT 3').split('\n').map(Number);
  for (const id of planned) {
    server.sql(`INSERT INTO plans (school_id, pupil_id, plan, name, started_on, status, created_at)
                VALUES (1, ${id}, 'daily_positive_reporting', 'Daily Positive Reporting', '2026-01-05', 'active', 0)`);
  }
  // An ended plan does not count as active.
  server.sql(`INSERT INTO plans (school_id, pupil_id, plan, name, started_on, status, created_at)
              VALUES (1, ${planned[0] + 10}, 'daily_positive_reporting', 'Daily Positive Reporting', '2025-01-05', 'ended', 0)`);
  const activePlans = n("SELECT COUNT(DISTINCT pupil_id) FROM plans WHERE status = 'active'");
  const surname = server.sql('SELECT last_name FROM pupils ORDER BY id LIMIT 1 OFFSET 40');
  const cases = [
    ['year=8', n('SELECT COUNT(*) FROM pupils WHERE year_group = 8')],
    [`form=${form[0]}`, n(`SELECT COUNT(*) FROM pupils WHERE form_id = ${form[0]}`)],
    ['sen=K', n("SELECT COUNT(*) FROM pupils WHERE sen_status = 'K'")],
    ['sen=E', n("SELECT COUNT(*) FROM pupils WHERE sen_status = 'E'")],
    ['sen=N', n("SELECT COUNT(*) FROM pupils WHERE sen_status = 'N'")],
    ['plan=yes', activePlans],
    ['plan=no', 120 - activePlans],
    [`q=${encodeURIComponent(surname)}`,
      n(`SELECT COUNT(*) FROM pupils WHERE search_text LIKE '%${surname.toLowerCase()}%'`)],
    ['year=9&sen=K', n("SELECT COUNT(*) FROM pupils WHERE year_group = 9 AND sen_status = 'K'")],
    ['year=10&plan=no', n("SELECT COUNT(*) FROM pupils WHERE year_group = 10 AND id NOT IN " +
      "(SELECT pupil_id FROM plans WHERE status = 'active')")],
  ];
  assert.ok(activePlans >= 3, 'the three plans added, and any of the demo');
  for (const [query, expected] of cases) {
    assert.ok(expected < 120, `${query} is a real narrowing`);
    const html = await page('teacher', `/pupils?${query}&per=50`);
    assert.equal(countLine(html), `${expected} ${expected === 1 ? 'pupil matches' : 'pupils match'}`, query);
    assert.equal(pupilRows(html), Math.min(expected, 50), query);
    // The fragment htmx swaps in as staff type reads the same filters.
    const fragment = await as.teacher.get(`/pupils/search?${query}&per=50`);
    assert.equal(fragment.status, 200);
    assert.equal(countLine(fragment.text), countLine(html), `fragment ${query}`);
    assert.ok(!/<html/.test(fragment.text), 'a fragment, not a page');
  }
  // Every pupil in a year's list is in that year.
  const html = await page('teacher', '/pupils?year=11&per=50');
  for (const m of html.matchAll(/pupil-link__meta">Year (\d+)/g)) assert.equal(m[1], '11');
});

test('pupils: sorted by name or by year and form', async () => {
  const byName = await page('teacher', '/pupils?per=50');
  const names = [...byName.matchAll(/pupil-link__name">([^<]+)</g)].map((m) => m[1]);
  const first = server.sql('SELECT last_name FROM pupils ORDER BY last_name, first_name, id LIMIT 1');
  assert.ok(names[0].startsWith(first + ','), `${names[0]} first by surname`);
  const byYear = await page('teacher', '/pupils?sort=year&page=99999');
  const years = [...byYear.matchAll(/pupil-link__meta">Year (\d+)/g)].map((m) => Number(m[1]));
  assert.equal(years.at(-1), 11, 'the last page by year is year 11');
  const firstPage = await page('teacher', '/pupils?sort=year');
  assert.match(firstPage, /pupil-link__meta">Year 7/);
  assert.doesNotMatch(firstPage, /pupil-link__meta">Year 11/);
});

test('pupils: filter values not understood are dropped, the page still shown', async () => {
  for (const q of ['year=99', 'year=-1', 'year=abc', 'form=abc', 'form=-3', 'form=99999999999999999999',
    'sen=X', 'sen=%27%3B--', 'plan=maybe', 'sort=evil', 'per=%00', `q=${'x'.repeat(500)}`,
    'year=8&year=9', 'page=%ZZ']) {
    const res = await as.teacher.get(`/pupils?${q}`);
    assert.equal(res.status, 200, q);
    if (!q.startsWith('year=8')) assert.equal(countLine(res.text), '120 pupils on roll', q);
  }
  // A form of another school finds no one rather than failing.
  const res = await as.teacher.get('/pupils?form=424242');
  assert.equal(res.status, 200);
  assert.equal(countLine(res.text), '0 pupils match');
});

test('pupils: the list never carries special-category fields; its CSV holds the filtered list', async () => {
  const html = await page('senior', '/pupils');
  assert.doesNotMatch(html, /Free school meals|Looked-after|Ethnicity/);
  const year = 8;
  const expected = n(`SELECT COUNT(*) FROM pupils WHERE year_group = ${year}`);
  const rows = await download('teacher', `/pupils/export.csv?year=${year}`);
  assert.deepEqual(rows[0], ['UPN', 'Surname', 'First name', 'Preferred name', 'Year', 'Form', 'SEN']);
  assert.equal(rows.length - 1, expected, 'every page of the filter, not only the first');
  for (const r of rows.slice(1)) assert.equal(r[4], String(year));
  const upns = server.sql(`SELECT upn FROM pupils WHERE year_group = ${year} ORDER BY upn`).split('\n');
  assert.deepEqual(rows.slice(1).map((r) => r[0]).sort(), upns);
  const all = await download('teacher', '/pupils/export.csv?page=3&per=25');
  assert.equal(all.length - 1, 120, 'the download ignores the page');
  const link = /href="(\/pupils\/export\.csv\?[^"]*)"/.exec(await page('teacher', '/pupils?sen=K&year=9'))[1];
  assert.match(link.replaceAll('&amp;', '&'), /year=9/);
  assert.match(link.replaceAll('&amp;', '&'), /sen=K/);
});

test('staff: paged, filtered by role, status and name; the add form still works', async () => {
  const total = n('SELECT COUNT(*) FROM staff');
  let html = await page('admin', '/staff');
  assert.equal(countLine(html), `${total} members of staff`);
  const shown = (h) => (h.match(/<tr(?: class="is-inactive")?>\s*<td>/g) || []).length;
  assert.equal(shown(html), Math.min(total, 25));
  if (total > 25) {
    html = await page('admin', '/staff?page=99999');
    assert.equal(shown(html), total - 25 * Math.floor((total - 1) / 25));
  }
  html = await page('admin', '/staff?page=-1&per=banana&role=wizard&status=sleeping');
  assert.equal(countLine(html), `${total} members of staff`, 'nonsense filters are dropped');

  const teachers = n("SELECT COUNT(*) FROM staff WHERE role = 'teacher'");
  html = await page('admin', '/staff?role=teacher&per=50');
  assert.equal(countLine(html), `${teachers} ${teachers === 1 ? 'member of staff matches' : 'members of staff match'}`);

  // Added through the form on the same page, then deactivated.
  const add = await as.admin.post('/staff', { form: {
    csrf_token: as.admin.csrf, name: 'Ms Quillon Vantablack', email: 'q.vantablack@demo.attune.school',
    role: 'teacher', job_title: 'Teacher of art', password: 'a-long-first-password' } });
  assert.equal(add.status, 303);
  const id = n("SELECT id FROM staff WHERE email = 'q.vantablack@demo.attune.school'");
  await page('admin', '/staff');
  const off = await as.admin.post(`/staff/${id}/active`, { form: { csrf_token: as.admin.csrf, active: '0' } });
  assert.equal(off.status, 303);
  html = await page('admin', '/staff?q=vantablack');
  assert.equal(countLine(html), '1 member of staff matches');
  assert.match(html, /Ms Quillon Vantablack/);
  html = await page('admin', '/staff?status=deactivated');
  const deactivated = n('SELECT COUNT(*) FROM staff WHERE active = 0');
  assert.ok(deactivated >= 1);
  assert.equal(countLine(html), `${deactivated} ${deactivated === 1 ? 'member of staff matches' : 'members of staff match'}`);
  assert.match(html, /Vantablack/);
  html = await page('admin', '/staff?status=active&q=vantablack');
  assert.equal(countLine(html), '0 members of staff match');

  // A failed add shows the page with the form open and its error.
  const bad = await as.admin.post('/staff', { form: {
    csrf_token: as.admin.csrf, name: 'No Email', email: 'not-an-email', role: 'teacher', password: 'a-long-first-password' } });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /<details class="card disclosure" open>/);

  const rows = await download('admin', '/staff/export.csv?role=teacher');
  assert.deepEqual(rows[0], ['Name', 'Email', 'Job title', 'Role', 'Status']);
  assert.equal(rows.length - 1, n("SELECT COUNT(*) FROM staff WHERE role = 'teacher'"));
  assert.ok(rows.slice(1).every((r) => r[3] === 'Teacher'));
  assert.ok(rows.some((r) => r[1] === 'q.vantablack@demo.attune.school' && r[4] === 'Deactivated'));
});

test('audit: filtered by kind, person and day; paged newer and older; counts match', async () => {
  await server.settle();
  let html = await page('senior', '/audit');
  // Every kind attune writes is offered, in school words.
  for (const [value, label] of [['incident.undo', 'Undid a record just made'], ['export.csv', 'Downloaded a list (CSV)'],
    ['policy.activated', 'Put a policy version in force'], ['sign_in_failed', 'Sign-in failed']]) {
    assert.ok(html.includes(`<option value="${value}">${label}</option>`), value);
  }
  const signIns = n("SELECT COUNT(*) FROM audit_log WHERE school_id = 1 AND action = 'sign_in'");
  html = await page('senior', '/audit?action=sign_in');
  assert.equal(countLine(html), `${signIns} ${signIns === 1 ? 'entry matches' : 'entries match'}`);
  assert.ok(signIns >= 4);

  const senior = n("SELECT id FROM staff WHERE email = 'senior@demo.attune.school'");
  const mine = n(`SELECT COUNT(*) FROM audit_log WHERE school_id = 1 AND staff_id = ${senior} AND action = 'sign_in'`);
  html = await page('senior', `/audit?action=sign_in&who=${senior}`);
  assert.equal(countLine(html), `${mine} ${mine === 1 ? 'entry matches' : 'entries match'}`);

  // Days are London days; the future holds nothing, today holds everything.
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  html = await page('senior', `/audit?from=${tomorrow}&action=sign_in`);
  assert.equal(countLine(html), '0 entries match');
  html = await page('senior', '/audit?to=2001-01-01');
  assert.equal(countLine(html), '0 entries match');
  html = await page('senior', `/audit?from=${today}&to=${today}&action=sign_in`);
  assert.equal(countLine(html), `${signIns} ${signIns === 1 ? 'entry matches' : 'entries match'}`);

  // Nonsense is dropped: the whole log.
  await server.settle();
  const all = n('SELECT COUNT(*) FROM audit_log WHERE school_id = 1');
  html = await page('senior', '/audit?action=drop_table&who=abc&from=yesterday&to=2026-13-45&page=-4&per=9999');
  assert.equal(countLine(html), `${all.toLocaleString('en-GB')} entries`);
  const entryRows = (h) => (h.match(/<tr><td[ >]/g) || []).length;
  assert.equal(entryRows(html), Math.min(25, all));

  // Paging: older, then the last page; a page past the end is the last.
  if (all > 25) {
    assert.match(html, /rel="next">Older</);
    const last = await page('senior', '/audit?page=99999');
    assert.match(last, /rel="prev">Newer</);
    assert.doesNotMatch(last, /rel="next"/);
    const pages = Math.ceil(all / 25);
    assert.equal(entryRows(last), all - 25 * (pages - 1));
  }
});

test('audit: the CSV holds the filtered log and is itself audited', async () => {
  await server.settle();
  const signIns = n("SELECT COUNT(*) FROM audit_log WHERE school_id = 1 AND action = 'sign_in'");
  const rows = await download('senior', '/audit/export.csv?action=sign_in');
  assert.deepEqual(rows[0], ['When', 'Who', 'What', 'Action', 'Detail', 'About', 'Subject', 'Address']);
  assert.equal(rows.length - 1, signIns);
  assert.ok(rows.slice(1).every((r) => r[3] === 'sign_in' && r[2] === 'Signed in'));
});

test('actions: the queue downloads as CSV for the filters chosen, every page', async () => {
  const open = n("SELECT COUNT(*) FROM actions a LEFT JOIN incidents i ON i.id = a.incident_id " +
    "WHERE a.status = 'open'");
  assert.ok(open > 0, 'the demo history leaves open actions');
  const html = await page('pastoral', '/actions?queue=all');
  const summary = Number((/<p class="summary">(\d+) actions? open/.exec(html) || [])[1]);
  assert.ok(summary > 0 && summary <= open);
  const link = /href="(\/actions\/export\.csv\?[^"]*)"/.exec(html)[1].replaceAll('&amp;', '&');
  const rows = await download('pastoral', link);
  assert.deepEqual(rows[0], ['Action', 'Pupil', 'For', 'Due', 'Status', 'Done', 'Done by', 'Outcome', 'Record']);
  assert.equal(rows.length - 1, summary, 'the whole queue, not a page of 25');
  assert.ok(rows.slice(1).every((r) => r[4] === 'Open'));
  // A teacher's download is their own queue only, whatever they ask for.
  const teacherRows = await download('teacher', '/actions/export.csv?queue=all');
  const teacherPage = await page('teacher', '/actions');
  const mine = Number((/<p class="summary">(\d+) actions? open/.exec(teacherPage) || [0, 0])[1]);
  assert.equal(teacherRows.length - 1, mine);
});

test('a teacher cannot reach the staff list, the audit log or their downloads', async () => {
  await server.settle();
  const before = n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'");
  for (const path of ['/staff', '/staff?page=2', '/staff/export.csv', '/audit', '/audit?action=sign_in',
    '/audit/export.csv']) {
    const res = await as.teacher.get(path);
    assert.equal(res.status, 403, path);
    assert.doesNotMatch(res.text, /@demo\.attune\.school|Signed in/, `${path} shows nothing of the list`);
  }
  // The pastoral lead keeps no accounts and reads no audit log either.
  for (const path of ['/staff/export.csv', '/audit/export.csv']) {
    assert.equal((await as.pastoral.get(path)).status, 403, path);
  }
  await server.settle();
  assert.equal(n("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'"), before,
    'a refused download leaves no export entry');
  // Signed out: sent to sign in.
  const anon = new Browser(server.base);
  const res = await anon.get('/pupils/export.csv');
  assert.equal(res.status, 303);
});

test('audit: a log longer than it is worth counting says "more than", and every page is still reached', async () => {
  await server.settle();
  // A busy term: 12,000 older entries (the demo's own stay the newest).
  server.sql(`WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < 12000)
    INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, subject_id, detail, ip)
    SELECT 1, NULL, unixepoch() - 86400 * 30 - k, 'sign_in_failed', '', 0, 'entry ' || k, '10.0.0.1' FROM i`);
  const all = n('SELECT COUNT(*) FROM audit_log WHERE school_id = 1');
  let html = await page('senior', '/audit');
  assert.equal(countLine(html), 'More than 10,000 entries');
  assert.equal(where(html).trim(), '1–25 of more than 10,000');
  assert.match(html, /Page 1 of more than 400/);
  // Past the pages first counted: page 450 holds entries 11,226–11,250 and goes on.
  html = await page('senior', '/audit?page=450');
  assert.match(where(html), /^11,226–11,250 of /);
  assert.match(html, /rel="next">Older</);
  // The last page is found exactly: a count that reaches the end is the total.
  const pages = Math.ceil(all / 25);
  html = await page('senior', `/audit?page=${pages}`);
  assert.equal(countLine(html), `${all.toLocaleString('en-GB')} entries`);
  assert.doesNotMatch(html, /rel="next"/);
  assert.match(html, /\(entry 12000\)/);
  // Narrowed to the failed sign-ins of one day, it is counted exactly again.
  html = await page('senior', '/audit?action=sign_in_failed&to=2001-01-01');
  assert.equal(countLine(html), '0 entries match');
});

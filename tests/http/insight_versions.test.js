// Insight across a change of policy (issue 14), with a policy written for a
// school unlike the four shipped ones (Hollybank: colour bands and its own
// categories, tests/policy_cases/policies/002_hollybank_colour_bands.toml),
// brought into force five school days ago (at most three school weeks, too
// few to compare, whatever the day the test runs) on a school with six weeks of
// history under the demo policy:
//   - the week-by-week charts mark the day the new version came into force,
//     and the before and after compares the school days around it and says
//     plainly that the weeks after are too few to mean much;
//   - the before and after are the API's counts over the same days;
//   - records under either version are named by the policy that defines
//     their category, and each class's trend counts every record.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays, addDays, londonToday } = require('../support/school_days');
const { bringIntoForce } = require('../support/policies');

const root = path.resolve(__dirname, '../..');
const policyText = fs.readFileSync(
  path.join(root, 'tests/policy_cases/policies/002_hollybank_colour_bands.toml'), 'utf8');

let server, api, since, version, senior;
const n = (q) => Number(server.sql(q));

test.before(async () => {
  server = await startServer({ pupils: 40, days: 30 });
  api = apiAs(server, tokensFor(server, ['teacher', 'senior']));
  const days = schoolDays(server);
  const admin = new Browser(server.base);
  await admin.signIn('admin@demo.attune.school');
  const id = await bringIntoForce(admin, policyText, 'Hollybank');
  since = days.latest();
  for (let i = 0; i < 5; i++) since = days.previous(since);
  server.sql(`UPDATE policy_versions SET active_from = '${since}' WHERE id = ${id}`);
  version = n(`SELECT version FROM policy_versions WHERE id = ${id}`);
  // A record under the new policy, in its own words.
  const pupil = n('SELECT MIN(id) FROM pupils WHERE school_id = 1');
  const made = await api('teacher', '/api/v1/incidents', { pupils: [{ id: pupil, role: 'involved' }], category: 'calling_out' });
  assert.equal(made.status, 201, made.text);
  senior = new Browser(server.base);
  await senior.signIn('senior@demo.attune.school');
});
test.after(async () => { await server.stop(); });

async function page(query) {
  for (;;) {
    const res = await senior.get(`/insight${query}`);
    if (res.status !== 503) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the change of policy is marked week by week, and the before and after says its weeks are too few', async () => {
  // Counted once insight has the new record.
  for (let i = 0; i < 100; i++) {
    const a = (await api('senior', '/api/v1/insight?class=low_level')).json;
    if (a.by_category && a.by_category.some((c) => c.category === 'calling_out')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const res = await page('?period=all&kind=all');
  assert.equal(res.status, 200);
  // Both charts mark the version, and it is said in words.
  const marks = res.text.match(new RegExp(`class="chart__mark-text"[^>]*>Version ${version}<`, 'g')) || [];
  assert.equal(marks.length, 2, 'the prosocial-and-other chart and each class\'s chart mark it');
  assert.match(res.text, new RegExp(`Version ${version} of the policy came into force on`));
  assert.match(res.text, new RegExp(`Before and after version ${version} of the policy`));
  assert.match(res.text, /Too short to mean much: \d+ school weeks before and \d+ after/);

  // The rates are the API's counts over the same days, a school day.
  const days = schoolDays(server);
  const before = addDays(since, -42), after = addDays(since, 41);
  const count = (from, to) => {
    let k = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) if (days.isSchoolDay(d)) k++;
    return k;
  };
  const today = londonToday();
  const end = after < today ? after : today;
  const a = (await api('senior', `/api/v1/insight?from=${before}&to=${addDays(since, -1)}`)).json.total;
  const b = (await api('senior', `/api/v1/insight?from=${since}&to=${end}`)).json.total;
  // As the page writes a number: whole, or to one decimal place.
  const rate = (x, k) => {
    const v = x / k;
    return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(1);
  };
  const m = /Six weeks before: <strong>([^<]+)<\/strong> a school day\. In the six weeks from then \(to today, if sooner\): <strong>([^<]+)<\/strong>/.exec(res.text);
  assert.ok(m, 'the before and after in numbers');
  assert.equal(m[1], rate(a, count(before, addDays(since, -1))), 'before');
  assert.equal(m[2], rate(b, count(since, end)), 'after');

  // Each policy names its own categories; every record is in some class.
  assert.match(res.text, /Calling out/, 'the new policy\'s name for its category');
  const old = server.sql(`SELECT category FROM incidents WHERE occurred_at < ${Math.floor(Date.now() / 1000) - 20 * 86400} AND behaviour_class = 'low_level' LIMIT 1`);
  const csv = (await senior.get('/insight.csv?chart=categories&period=all&kind=all')).text;
  assert.ok(csv.includes(`\n${old},`), 'records under the first version stay counted under their category');
  const classes = (await senior.get('/insight.csv?chart=classes&period=all')).text.trim().split(/\r?\n/).slice(1);
  const total = classes.reduce((s, r) => s + r.split(',').slice(2).reduce((t, x) => t + Number(x), 0), 0);
  assert.equal(total, (await api('senior', '/api/v1/insight')).json.total);
});

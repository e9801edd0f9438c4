// The policy in the app: "Our policy" for everyone; versions uploaded,
// checked in place, compared and brought into force by leaders.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');

const root = path.resolve(__dirname, '../..');
let server;
test.before(async () => { server = await startServer(); });
test.after(async () => { await server.stop(); });

test('the demo school has seed 004\'s policy in force, read by every member of staff', async () => {
  const b = new Browser(server.base);
  await b.signIn('support@demo.attune.school');
  const page = await b.get('/policy');
  assert.equal(page.status, 200);
  assert.match(page.text, /Blue Sky Learning: our behaviour and relationships policy/);
  assert.match(page.text, /Time In/);
  assert.match(page.text, /Version 1, in force since/);
  assert.equal((await b.get('/policies')).status, 403);
});

test('GET /api/v1/policy gives the categories, steps and vocabulary in force', async () => {
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const res = await fetch(server.base + '/api/v1/policy', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.version, 1);
  const lld = body.categories.find((c) => c.id === 'low_level_disruption');
  assert.deepEqual([lld.class, lld.safeguarding], ['low_level', false]);
  assert.ok(body.categories.some((c) => c.safeguarding));
  assert.deepEqual(body.steps.slice(0, 2).map((s) => s.id), ['attunement', 'reminder']);
});

test('a broken upload is refused with line and column, the text kept, and nothing saved', async () => {
  const b = new Browser(server.base);
  await b.signIn('senior@demo.attune.school');
  const text = fs.readFileSync(path.join(root, 'policies/003_learning_partnership_west.toml'), 'utf8')
    .replace('class = "low_level"', 'class = "lowlevel"');
  const line = text.slice(0, text.indexOf('class = "lowlevel"')).split('\n').length;
  const before = server.sql('SELECT COUNT(*) FROM policy_versions');
  const res = await b.post('/policies', { multipart: { csrf_token: b.csrf, policy: text, note: 'Trying LPW' } });
  assert.equal(res.status, 422);
  assert.match(res.text, new RegExp(`Line ${line}, column 9</a>: &apos;class&apos; in category &apos;[a-z_]+&apos;: found &quot;lowlevel&quot;`));
  assert.match(res.text, /Trying LPW/);
  const small = await b.post('/policies', { form: { csrf_token: b.csrf, policy: 'format = 1', note: '' } });
  assert.equal(small.status, 422, 'a short urlencoded upload works too');
  assert.match(small.text, /needs a \[school\] table/);
  assert.match(res.text, /class = &quot;lowlevel&quot;/, 'the pasted text is kept');
  assert.equal(server.sql('SELECT COUNT(*) FROM policy_versions'), before);
  const empty = await b.post('/policies', { multipart: { csrf_token: b.csrf, policy: '  ' } });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Paste the policy file/);
});

test('a valid upload is a draft until activated; the changes are listed; past dates refused', async () => {
  const b = new Browser(server.base);
  await b.signIn('admin@demo.attune.school');
  const text = fs.readFileSync(path.join(root, 'policies/004_blue_sky_learning.toml'), 'utf8')
    .replace('name = "Low-level disruption"', 'name = "Low-level disruption to learning"');
  const res = await b.post('/policies', {
    multipart: { csrf_token: b.csrf, policy_file: new Blob([text]), policy: '', note: 'Clearer name' },
  });
  assert.equal(res.status, 303);
  const where = res.headers.get('location');
  assert.match(where, /^\/policies\/\d+$/);
  const show = await b.get(where);
  assert.equal(show.status, 200);
  assert.match(show.text, /What changes against version 1/);
  assert.match(show.text, /Category &quot;low_level_disruption&quot;: name Low-level disruption → Low-level disruption to learning/);
  const id = where.split('/').pop();
  const past = await b.post(`/policies/${id}/activate`, { form: { csrf_token: b.csrf, active_from: '2020-01-01' } });
  assert.equal(past.status, 422);
  assert.match(past.text, /Choose today or a later date/);
  const garbage = await b.post(`/policies/${id}/activate`, { form: { csrf_token: b.csrf, active_from: 'next week' } });
  assert.equal(garbage.status, 422);
  // Still version 1 in force.
  assert.match((await b.get('/policy')).text, /Version 1, in force/);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const ok = await b.post(`/policies/${id}/activate`, { form: { csrf_token: b.csrf, active_from: today } });
  assert.equal(ok.status, 303);
  const now = await b.get('/policy');
  assert.match(now.text, /Version 2, in force/);
  assert.match(now.text, /Low-level disruption to learning|Time In/);
  assert.ok(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.activated'")) >= 1);
});

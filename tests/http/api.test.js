// The JSON API with bearer tokens: listing pupils, refusals without a token,
// uniform JSON errors, and malformed bodies answered 4xx with a message.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');

let server;
let adminToken;
let teacherToken;
test.before(async () => {
  server = await startServer({ pupils: 60 });
  const last = (out) => out.trim().split('\n').pop();
  adminToken = last(server.cli(['token', 'create', '--email', 'admin@demo.attune.school']));
  teacherToken = last(server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']));
});
test.after(async () => { await server.stop(); });

const api = (path, { token, method = 'GET', body, type = 'application/json' } = {}) =>
  fetch(server.base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': type } : {}) },
    body,
  });

test('GET /api/v1/pupils lists the demo school\'s pupils with a token', async () => {
  const res = await api('/api/v1/pupils?limit=100', { token: teacherToken });
  assert.equal(res.status, 200);
  const body = await res.json();
  const onRoll = Number(server.sql('SELECT COUNT(*) FROM pupils WHERE school_id = 1'));
  assert.equal(body.total, onRoll);
  assert.equal(body.pupils.length, Math.min(100, onRoll));
  const p = body.pupils[0];
  for (const k of ['id', 'upn', 'first_name', 'last_name', 'year_group', 'sen_status']) assert.ok(k in p, k);
  assert.ok(!('ethnicity_code' in p), 'special category data hidden from a teacher');
  assert.equal(p.upn.length, 13);
});

test('GET /api/v1/pupils is 401 with a JSON error without a token, or with a bad one', async () => {
  for (const token of [undefined, 'att_not-a-real-token']) {
    const res = await api('/api/v1/pupils', { token });
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.equal(body.error.code, 'unauthenticated');
    assert.ok(body.error.message.length > 10);
    assert.ok('field' in body.error);
  }
  const basic = await fetch(server.base + '/api/v1/pupils', { headers: { authorization: 'Basic abc' } });
  assert.equal(basic.status, 401);
});

test('search and paging parameters are validated', async () => {
  const bad = await api('/api/v1/pupils?limit=abc', { token: teacherToken });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).error.field, 'limit');
  const big = await api('/api/v1/pupils?limit=1000', { token: teacherToken });
  assert.equal(big.status, 422);
  const one = await api('/api/v1/pupils?limit=1&offset=1', { token: teacherToken });
  assert.equal((await one.json()).pupils.length, 1);
});

test('a pupil read by a senior leader includes special category fields and is audited', async () => {
  const seniorToken = server.cli(['token', 'create', '--email', 'senior@demo.attune.school']).trim().split('\n').pop();
  const before = Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read_sensitive'"));
  const res = await api('/api/v1/pupils/1', { token: seniorToken });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.ok('ethnicity_code' in body && 'looked_after' in body);
  assert.ok(Array.isArray(body.contacts));
  await server.settle();
  const after = Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read_sensitive'"));
  assert.equal(after, before + 1);
  const teacherView = await (await api('/api/v1/pupils/1', { token: teacherToken })).json();
  assert.ok(!('ethnicity_code' in teacherView) && !('contacts' in teacherView));
  assert.equal((await api('/api/v1/pupils/999999', { token: teacherToken })).status, 404);
});

test('malformed JSON is 400 with a message; a wrong type is 422 naming the field', async () => {
  const broken = await api('/api/v1/staff', { token: adminToken, method: 'POST', body: '{"email": ' });
  assert.equal(broken.status, 400);
  assert.match((await broken.json()).error.message, /not valid JSON/);
  const notJson = await api('/api/v1/staff', { token: adminToken, method: 'POST', body: 'email=x', type: 'text/plain' });
  assert.equal(notJson.status, 400);
  const array = await api('/api/v1/staff', { token: adminToken, method: 'POST', body: '[]' });
  assert.equal(array.status, 400);
  const wrongType = await api('/api/v1/staff', { token: adminToken, method: 'POST', body: '{"email": 5}' });
  assert.equal(wrongType.status, 422);
  assert.equal((await wrongType.json()).error.field, 'email');
  const invalid = await api('/api/v1/staff', {
    token: adminToken, method: 'POST',
    body: JSON.stringify({ email: 'new@demo.attune.school', name: 'New Person', role: 'wizard', password: 'long enough 1' }),
  });
  assert.equal(invalid.status, 422);
  assert.equal((await invalid.json()).error.field, 'role');
});

test('the API and the staff page share one validator and one store', async () => {
  const res = await api('/api/v1/staff', {
    token: adminToken, method: 'POST',
    body: JSON.stringify({ email: 'Api.Made@demo.attune.school', name: 'Api Made', role: 'support', password: 'long enough 1' }),
  });
  assert.equal(res.status, 201);
  const dup = await api('/api/v1/staff', {
    token: adminToken, method: 'POST',
    body: JSON.stringify({ email: 'api.made@demo.attune.school', name: 'Again', role: 'support', password: 'long enough 1' }),
  });
  assert.equal(dup.status, 409);
  assert.equal((await dup.json()).error.field, 'email');
  const b = new Browser(server.base);
  await b.signIn('admin@demo.attune.school');
  const page = await b.get('/staff');
  assert.match(page.text, /api\.made<wbr>@demo\.attune\.school/);
  const form = await b.post('/staff', { form: { csrf_token: b.csrf, name: 'X', email: 'bad', role: 'teacher', password: 'long enough 1' } });
  assert.equal(form.status, 422);
  assert.match(form.text, /Enter an email address like/);
});

test('malformed form bodies get 400 with a message, never 500', async () => {
  const b = new Browser(server.base);
  await b.signIn('admin@demo.attune.school');
  const broken = await b.post('/staff', {
    body: 'name=%zz&csrf_token=' + encodeURIComponent(b.csrf),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': b.csrf },
  });
  assert.equal(broken.status, 400);
  assert.match(broken.text, /The field .{1,6}name.{1,6} has a broken %-escape/);
  const badUtf8 = await b.post('/staff', {
    body: 'name=%C3',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': b.csrf },
  });
  assert.equal(badUtf8.status, 400);
  assert.match(badUtf8.text, /The field .{1,6}name.{1,6} is not UTF-8 text: line 1, column 1 holds the byte 0xC3/);
  const wrongType = await b.post('/staff', {
    body: '{"name":"x"}',
    headers: { 'content-type': 'application/json', 'x-csrf-token': b.csrf },
  });
  assert.equal(wrongType.status, 400);
});

test('an administrator cannot deactivate themselves or remove the last administrator', async () => {
  const b = new Browser(server.base);
  await b.signIn('admin@demo.attune.school');
  const me = server.sql("SELECT id FROM staff WHERE email = 'admin@demo.attune.school'");
  const self = await b.post(`/staff/${me}/active`, { form: { csrf_token: b.csrf, active: '0' } });
  assert.equal(self.status, 422);
  assert.match(self.text, /cannot deactivate your own account/);
  const demote = await b.post(`/staff/${me}/role`, { form: { csrf_token: b.csrf, role: 'teacher' } });
  assert.equal(demote.status, 422);
  assert.match(demote.text, /only active administrator/);
});

test('restricted reads are listed on the audit page for the DSL, with who and which pupil', async () => {
  const b = new Browser(server.base);
  await b.signIn('senco@demo.attune.school');
  const pupil = await b.get('/pupils/2');
  assert.equal(pupil.status, 200);
  assert.match(pupil.text, /Free school meals/);
  const dsl = new Browser(server.base);
  await dsl.signIn('dsl@demo.attune.school');
  const audit = await dsl.get('/audit?action=pupil.read_sensitive');
  assert.equal(audit.status, 200);
  const senco = server.sql("SELECT name FROM staff WHERE email = 'senco@demo.attune.school'");
  assert.match(audit.text, new RegExp(senco.replace(/[.]/g, '\\.')));
  assert.match(audit.text, /href="\/pupils\/2">Pupil record/);
  assert.doesNotMatch(audit.text, /href="\/pupils\/0"/);
  const teacher = new Browser(server.base);
  await teacher.signIn('teacher@demo.attune.school');
  assert.equal((await teacher.get('/audit')).status, 403);
});

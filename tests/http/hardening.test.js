// The holes an outside test found (issue 10), each closed and kept closed,
// against the real binary on a temporary SQLite file: the sign-in throttle
// holds against a burst; every read of restricted records or special-category
// fields is audited, whichever route reads it; every list is filtered by the
// rule for reading one record; only those who read restricted records grant a
// role that does; bad JSON and bad UTF-8 are 400 with a message saying where;
// credentials end when a password, role or account changes; the pre-sign-in
// CSRF cookie must be one the server issued.
//
// Only HTTP semantics are relied on (status, headers, bodies), so these hold
// whatever library serves the requests.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { startServer, Browser, DEMO_PASSWORD, BIN, PG } = require('../support/server');

let server;
const tokens = {};
let pupils = [];  // demo pupils without SEN support
test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin']) {
    tokens[role] = token(`${role}@demo.attune.school`);
  }
  const list = await (await api('/api/v1/pupils?limit=100', { as: 'teacher' })).json();
  pupils = list.pupils.filter((p) => p.sen_status === 'N').map((p) => p.id);
  assert.ok(pupils.length >= 10, 'enough demo pupils without SEN support');
});
test.after(async () => { await server.stop(); });

function token(email) {
  return server.cli(['token', 'create', '--email', email]).trim().split('\n').pop();
}

// A JSON API call as a role (or with `bearer`), with a JSON value or raw bytes.
function api(path, { as, bearer, method = 'GET', json, raw } = {}) {
  const headers = { authorization: `Bearer ${bearer || tokens[as]}` };
  let body;
  if (json !== undefined || raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = raw !== undefined ? raw : JSON.stringify(json);
  }
  return fetch(server.base + path, { method, headers, body });
}

let nextPupil = 0;
const takePupil = () => pupils[nextPupil++];
const staffId = (email) => server.sql(`SELECT id FROM staff WHERE email = '${email}'`);

// A safeguarding record (restricted to the DSL and senior leaders by the
// demo policy, seed 004) about `pupil`, made by a teacher. Being dangerous,
// it also proposes a risk reduction plan.
async function restrictedRecord(pupil) {
  const res = await api('/api/v1/incidents', {
    as: 'teacher', method: 'POST',
    json: { pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse', notes: 'Disclosure at break.' },
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

// Audit entries of `action` by the member of staff with `email` that name
// `subject` (as their one subject, or among the several a list read names).
async function auditedReads(action, email, subject) {
  await server.settle();
  const lists = server.sql(PG ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'audit_subjects'"
    : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_subjects'") === '1'
    ? ` OR a.id IN (SELECT audit_id FROM audit_subjects WHERE subject_id = ${subject})` : '';
  return Number(server.sql(`SELECT COUNT(*) FROM audit_log a WHERE a.action = '${action}' AND ` +
    `a.staff_id = ${staffId(email)} AND (a.subject_id = ${subject}${lists})`));
}

// ---- Item 5: the sign-in throttle holds against a burst ----

test('20 wrong passwords sent at once for one account: at most 5 are checked, the rest are 429', async () => {
  // A server of its own: the burst counts against this machine's address too.
  const own = await startServer({ pupils: 10 });
  try {
    own.cli(['user', 'add', '--email', 'burst@demo.attune.school', '--name', 'Burst Test',
      '--role', 'teacher', '--password', 'right password 1']);
    const browsers = await Promise.all(Array.from({ length: 20 }, async () => {
      const b = new Browser(own.base);
      await b.get('/sign-in');
      return b;
    }));
    const answers = await Promise.all(browsers.map((b) => b.post('/sign-in', {
      form: { csrf_token: b.csrf, email: 'burst@demo.attune.school', password: 'wrong password', next: '' },
    })));
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401).length;
    assert.ok(checked <= 5, `${checked} wrong passwords were checked: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 20 - checked, statuses.join(' '));
    const failed = Number(own.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed'"));
    assert.equal(failed, checked, 'one failure audited per password checked');
    // The right password is refused too while the account is throttled.
    const right = new Browser(own.base);
    assert.equal((await right.signIn('burst@demo.attune.school', 'right password 1')).status, 429);
  } finally {
    await own.stop();
  }
});

// ---- Item 7: every read of restricted or special-category data is audited ----

test('the DSL listing a pupil\'s records through the API is audited, naming the restricted record', async () => {
  const pupil = takePupil();
  const id = await restrictedRecord(pupil);
  assert.equal(await auditedReads('incident.read_restricted', 'dsl@demo.attune.school', id), 0);
  const res = await api(`/api/v1/incidents?pupil=${pupil}`, { as: 'dsl' });
  assert.equal(res.status, 200);
  const list = await res.json();
  assert.deepEqual(list.incidents.map((i) => i.id), [id]);
  assert.equal(list.incidents[0].notes, 'Disclosure at break.');
  assert.equal(await auditedReads('incident.read_restricted', 'dsl@demo.attune.school', id), 1);
  // A list with nothing restricted in it is not a restricted read.
  await server.settle();
  const before = Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'incident.read_restricted'"));
  const other = await api(`/api/v1/incidents?pupil=${takePupil()}`, { as: 'dsl' });
  assert.equal(other.status, 200);
  await server.settle();
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'incident.read_restricted'")), before);
});

test('reads answered just before a clean stop are all in the audit log after it', async () => {
  // Their entries are written with the next group commit, after the answer
  // (decision 0015); a clean stop must finish writing them.
  const own = await startServer({ pupils: 10 });
  try {
    const mint = (email) => own.cli(['token', 'create', '--email', email]).trim().split('\n').pop();
    const teacher = mint('teacher@demo.attune.school');
    const dsl = mint('dsl@demo.attune.school');
    const pupil = Number(own.sql('SELECT MIN(id) FROM pupils'));
    const made = await fetch(own.base + '/api/v1/incidents', {
      method: 'POST',
      headers: { authorization: `Bearer ${teacher}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse', notes: 'Disclosure.' }),
    });
    assert.equal(made.status, 201);
    const id = (await made.json()).id;
    const reads = await Promise.all(Array.from({ length: 40 }, () =>
      fetch(own.base + `/api/v1/incidents/${id}`, { headers: { authorization: `Bearer ${dsl}` } })));
    assert.ok(reads.every((r) => r.status === 200));
    await own.kill('SIGTERM');
    assert.equal(await own.exitCode(), 0);
    assert.equal(own.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'incident.read_restricted' AND subject_id = ${id}`), '40');
  } finally {
    await own.stop();
  }
});

test('the pupils list read with special-category fields is audited, naming every pupil it returned', async () => {
  const res = await api('/api/v1/pupils?limit=7&offset=3', { as: 'senco' });
  assert.equal(res.status, 200);
  const list = await res.json();
  assert.equal(list.pupils.length, 7);
  assert.ok('looked_after' in list.pupils[0] && 'ethnicity_code' in list.pupils[0]);
  for (const p of list.pupils) {
    assert.equal(await auditedReads('pupil.read_sensitive', 'senco@demo.attune.school', p.id), 1, `pupil ${p.id}`);
  }
  // Without the permission the fields are not sent, and nothing special was read.
  const teacher = await (await api('/api/v1/pupils?limit=7&offset=3', { as: 'teacher' })).json();
  assert.ok(!('looked_after' in teacher.pupils[0]));
  assert.equal(await auditedReads('pupil.read_sensitive', 'teacher@demo.attune.school', teacher.pupils[0].id), 0);
});

test('the DSL\'s pupil page, actions, restorative conversations and contact with home of a restricted record are audited', async () => {
  const pupil = takePupil();
  const id = await restrictedRecord(pupil);
  const dsl = new Browser(server.base);
  await dsl.signIn('dsl@demo.attune.school');
  const page = await dsl.get(`/pupils/${pupil}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`href="/incidents/${id}"`));
  assert.ok(await auditedReads('incident.read_restricted', 'dsl@demo.attune.school', id) >= 1, 'the pupil page read');

  const read = () => auditedReads('incident.read_restricted', 'dsl@demo.attune.school', id);
  let seen = await read();
  const actions = await (await api('/api/v1/actions', { as: 'dsl' })).json();
  assert.ok(actions.actions.some((a) => a.incident_id === id && a.kind === 'dsl_review'));
  assert.equal(await read(), seen + 1, 'the DSL\'s own actions list');
  seen = await read();

  const talk = await api('/api/v1/restorative', {
    as: 'dsl', method: 'POST', json: { incident_id: id, pupil_id: pupil, agreement: 'Agreed with the DSL.' },
  });
  assert.equal(talk.status, 201, await talk.text());
  seen = await read();
  const talks = await (await api(`/api/v1/restorative?pupil=${pupil}`, { as: 'dsl' })).json();
  assert.equal(talks.restorative.length, 1);
  assert.equal(await read(), seen + 1, 'the restorative conversations of the pupil');
  seen = await read();

  const call = await api('/api/v1/contacts', {
    as: 'dsl', method: 'POST', json: { pupil_id: pupil, incident_id: id, kind: 'phone_call', note: 'Spoke to carer.' },
  });
  assert.equal(call.status, 201, await call.text());
  seen = await read();
  const calls = await (await api(`/api/v1/contacts?pupil=${pupil}`, { as: 'dsl' })).json();
  assert.equal(calls.contacts.length, 1);
  assert.equal(await read(), seen + 1, 'the contact log of the pupil');
});

// ---- Item 8: every list is filtered by the rule for reading the record ----

test('a restricted record\'s proposal, actions and conversations are in no list of a role that may not read it', async () => {
  const pupil = takePupil();
  const id = await restrictedRecord(pupil);
  assert.ok(Number(server.sql(`SELECT COUNT(*) FROM escalations WHERE incident_id = ${id} AND status = 'proposed'`)) >= 1,
    'the record proposes a plan');
  for (const role of ['teacher', 'pastoral', 'senco', 'admin']) {
    const b = new Browser(server.base);
    await b.signIn(`${role}@demo.attune.school`);
    const page = await b.get(`/pupils/${pupil}`);
    assert.equal(page.status, 200, role);
    assert.doesNotMatch(page.text, new RegExp(`/incidents/${id}\\b`), `${role}'s pupil page links to the record`);
    assert.doesNotMatch(page.text, /Proposed, waiting for a decision/, `${role} sees the record's proposal`);
    const actions = await b.get('/actions?scope=all');
    assert.doesNotMatch(actions.text, new RegExp(`/incidents/${id}\\b`), `${role}'s actions page`);
  }
  for (const role of ['teacher', 'pastoral', 'senco']) {
    const all = await (await api('/api/v1/actions?scope=all&limit=200', { as: role })).json();
    const mine = await (await api('/api/v1/actions?limit=200', { as: role })).json();
    for (const list of [all.actions || [], mine.actions || []]) {
      assert.ok(!list.some((a) => a.incident_id === id), `${role}: an action of the record is listed`);
    }
  }
  // Those who may read it still see the proposal.
  const senior = new Browser(server.base);
  await senior.signIn('senior@demo.attune.school');
  const page = await senior.get(`/pupils/${pupil}`);
  assert.match(page.text, /Proposed, waiting for a decision/);
  assert.match(page.text, new RegExp(`/incidents/${id}#plans-heading`));
});

test('a proposal from an ordinary record is still listed for every role', async () => {
  const pupil = takePupil();
  const res = await api('/api/v1/incidents', {
    as: 'teacher', method: 'POST',
    json: { pupils: [{ id: pupil, role: 'involved' }], category: 'serious_damage', notes: 'Threw a chair.' },
  });
  const made = await res.json();
  assert.equal(res.status, 201, JSON.stringify(made));
  const b = new Browser(server.base);
  await b.signIn('teacher@demo.attune.school');
  const page = await b.get(`/pupils/${pupil}`);
  assert.match(page.text, /Proposed, waiting for a decision/);
  assert.match(page.text, new RegExp(`/incidents/${made.id}#plans-heading`));
});

// ---- Item 9: a role that reads restricted records is granted only by one who does ----

test('an administrator cannot create a DSL, or make or bring back one, on the page or through the API', async () => {
  const admin = new Browser(server.base);
  await admin.signIn('admin@demo.attune.school');
  const staffPage = await admin.get('/staff');
  assert.equal(staffPage.status, 200);
  const made = await admin.post('/staff', { form: {
    csrf_token: admin.csrf, name: 'Self Made', email: 'selfmade@demo.attune.school', role: 'dsl', password: 'my own password 1',
  } });
  assert.equal(made.status, 403, 'an admin adds a DSL');
  assert.match(made.text, /safeguarding|restricted/);
  assert.equal(server.sql("SELECT COUNT(*) FROM staff WHERE email = 'selfmade@demo.attune.school'"), '0');
  const signIn = await new Browser(server.base).signIn('selfmade@demo.attune.school', 'my own password 1');
  assert.equal(signIn.status, 401);

  const viaApi = await api('/api/v1/staff', {
    as: 'admin', method: 'POST',
    json: { name: 'Api Made', email: 'apimade@demo.attune.school', role: 'senior', password: 'my own password 1' },
  });
  assert.equal(viaApi.status, 403);
  assert.equal((await viaApi.json()).error.code, 'forbidden');

  // Promoting a teacher, or reactivating a deactivated DSL, is a grant too.
  server.cli(['user', 'add', '--email', 'promote@demo.attune.school', '--name', 'Pat Promote',
    '--role', 'teacher', '--password', 'promote password 1']);
  const teacher = staffId('promote@demo.attune.school');
  const promote = await admin.post(`/staff/${teacher}/role`, { form: { csrf_token: admin.csrf, role: 'dsl' } });
  assert.equal(promote.status, 403);
  assert.equal(server.sql(`SELECT role FROM staff WHERE id = ${teacher}`), 'teacher');
  const ordinary = await admin.post(`/staff/${teacher}/role`, { form: { csrf_token: admin.csrf, role: 'support' } });
  assert.equal(ordinary.status, 303, 'an admin still manages roles that read nothing restricted');

  server.cli(['user', 'add', '--email', 'gone.dsl@demo.attune.school', '--name', 'Gone Dsl',
    '--role', 'dsl', '--password', 'gone dsl password 1']);
  const gone = staffId('gone.dsl@demo.attune.school');
  const off = await admin.post(`/staff/${gone}/active`, { form: { csrf_token: admin.csrf, active: '0' } });
  assert.equal(off.status, 303, 'taking access away needs no restricted access');
  const back = await admin.post(`/staff/${gone}/active`, { form: { csrf_token: admin.csrf, active: '1' } });
  assert.equal(back.status, 403);
  assert.equal(server.sql(`SELECT active FROM staff WHERE id = ${gone}`), '0');
});

test('the DSL and the headteacher grant it, audited as a grant of restricted access; the command line is audited too', async () => {
  const dsl = new Browser(server.base);
  await dsl.signIn('dsl@demo.attune.school');
  const made = await dsl.post('/staff', { form: {
    csrf_token: dsl.csrf, name: 'Deputy Dsl', email: 'deputy.dsl@demo.attune.school', role: 'dsl', password: 'deputy password 1',
  } });
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const deputy = staffId('deputy.dsl@demo.attune.school');
  const granted = server.sql("SELECT staff_id || ':' || subject_id || ':' || detail FROM audit_log " +
    `WHERE action = 'staff.restricted_access_granted' AND subject_id = ${deputy}`);
  assert.match(granted, new RegExp(`^${staffId('dsl@demo.attune.school')}:${deputy}:`));

  const senior = await api('/api/v1/staff', {
    as: 'senior', method: 'POST',
    json: { name: 'New Senco', email: 'new.senco@demo.attune.school', role: 'senco', password: 'senco password 12' },
  });
  assert.equal(senior.status, 201);

  server.cli(['user', 'add', '--email', 'cli.dsl@demo.attune.school', '--name', 'Cli Dsl',
    '--role', 'dsl', '--password', 'cli dsl password 1']);
  const cli = staffId('cli.dsl@demo.attune.school');
  const byCli = server.sql(`SELECT detail FROM audit_log WHERE action = 'staff.restricted_access_granted' AND subject_id = ${cli}`);
  assert.match(byCli, /command line/);
  assert.equal((await new Browser(server.base).signIn('cli.dsl@demo.attune.school', 'cli dsl password 1')).status, 303);
});

// ---- Item 10: bad JSON of any kind is 400 with a message ----

test('a number out of range is 400 with a message on every JSON route, never 500', async () => {
  // Every API write that reads a body (marking a repair done takes none).
  const routes = JSON.parse(execFileSync(BIN, ['routes'], { encoding: 'utf8' }))
    .filter((r) => r.site === 'api' && r.method !== 'GET' && !r.example.endsWith('/repair'));
  assert.ok(routes.length >= 8);
  for (const r of routes) {
    const as = r.roles.includes('senior') ? 'senior' : r.roles[0];
    const res = await api(r.example, { as, method: r.method, raw: '{"x":1e999999}' });
    const label = `${r.method} ${r.example}`;
    assert.equal(res.status, 400, label);
    const body = await res.json();
    assert.equal(body.error.code, 'bad_request', label);
    assert.match(body.error.message, /too large/, label);
  }
});

test('huge whole numbers, deep nesting, bad UTF-8 and repeated keys are refused with what is wrong', async () => {
  const huge = await api('/api/v1/incidents', {
    as: 'teacher', method: 'POST',
    raw: `{"pupils":[{"id":18446744073709551615,"role":"involved"}],"category":"kindness"}`,
  });
  assert.ok([400, 422].includes(huge.status), `huge id: ${huge.status}`);
  const staff = await api('/api/v1/actions/1/reassign', { as: 'senior', method: 'POST', raw: '{"staff_id":18446744073709551615}' });
  assert.equal(staff.status, 422);
  assert.equal((await staff.json()).error.field, 'staff_id');

  const deep = await api('/api/v1/staff', { as: 'admin', method: 'POST', raw: '['.repeat(100000) + ']'.repeat(100000) });
  assert.equal(deep.status, 400);
  assert.match((await deep.json()).error.message, /nested too deeply/);

  const bytes = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
  const latin1 = await api('/api/v1/staff', { as: 'admin', method: 'POST', raw: bytes });
  assert.equal(latin1.status, 400);
  assert.match((await latin1.json()).error.message, /UTF-8.*byte \d+/);

  const twice = await api('/api/v1/staff', {
    as: 'admin', method: 'POST',
    raw: '{"name":"Twice","email":"a@demo.attune.school","email":"twice@demo.attune.school","role":"teacher","password":"long enough 12"}',
  });
  assert.equal(twice.status, 400);
  assert.match((await twice.json()).error.message, /"email" twice/);
  assert.equal(server.sql("SELECT COUNT(*) FROM staff WHERE name = 'Twice'"), '0');
});

// ---- Item 11: credentials end when a password, role or account changes ----

test('changing a password ends the member of staff\'s API tokens and other sessions', async () => {
  server.cli(['user', 'add', '--email', 'changer@demo.attune.school', '--name', 'Cam Changer',
    '--role', 'teacher', '--password', 'first password 1']);
  const bearer = token('changer@demo.attune.school');
  assert.equal((await api('/api/v1/me', { bearer })).status, 200);
  const other = new Browser(server.base);
  await other.signIn('changer@demo.attune.school', 'first password 1');
  const b = new Browser(server.base);
  await b.signIn('changer@demo.attune.school', 'first password 1');
  await b.get('/account');
  const changed = await b.post('/account/password', { form: {
    csrf_token: b.csrf, current_password: 'first password 1', new_password: 'second password 2', confirm_password: 'second password 2',
  } });
  assert.equal(changed.status, 303);
  assert.equal((await api('/api/v1/me', { bearer })).status, 401, 'the token outlived the password');
  assert.equal((await other.get('/account')).status, 303, 'the other session outlived the password');
  assert.equal((await b.get('/account')).status, 200, 'this session goes on');
});

test('deactivating then reactivating does not bring back old sessions or tokens; a role change ends them too', async () => {
  server.cli(['user', 'add', '--email', 'leaver@demo.attune.school', '--name', 'Lee Leaver',
    '--role', 'support', '--password', 'leaver password 1']);
  const id = staffId('leaver@demo.attune.school');
  const admin = new Browser(server.base);
  await admin.signIn('admin@demo.attune.school');

  let bearer = token('leaver@demo.attune.school');
  let session = new Browser(server.base);
  await session.signIn('leaver@demo.attune.school', 'leaver password 1');
  assert.equal((await session.get('/account')).status, 200);
  assert.equal((await admin.post(`/staff/${id}/active`, { form: { csrf_token: admin.csrf, active: '0' } })).status, 303);
  assert.equal((await api('/api/v1/me', { bearer })).status, 401);
  assert.equal((await admin.post(`/staff/${id}/active`, { form: { csrf_token: admin.csrf, active: '1' } })).status, 303);
  assert.equal((await api('/api/v1/me', { bearer })).status, 401, 'the old token came back');
  assert.equal((await session.get('/account')).status, 303, 'the old session came back');

  bearer = token('leaver@demo.attune.school');
  session = new Browser(server.base);
  await session.signIn('leaver@demo.attune.school', 'leaver password 1');
  assert.equal((await admin.post(`/staff/${id}/role`, { form: { csrf_token: admin.csrf, role: 'teacher' } })).status, 303);
  assert.equal((await api('/api/v1/me', { bearer })).status, 401, 'the token outlived the role change');
  assert.equal((await session.get('/account')).status, 303, 'the session outlived the role change');
});

// ---- Item 12: a form that is not UTF-8 is 400, saying which field and where ----

test('a form with a byte that is not UTF-8 is 400 naming the field, not an expired form', async () => {
  const b = new Browser(server.base);
  await b.signIn('pastoral@demo.attune.school');
  await b.get('/account');
  const res = await b.post('/account/password', {
    body: `csrf_token=${encodeURIComponent(b.csrf)}&current_password=x&new_password=caf%E9+au+lait+1&confirm_password=x`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 400);
  assert.doesNotMatch(res.text, /did not come from attune/);
  assert.match(res.text, /new_password/);
  assert.match(res.text, /UTF-8/);
  // Nothing changed: the old password still signs in.
  assert.equal((await new Browser(server.base).signIn('pastoral@demo.attune.school')).status, 303);
});

test('a policy file upload with one bad byte is 400 giving its line and column', async () => {
  const b = new Browser(server.base);
  await b.signIn('senior@demo.attune.school');
  await b.get('/policies');
  const file = Buffer.concat([
    Buffer.from('format = 1\n\n[school]\nname = "Caf'), Buffer.from([0xe9]), Buffer.from('"\n'),
  ]);
  const res = await b.post('/policies', {
    multipart: { csrf_token: b.csrf, policy_file: new Blob([file]), note: 'Latin-1 file' },
  });
  assert.equal(res.status, 400);
  assert.doesNotMatch(res.text, /did not come from attune/);
  assert.match(res.text, /line 4, column 12/);
  assert.match(res.text, /UTF-8/);
});

// ---- Defence in depth: the pre-sign-in CSRF cookie is one the server issued ----

test('a self-made pre-sign-in cookie and form token pair is refused', async () => {
  const made = 'x'.repeat(43);
  const res = await fetch(server.base + '/sign-in', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `attune_pre=${made}` },
    body: new URLSearchParams({ csrf_token: made, email: 'teacher@demo.attune.school', password: DEMO_PASSWORD, next: '' }).toString(),
  });
  assert.equal(res.status, 403);
  assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('attune_session=')));
  // The sign-in page replaces a cookie it did not issue, and its own works.
  const b = new Browser(server.base);
  b.cookies.set('attune_pre', made);
  const page = await b.get('/sign-in');
  assert.notEqual(b.cookies.get('attune_pre'), made);
  assert.equal(page.status, 200);
  const ok = await b.post('/sign-in', { form: { csrf_token: b.csrf, email: 'teacher@demo.attune.school', password: DEMO_PASSWORD, next: '' } });
  assert.equal(ok.status, 303);
});

// Walks the whole route table (from `attune routes`) for every role: a role
// without a route's permission is refused (403), a role with it is not, and
// an anonymous request is sent to sign in (pages) or refused 401 (API).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { startServer, Browser, ROLES, BIN } = require('../support/server');

let server;
const routes = JSON.parse(execFileSync(BIN, ['routes'], { encoding: 'utf8' }));
test.before(async () => { server = await startServer(); });
test.after(async () => { await server.stop(); });

// Signing out would end the session the walk uses, so it goes last.
const ordered = [...routes].sort((a, b) => (a.pattern === '/sign-out') - (b.pattern === '/sign-out'));

test('the route table is not empty and every route declares a permission', () => {
  assert.ok(routes.length >= 15);
  for (const r of routes) assert.ok(r.permission, `${r.method} ${r.pattern}`);
});

// The permission table (model/permissions.cpp RoleHas) for the API's
// writes, written out here so a change to who may write is a visible change.
const everyone = ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin'];
const apiWrites = {
  'POST /api/v1/incidents': everyone,
  'POST /api/v1/actions/1/complete': everyone,  // record-level: the assignee or the pastoral team
  'POST /api/v1/actions/1/reassign': everyone,
  'POST /api/v1/restorative': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/restorative/1/repair': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/contacts': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/staff': ['admin', 'dsl', 'senior'],  // restricted roles only by the DSL or senior (MayGrantRole)
  'PUT /api/v1/pupils/1/profile': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/incidents/1/suspension': ['senior'],  // the headteacher (DESIGN.md §3)
  'POST /api/v1/incidents/1/suspension/notices': ['senior'],
  'POST /api/v1/incidents/1/no-repair': ['senior'],  // why a repair will not happen (decision 0013)
  'POST /api/v1/incidents/1/amends': everyone.filter((r) => r !== 'admin'),  // restorative work
  'POST /api/v1/training': ['senior', 'admin'],  // policy.manage: the training the policy relies on
  // plans.write: adults who work with pupils; each plan type's started_by,
  // written_by, reviewed_by and ended_by narrow it (tests/http/plans.test.js).
  'POST /api/v1/plans': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/plans/1/entries': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/plans/1/reviews': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/plans/1/signatures': everyone.filter((r) => r !== 'admin'),
  'POST /api/v1/plans/1/end': everyone.filter((r) => r !== 'admin'),
};

test('every API write is in the walk, held by the roles the permission table gives', () => {
  for (const [route, roles] of Object.entries(apiWrites)) {
    const [method, example] = route.split(' ');
    const r = routes.find((x) => x.site === 'api' && x.method === method && x.example === example);
    assert.ok(r, `${route} is in the route table`);
    assert.deepEqual([...r.roles].sort(), [...roles].sort(), route);
  }
  const posts = routes.filter((x) => x.site === 'api' && x.method !== 'GET');
  assert.deepEqual(posts.map((x) => `${x.method} ${x.example}`).sort(), Object.keys(apiWrites).sort());
});

for (const role of ROLES) {
  test(`pages: ${role} is refused exactly the routes their role lacks`, async () => {
    const b = new Browser(server.base);
    const signed = await b.signIn(`${role}@demo.attune.school`);
    assert.equal(signed.status, 303);
    for (const r of ordered.filter((x) => x.site === 'web')) {
      if (r.permission === 'public') continue;
      const res = await b.request(r.method, r.example, { headers: { 'x-csrf-token': b.csrf } });
      const label = `${role} ${r.method} ${r.example}`;
      if (r.roles.includes(role)) {
        assert.notEqual(res.status, 403, label);
        assert.ok(res.status < 500, `${label} gave ${res.status}`);
        assert.notEqual(res.status, 401, label);
      } else {
        assert.equal(res.status, 403, label);
      }
    }
  });

  test(`api: ${role}'s token is refused exactly the routes their role lacks`, async () => {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    const token = out.trim().split('\n').pop();
    for (const r of routes.filter((x) => x.site === 'api')) {
      const res = await fetch(server.base + r.example, {
        method: r.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: r.method === 'GET' ? undefined : '{}',
      });
      const label = `${role} ${r.method} ${r.example}`;
      if (r.roles.includes(role)) {
        // Allowed through; an empty body or a missing record is refused on
        // its merits (400, 404, 422), never as unauthenticated or forbidden.
        assert.ok([200, 201, 400, 404, 422].includes(res.status), `${label} gave ${res.status}`);
        if (res.status >= 400) assert.notEqual((await res.json()).error.code, 'forbidden', label);
      } else {
        assert.equal(res.status, 403, label);
        const body = await res.json();
        assert.equal(body.error.code, 'forbidden');
      }
    }
  });
}

test('anonymous requests are sent to sign in (pages) or refused with 401 (API)', async () => {
  for (const r of routes) {
    if (r.permission === 'public') continue;
    const res = await fetch(server.base + r.example, { method: r.method, redirect: 'manual' });
    if (r.site === 'web') {
      if (r.method === 'GET') {
        assert.equal(res.status, 303, r.example);
        assert.match(res.headers.get('location'), /^\/sign-in/);
      } else {
        assert.ok([303, 403].includes(res.status), `${r.method} ${r.example} gave ${res.status}`);
      }
    } else {
      assert.equal(res.status, 401, r.example);
      assert.match(res.headers.get('www-authenticate'), /Bearer/);
    }
  }
});

test('an unknown page is 404 and a wrong method is 405, never 500', async () => {
  const b = new Browser(server.base);
  await b.signIn('teacher@demo.attune.school');
  assert.equal((await b.get('/no-such-page')).status, 404);
  assert.equal((await b.get('/pupils/99999999999999999999999')).status, 404);
  const wrong = await b.request('DELETE', '/pupils', { headers: { 'x-csrf-token': b.csrf } });
  assert.equal(wrong.status, 405);
});

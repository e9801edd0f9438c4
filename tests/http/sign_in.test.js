// Sign-in, sign-out, throttling, CSRF and session cookies, against the real
// binary on a temporary SQLite file.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser, DEMO_PASSWORD } = require('../support/server');

let server;
test.before(async () => { server = await startServer(); });
test.after(async () => { await server.stop(); });

test('GET /healthz answers with the database state', async () => {
  const res = await fetch(server.base + '/healthz');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database, 'ok');
});

test('a teacher signs in, gets an HttpOnly SameSite session cookie, and sees their day', async () => {
  const b = new Browser(server.base);
  const res = await b.signIn('teacher@demo.attune.school');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('attune_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const home = await b.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /<h1>My day<\/h1>/);
  assert.match(home.text, /Teacher/);
});

test('a wrong password is refused with a message, and no session is made', async () => {
  const b = new Browser(server.base);
  const res = await b.signIn('support@demo.attune.school', 'not the password');
  assert.equal(res.status, 401);
  assert.match(res.text, /The email or password is not right/);
  assert.ok(!b.cookies.has('attune_session'));
  const home = await b.get('/');
  assert.equal(home.status, 303);
  assert.match(home.headers.get('location'), /^\/sign-in\?next=\//);
});

test('an empty email is named as the field at fault', async () => {
  const b = new Browser(server.base);
  const res = await b.signIn('', 'x');
  assert.equal(res.status, 422);
  assert.match(res.text, /Enter your email address/);
  assert.match(res.text, /aria-invalid="true"/);
});

test('repeated failures throttle the account (429), even with the right password', async () => {
  server.cli(['user', 'add', '--email', 'throttle@demo.attune.school', '--name', 'Throttle Test',
    '--role', 'teacher', '--password', 'right password 1']);
  const b = new Browser(server.base);
  for (let i = 0; i < 5; i++) {
    const res = await b.signIn('throttle@demo.attune.school', 'wrong password');
    assert.equal(res.status, 401, `attempt ${i + 1}`);
  }
  const blocked = await b.signIn('throttle@demo.attune.school', 'right password 1');
  assert.equal(blocked.status, 429);
  assert.match(blocked.text, /Too many attempts/);
  const audited = server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_throttled'");
  assert.ok(Number(audited) >= 1);
});

test('a form posted without its CSRF token is refused with 403 and changes nothing', async () => {
  const b = new Browser(server.base);
  await b.signIn('senco@demo.attune.school');
  const res = await b.post('/account/password', {
    form: { current_password: DEMO_PASSWORD, new_password: 'a new password 1', confirm_password: 'a new password 1' },
  });
  assert.equal(res.status, 403);
  assert.match(res.text, /This form has expired/);
  // The old password still works.
  const again = await new Browser(server.base).signIn('senco@demo.attune.school');
  assert.equal(again.status, 303);
});

test('the sign-in form itself needs its CSRF cookie', async () => {
  const res = await fetch(server.base + '/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=teacher%40demo.attune.school&password=' + DEMO_PASSWORD,
    redirect: 'manual',
  });
  assert.equal(res.status, 403);
});

test('signing out ends the session on the server', async () => {
  const b = new Browser(server.base);
  await b.signIn('pastoral@demo.attune.school');
  const session = b.cookies.get('attune_session');
  const out = await b.post('/sign-out', { form: { csrf_token: b.csrf } });
  assert.equal(out.status, 303);
  const reuse = await fetch(server.base + '/', { headers: { cookie: `attune_session=${session}` }, redirect: 'manual' });
  assert.equal(reuse.status, 303);
});

test('changing a password with its token works and the new one signs in', async () => {
  server.cli(['user', 'add', '--email', 'pw@demo.attune.school', '--name', 'Pat Word',
    '--role', 'support', '--password', 'first password 1']);
  const b = new Browser(server.base);
  await b.signIn('pw@demo.attune.school', 'first password 1');
  const bad = await b.post('/account/password', {
    form: { csrf_token: b.csrf, current_password: 'first password 1', new_password: 'short', confirm_password: 'short' },
  });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /at least 10 characters/);
  const ok = await b.post('/account/password', {
    form: { csrf_token: b.csrf, current_password: 'first password 1', new_password: 'second password 2', confirm_password: 'second password 2' },
  });
  assert.equal(ok.status, 303);
  assert.equal((await new Browser(server.base).signIn('pw@demo.attune.school', 'second password 2')).status, 303);
});

test('every response carries the security headers and a CSP without inline script', async () => {
  const res = await fetch(server.base + '/sign-in');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const html = await res.text();
  assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script');
  assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handlers');
});

test('static assets are served with a cache lifetime and an ETag', async () => {
  const res = await fetch(server.base + '/static/js/htmx.min.js');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control'), /max-age=/);
  const etag = res.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(server.base + '/static/js/htmx.min.js', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(server.base + '/static/../attune.db')).status, 404);
});

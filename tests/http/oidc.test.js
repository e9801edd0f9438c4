// Signing in through the school's OpenID provider (issue 16, decision
// 0031), against the real binary and a real provider (npm's oidc-provider)
// started here on loopback: discovery and the authorization request, a
// staff member signed in by their verified email, and each refusal — a
// state that is not this browser's or is used again, a nonce or client
// changed in the browser on the way, a token signed by a key the issuer
// does not publish, an email that is unknown, inactive, unverified or at
// another domain — each on a calm page and in the audit log, no account
// ever made.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');
const { startOidcProvider, writeOidcConfig, PROVIDER_PASSWORD } = require('../support/oidc_provider');

const CLIENT = { client_id: 'attune', client_secret: 'attune-test-secret-0123456789' };
let server;
let idp;      // the school's provider
let other;    // a second provider, with its own key
let config;

const accounts = {
  'teacher@demo.attune.school': { name: 'Teacher' },
  'pastoral@demo.attune.school': { name: 'Pastoral lead' },
  'senco@demo.attune.school': { email_verified: false },
  'dsl@demo.attune.school': { name: 'DSL' },
  'stranger@demo.attune.school': {},
  'teacher@elsewhere.example': {},
};

test.before(async () => {
  idp = await startOidcProvider({ accounts });
  other = await startOidcProvider({ accounts });
  const closed = await startOidcProvider({ accounts });
  await closed.stop();  // a provider that cannot be reached
  config = writeOidcConfig([
    { id: 'school', name: 'Microsoft', issuer: idp.issuer, ...CLIENT, email_domains: ['demo.attune.school'] },
    { id: 'google', name: 'Google', issuer: closed.issuer, ...CLIENT },
  ]);
  server = await startServer({ env: { ATTUNE_CONFIG: config, ATTUNE_TRUST_PROXY: 'true' } });
  const callback = `${server.base}/sign-in/oidc/school/callback`;
  // A second application of the school's, wrongly allowed to send people
  // to attune's address: its codes are not attune's.
  idp.register([{ ...CLIENT, redirect_uris: [callback] },
    { client_id: 'other-app', client_secret: 'other-app-secret-0123456789', redirect_uris: [callback] }]);
  other.register([{ ...CLIENT, redirect_uris: [callback] }]);
});
test.after(async () => {
  await server.stop();
  await idp.stop();
  fs.rmSync(path.dirname(config), { recursive: true, force: true });
  await other.stop();
});

const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };

// Begins a sign-in at attune, signs in at the provider as `email` (the
// provider's own page) and returns the address the provider sends the
// browser back to. `tamper` changes the provider's address on the way.
async function throughProvider(b, email, { tamper = (u) => u, next = '' } = {}) {
  const start = await b.get('/sign-in/oidc/school' + (next ? `?next=${encodeURIComponent(next)}` : ''));
  assert.equal(start.status, 303, start.text);
  const at = new Browser(idp.issuer);
  let location = tamper(start.headers.get('location'));
  for (let hops = 0; hops < 10; hops++) {
    if (location.startsWith(server.base)) return pathOf(location);
    const res = await at.get(pathOf(new URL(location, idp.issuer).href));
    if (res.status === 200 && /name="password"/.test(res.text)) {
      const action = /action="([^"]+)"/.exec(res.text)[1];
      const done = await at.post(action, { form: { email, password: PROVIDER_PASSWORD } });
      location = done.headers.get('location');
      continue;
    }
    assert.ok([302, 303].includes(res.status), `the provider answered ${res.status}: ${res.text}`);
    location = res.headers.get('location');
  }
  throw new Error('the provider never sent the browser back');
}

const audited = (action, like) => server.sql(
  `SELECT COALESCE(staff_id, 0) || '|' || detail FROM audit_log WHERE action = '${action}' AND detail LIKE '${like}' ORDER BY id DESC LIMIT 1`);

test('the sign-in page offers each provider, and a sign-in begins with PKCE, state and nonce', async () => {
  const b = new Browser(server.base);
  const page = await b.get('/sign-in?next=/pupils');
  assert.match(page.text, /href="\/sign-in\/oidc\/school\?next=\/pupils">Sign in with Microsoft<\/a>/);
  assert.match(page.text, /Sign in with Google/);

  const start = await b.get('/sign-in/oidc/school');
  assert.equal(start.status, 303);
  const url = new URL(start.headers.get('location'));
  // The authorization endpoint attune read from the provider's discovery.
  const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
  assert.equal(url.origin + url.pathname, discovery.authorization_endpoint);
  const q = url.searchParams;
  assert.equal(q.get('response_type'), 'code');
  assert.equal(q.get('client_id'), 'attune');
  assert.equal(q.get('redirect_uri'), `${server.base}/sign-in/oidc/school/callback`);
  assert.deepEqual(q.get('scope').split(' ').sort(), ['email', 'openid', 'profile']);
  assert.equal(q.get('code_challenge_method'), 'S256');
  assert.match(q.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.match(q.get('state'), /^[A-Za-z0-9_-]{43}$/);
  assert.match(q.get('nonce'), /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(q.get('state'), q.get('nonce'));
  const cookie = start.headers.getSetCookie().find((c) => c.startsWith('attune_oidc='));
  assert.equal(cookie.split(';')[0], `attune_oidc=${q.get('state')}`);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\/sign-in\/oidc\//);
  assert.match(cookie, /Max-Age=600/);
  // Neither the verifier nor the nonce's hash is in the browser's hands:
  // only the hash of the state is kept.
  const kept = server.sql(`SELECT COUNT(*) FROM oidc_sign_in_attempts WHERE state_hash = '${q.get('state')}'`);
  assert.equal(kept, '0');
});

test('a member of staff signs in at the provider and lands on their day, as after a password', async () => {
  const b = new Browser(server.base);
  const back = await throughProvider(b, 'teacher@demo.attune.school');
  assert.match(back, /^\/sign-in\/oidc\/school\/callback\?/);
  const res = await b.get(back);
  assert.equal(res.status, 303, res.text);
  assert.equal(res.headers.get('location'), '/');
  const session = res.headers.getSetCookie().find((c) => c.startsWith('attune_session='));
  assert.match(session, /HttpOnly/);
  assert.match(session, /SameSite=Lax/);
  assert.ok(res.headers.getSetCookie().some((c) => /^attune_oidc=;.*Max-Age=0/.test(c)));
  const home = await b.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /<h1>My day<\/h1>/);
  const teacher = server.sql("SELECT id FROM staff WHERE email = 'teacher@demo.attune.school'");
  assert.equal(audited('sign_in', 'through Microsoft'), `${teacher}|through Microsoft`);

  // The same return again (its state cookie kept, as a replay would) signs no one in.
  b.cookies.delete('attune_session');
  b.cookies.set('attune_oidc', new URL(back, server.base).searchParams.get('state'));
  const again = await b.get(back);
  assert.equal(again.status, 400);
  assert.match(again.text, /This sign-in has been used already/);
  assert.match(again.text, /Back to sign in/);
  assert.ok(!again.headers.getSetCookie().some((c) => c.startsWith('attune_session=')));
  assert.match(audited('oidc.sign_in_refused', '%replay%'), /used before/);
});

test('the page asked for before signing in is the one reached after', async () => {
  const b = new Browser(server.base);
  const res = await b.get(await throughProvider(b, 'teacher@demo.attune.school', { next: '/pupils' }));
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/pupils');
});

test('a role that holds restricted records owes its second step after the provider too', async () => {
  // The designated safeguarding lead (decision 0030): the provider's
  // sign-in is the first step only, whichever way they signed in.
  const b = new Browser(server.base);
  let res = await b.get(await throughProvider(b, 'dsl@demo.attune.school', { next: '/pupils' }));
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/account/two-step?next=/pupils');
  const owing = await b.get('/pupils');
  assert.equal(owing.status, 303);
  assert.match(owing.headers.get('location'), /^\/account\/two-step/);
  const dsl = server.sql("SELECT id FROM staff WHERE email = 'dsl@demo.attune.school'");
  assert.equal(audited('sign_in.password', 'through Microsoft%'),
    `${dsl}|through Microsoft; asked to set up two-step sign-in`);
  await b.secondStep('dsl@demo.attune.school', res);
  assert.equal((await b.get('/pupils')).status, 200);

  // Set up, the next sign-in through the provider asks for a code.
  const again = new Browser(server.base);
  res = await again.get(await throughProvider(again, 'dsl@demo.attune.school'));
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/sign-in/code?next=/');
  assert.equal((await again.get('/pupils')).status, 303);
  const given = await again.secondStep('dsl@demo.attune.school', res);
  assert.equal(given.status, 303);
  assert.equal(given.headers.get('location'), '/');
  assert.equal((await again.get('/pupils')).status, 200);
});

test('a return whose state is not the one this browser was given is refused', async () => {
  const b = new Browser(server.base);
  const back = await throughProvider(b, 'teacher@demo.attune.school');
  // Another browser (no state cookie), e.g. a link sent by someone else.
  const elsewhere = new Browser(server.base);
  const res = await elsewhere.get(back);
  assert.equal(res.status, 400);
  assert.match(res.text, /This sign-in did not start in this browser/);
  assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('attune_session=')));
  assert.match(audited('oidc.sign_in_refused', '%no sign-in begun%'), /no sign-in begun in this browser/);
  // This browser, with a state made up.
  const forged = back.replace(/state=[^&]+/, 'state=made-up-state');
  const res2 = await b.get(forged);
  assert.equal(res2.status, 400);
  assert.match(audited('oidc.sign_in_refused', '%not the one%'), /state is not the one/);
  // Having been refused, this browser's own sign-in is finished with.
  const res3 = await b.get(back);
  assert.equal(res3.status, 400);
});

test('a nonce changed on the way to the provider is refused', async () => {
  const b = new Browser(server.base);
  const back = await throughProvider(b, 'teacher@demo.attune.school', {
    tamper: (u) => u.replace(/nonce=[^&]+/, 'nonce=a-nonce-from-elsewhere'),
  });
  const res = await b.get(back);
  assert.equal(res.status, 401);
  assert.match(res.text, /attune could not confirm your sign-in with Microsoft/);
  assert.match(res.text, /Try again with Microsoft/);
  assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('attune_session=')));
  assert.match(audited('oidc.sign_in_refused', '%nonce%'), /nonce is not the one this sign-in sent/);
});

test("a code the provider gave another application is refused", async () => {
  const b = new Browser(server.base);
  const back = await throughProvider(b, 'teacher@demo.attune.school', {
    tamper: (u) => u.replace('client_id=attune', 'client_id=other-app'),
  });
  const res = await b.get(back);
  assert.equal(res.status, 401);
  assert.match(audited('oidc.sign_in_refused', '%refused the code%'), /invalid_grant/);
});

test('a cancelled sign-in says so', async () => {
  const b = new Browser(server.base);
  const start = await b.get('/sign-in/oidc/school');
  const state = new URL(start.headers.get('location')).searchParams.get('state');
  const res = await b.get(`/sign-in/oidc/school/callback?error=access_denied&state=${state}`);
  assert.equal(res.status, 403);
  assert.match(res.text, /The sign-in at Microsoft was cancelled/);
});

test('an email with no active staff account gets a calm page, is audited, and no account is made', async () => {
  const staffBefore = server.sql('SELECT COUNT(*) FROM staff');
  const b = new Browser(server.base);
  let res = await b.get(await throughProvider(b, 'stranger@demo.attune.school'));
  assert.equal(res.status, 403);
  assert.match(res.text, /There is no active staff account in attune for stranger@demo\.attune\.school/);
  assert.match(res.text, /Ask your school(&apos;|')s attune administrator to add you/);
  assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('attune_session=')));
  assert.equal(server.sql('SELECT COUNT(*) FROM staff'), staffBefore);
  assert.match(audited('oidc.sign_in_refused', '%stranger%'), /^0\|school: no staff account: stranger@demo\.attune\.school$/);

  // Deactivated: refused, and audited against their account.
  server.sql("UPDATE staff SET active = 0 WHERE email = 'pastoral@demo.attune.school'");
  res = await b.get(await throughProvider(b, 'pastoral@demo.attune.school'));
  assert.equal(res.status, 403);
  const pastoral = server.sql("SELECT id FROM staff WHERE email = 'pastoral@demo.attune.school'");
  assert.equal(audited('oidc.sign_in_refused', '%pastoral%'), `${pastoral}|school: the member of staff is not active: pastoral@demo.attune.school`);
  server.sql("UPDATE staff SET active = 1 WHERE email = 'pastoral@demo.attune.school'");

  // An email the provider has not verified.
  res = await b.get(await throughProvider(b, 'senco@demo.attune.school'));
  assert.equal(res.status, 403);
  assert.match(res.text, /Microsoft did not confirm an email address for your account/);
  assert.match(audited('oidc.sign_in_refused', '%not verified%'), /senco@demo\.attune\.school/);

  // An email at a domain this provider does not sign in for.
  res = await b.get(await throughProvider(b, 'teacher@elsewhere.example'));
  assert.equal(res.status, 403);
  assert.match(res.text, /teacher@elsewhere\.example is not an address this school signs in with through Microsoft/);
});

test('a provider that cannot be reached, or an unknown one, is said so', async () => {
  const b = new Browser(server.base);
  const res = await b.get('/sign-in/oidc/google');
  assert.equal(res.status, 503);
  assert.match(res.text, /attune could not reach Google just now/);
  assert.match(audited('oidc.sign_in_refused', 'google: discovery%'), /openid-configuration/);
  const unknown = await b.get('/sign-in/oidc/nope');
  assert.equal(unknown.status, 404);
  const bad = await b.get('/sign-in/oidc/school/callback?state=%ZZ');
  assert.equal(bad.status, 400);
});

test('one address may begin only so many sign-ins at a time', async () => {
  const b = new Browser(server.base);
  const from = { 'x-forwarded-for': '203.0.113.9' };
  for (let i = 0; i < 30; i++) {
    const res = await b.get('/sign-in/oidc/school', { headers: from });
    assert.equal(res.status, 303);
  }
  const res = await b.get('/sign-in/oidc/school', { headers: from });
  assert.equal(res.status, 429);
  assert.match(res.text, /Please wait 10 minutes/);
  const elsewhere = await b.get('/sign-in/oidc/school', { headers: { 'x-forwarded-for': '203.0.113.10' } });
  assert.equal(elsewhere.status, 303);
});

test("the provider's new key is read when a token names it", async () => {
  idp.rotateKey();
  const b = new Browser(server.base);
  const res = await b.get(await throughProvider(b, 'teacher@demo.attune.school'));
  assert.equal(res.status, 303, res.text);
  assert.equal(res.headers.get('location'), '/');
});

test('a token signed by a key the issuer does not publish is refused', async () => {
  // The provider signs with a key of its own while its address for keys
  // gives another provider's.
  idp.rotateKey();
  idp.serveJwksFrom(other.jwksUrl);
  try {
    const b = new Browser(server.base);
    const res = await b.get(await throughProvider(b, 'teacher@demo.attune.school'));
    assert.equal(res.status, 401);
    assert.match(res.text, /attune could not confirm your sign-in with Microsoft/);
    assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('attune_session=')));
    assert.match(audited('oidc.sign_in_refused', '%key%'), /signed with a key the provider does not publish/);
  } finally {
    idp.serveJwksFrom(null);
  }
  // Its keys published again, the next sign-in reads them.
  const b = new Browser(server.base);
  const res = await b.get(await throughProvider(b, 'teacher@demo.attune.school'));
  assert.equal(res.status, 303, res.text);
});

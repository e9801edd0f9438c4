// Two-step sign-in (issue 16, decision 0030) against the real binary: a
// DSL who has not set it up reaches nothing but the set-up; setting it up
// with the first code from an app (computed here with node's own HMAC, on
// the server's clock); a code signs in once; a wrong code is refused and
// audited; recovery codes each work once, and a new set ends the old; wrong
// codes are throttled; a reset by someone who may give the role ends the
// member's sessions but not their API tokens; a teacher is not asked.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser, DEMO_PASSWORD } = require('../support/server');
const twoStep = require('../support/two_step');

let server;
test.before(async () => { server = await startServer(); });
test.after(async () => { await server.stop(); });

// A member of staff of `role` of their own, so each test has its own steps.
let added = 0;
function member(role) {
  added += 1;
  const email = `${role}.${added}@demo.attune.school`;
  server.cli(['user', 'add', '--email', email, '--name', `Sam ${role} ${added}`, '--role', role,
    '--password', DEMO_PASSWORD]);
  return email;
}

// The password only: the response to it, and the browser holding its session.
async function password(email, next = '') {
  const b = new Browser(server.base);
  await b.get('/sign-in');
  const res = await b.post('/sign-in', { form: { csrf_token: b.csrf, email, password: DEMO_PASSWORD, next } });
  // The page of the step owed, as a browser follows the redirect (and its
  // form's CSRF token, the session's).
  const where = res.headers.get('location') || '';
  if (/^\/(sign-in\/code|account\/two-step)/.test(where)) await b.get(where);
  return { b, res };
}

// Sets two-step sign-in up on `b`'s set-up page; the recovery codes page.
async function setUp(b, email) {
  const page = await b.get('/account/two-step');
  assert.equal(page.status, 200);
  const key = twoStep.keyFromPage(page.text);
  const step = Math.floor((await twoStep.serverSeconds(server.base)) / twoStep.STEP);
  const done = await b.post('/account/two-step', { form: { csrf_token: b.csrf, code: twoStep.totpAt(key, step) } });
  assert.equal(done.status, 200, done.text);
  const recovery = twoStep.recoveryCodesFromPage(done.text);
  twoStep.remember(server.base, email, key, step, [...recovery]);
  return { done, key, recovery };
}

async function giveCode(b, code, next = '') {
  return b.post('/sign-in/code', { form: { csrf_token: b.csrf, code, next } });
}

// A code of a step the server has not taken from this member yet.
async function freshCode(email) {
  return (await twoStep.nextCode(server.base, email, { allowRecovery: false })).code;
}

const audited = (action, email) => Number(server.sql(
  `SELECT COUNT(*) FROM audit_log a JOIN staff s ON s.id = a.subject_id WHERE a.action = '${action}' AND s.email = '${email}'`));

test('a DSL who has not set it up reaches nothing but the set-up, and may sign out', async () => {
  const email = member('dsl');
  const { b, res } = await password(email, '/pupils');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/account/two-step?next=/pupils');
  for (const path of ['/', '/pupils', '/records', '/staff', '/audit', '/account', '/sign-in/code']) {
    const page = await b.get(path);
    assert.equal(page.status, 303, path);
    assert.match(page.headers.get('location'), /^\/account\/two-step\?next=/, path);
  }
  // A write is refused as well, whatever it carries.
  const write = await b.post('/account/password', { form: { csrf_token: b.csrf, current_password: DEMO_PASSWORD } });
  assert.equal(write.status, 303);
  assert.match(write.headers.get('location'), /^\/account\/two-step/);
  const setUpPage = await b.get('/account/two-step?next=/pupils');
  assert.equal(setUpPage.status, 200);
  assert.match(setUpPage.text, /<h1>Set up two-step sign-in<\/h1>/);
  assert.match(setUpPage.text, /<svg[^>]*class="qr"[^>]*role="img"/);
  assert.match(setUpPage.text, /href="otpauth:\/\/totp\/attune%3A[^"]*\?secret=[A-Z2-7]{32}&amp;issuer=attune&amp;algorithm=SHA1&amp;digits=6&amp;period=30"/);
  assert.match(setUpPage.text, /id="two-step-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</);
  // Nothing of the school's pages is offered while the step is owed.
  assert.doesNotMatch(setUpPage.text, /href="\/pupils"/);
  // The session owing its step is short.
  const [created, expires] = server.sql(
    `SELECT se.created_at, se.expires_at FROM sessions se JOIN staff s ON s.id = se.staff_id WHERE s.email = '${email}'`).split('|').map(Number);
  assert.equal(expires - created, 15 * 60);
  const out = await b.post('/sign-out', { form: { csrf_token: b.csrf } });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/sign-in');
  assert.equal(server.sql(`SELECT COUNT(*) FROM sessions se JOIN staff s ON s.id = se.staff_id WHERE s.email = '${email}'`), '0');
});

test('setting up: a wrong first code is refused; the right one turns it on, shows ten recovery codes and renews the session', async () => {
  const email = member('senco');
  const { b, res } = await password(email, '/pupils');
  const before = b.cookies.get('attune_session');
  const page = await b.get(res.headers.get('location'));
  const key = twoStep.keyFromPage(page.text);
  const again = await b.get('/account/two-step');
  assert.deepEqual(twoStep.keyFromPage(again.text), key, 'the same key is shown again');
  // Stored sealed: neither the key nor its base32 is in the database.
  const base32 = /id="two-step-key">([A-Z2-7 ]+)</.exec(page.text)[1].replace(/ /g, '');
  const stored = server.sql(`SELECT pending_box FROM second_factors f JOIN staff s ON s.id = f.staff_id WHERE s.email = '${email}'`);
  assert.ok(stored.length > 40);
  assert.ok(!stored.includes(base32) && !stored.includes(key.toString('hex')));

  const wrong = await b.post('/account/two-step', { form: { csrf_token: b.csrf, code: '12345', next: '/pupils' } });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /That code did not work/);
  assert.match(wrong.text, /aria-invalid="true"/);

  const step = Math.floor((await twoStep.serverSeconds(server.base)) / twoStep.STEP);
  const done = await b.post('/account/two-step', {
    form: { csrf_token: b.csrf, code: twoStep.totpAt(key, step).replace(/(...)/, '$1 '), next: '/pupils' },
  });
  assert.equal(done.status, 200);
  assert.match(done.text, /<h1>Your recovery codes<\/h1>/);
  const recovery = twoStep.recoveryCodesFromPage(done.text);
  assert.equal(recovery.length, 10);
  // Printed, the page says who printed it and when, as every page does.
  assert.match(done.text, /class="print-stamp">[^<]*Printed by [^<]+ on +\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d/);
  for (const c of recovery) assert.match(c, /^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
  assert.match(done.text, /href="\/pupils">I have kept them: continue/);
  twoStep.remember(server.base, email, key, step, recovery);
  // Only keyed hashes of the recovery codes are kept.
  const hashes = server.sql(`SELECT code_hash FROM recovery_codes r JOIN staff s ON s.id = r.staff_id WHERE s.email = '${email}'`).split('\n');
  assert.equal(hashes.length, 10);
  for (const c of recovery) assert.ok(!hashes.some((h) => h.includes(c.replace(/-/g, ''))));
  // A new session id: the one from before the second step opens nothing.
  const after = b.cookies.get('attune_session');
  assert.notEqual(after, before);
  const old = await fetch(server.base + '/pupils', { headers: { cookie: `attune_session=${before}` }, redirect: 'manual' });
  assert.equal(old.status, 303);
  assert.match(old.headers.get('location'), /^\/sign-in\?/);
  assert.equal((await b.get('/pupils')).status, 200);
  assert.equal(audited('second_factor.enrolled', email), 1);
  assert.equal(server.sql(`SELECT detail FROM audit_log a JOIN staff s ON s.id = a.subject_id WHERE a.action = 'sign_in' AND s.email = '${email}'`),
    'after setting up two-step sign-in');
  const own = await b.get('/account/two-step');
  assert.match(own.text, /10 of 10 recovery codes left/);
});

test('next time a code is asked: the right one signs in and goes on; a code is taken once; a wrong one is refused and audited', async () => {
  const email = member('senior');
  const first = await password(email);
  await setUp(first.b, email);

  const { b, res } = await password(email, '/records');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/sign-in/code?next=/records');
  assert.equal((await b.get('/records')).status, 303);
  const page = await b.get('/sign-in/code?next=/records');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Enter your code<\/h1>/);
  assert.match(page.text, /autocomplete="one-time-code"/);

  const wrong = await giveCode(b, '000000', '/records');
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /That code did not work/);
  assert.equal(audited('second_factor.failed', email), 1);
  const notDigits = await giveCode(b, 'nonsense', '/records');
  assert.equal(notDigits.status, 422);

  const code = await freshCode(email);
  const ok = await giveCode(b, code, '/records');
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/records');
  assert.equal((await b.get('/records')).status, 200);
  assert.equal(server.sql(`SELECT detail FROM audit_log a JOIN staff s ON s.id = a.subject_id WHERE a.action = 'sign_in' AND s.email = '${email}' ORDER BY a.id DESC LIMIT 1`),
    'with a code from their authenticator app');

  // The same code, seen over a shoulder, does not sign in again.
  const other = await password(email);
  const reused = await giveCode(other.b, code);
  assert.equal(reused.status, 422);
  assert.match(reused.text, /That code has been used already/);
  assert.equal((await other.b.get('/')).status, 303);
});

test('a recovery code signs in once, is audited, and the page counts what is left; a new set ends the old', async () => {
  const email = member('pastoral');
  const first = await password(email);
  const { recovery } = await setUp(first.b, email);

  const { b } = await password(email);
  const used = await giveCode(b, recovery[0].toUpperCase().replace(/-/g, ' '));
  assert.equal(used.status, 303);
  assert.equal(audited('second_factor.recovery_code_used', email), 1);
  assert.equal(server.sql(`SELECT detail FROM audit_log a JOIN staff s ON s.id = a.subject_id WHERE a.action = 'second_factor.recovery_code_used' AND s.email = '${email}'`),
    '9 recovery codes left');
  assert.match((await b.get('/account/two-step')).text, /9 of 10 recovery codes left/);

  const again = await password(email);
  const twice = await giveCode(again.b, recovery[0]);
  assert.equal(twice.status, 422);

  // A new set needs a code from the app now, not a recovery code.
  const byRecovery = await b.post('/account/two-step/recovery-codes', { form: { csrf_token: b.csrf, code: recovery[1] } });
  assert.equal(byRecovery.status, 422);
  const fresh = await b.post('/account/two-step/recovery-codes', { form: { csrf_token: b.csrf, code: await freshCode(email) } });
  assert.equal(fresh.status, 200);
  const newSet = twoStep.recoveryCodesFromPage(fresh.text);
  assert.equal(newSet.length, 10);
  assert.equal(audited('second_factor.recovery_codes_made', email), 1);
  const oldOne = await password(email);
  assert.equal((await giveCode(oldOne.b, recovery[2])).status, 422);
  assert.equal((await giveCode(oldOne.b, newSet[0])).status, 303);
  assert.match((await oldOne.b.get('/account/two-step')).text, /9 of 10 recovery codes left/);
});

test('wrong codes are throttled as passwords are: after five, even the right one waits (429)', async () => {
  const email = member('dsl');
  const first = await password(email);
  await setUp(first.b, email);
  const { b } = await password(email);
  for (let i = 0; i < 5; i++) {
    const res = await giveCode(b, '999999');
    assert.equal(res.status, 422, `attempt ${i + 1}`);
  }
  const blocked = await giveCode(b, await freshCode(email));
  assert.equal(blocked.status, 429);
  assert.match(blocked.text, /Too many codes that did not work/);
  assert.equal(audited('second_factor.throttled', email), 1);
  assert.equal((await b.get('/')).status, 303);
});

test('a reset: not by the office alone for a DSL, nor one\'s own; by a senior leader it ends the DSL\'s sessions, keeps their token, and they set it up again', async () => {
  const email = member('dsl');
  const first = await password(email);
  await setUp(first.b, email);
  const dsl = first.b;
  assert.equal((await dsl.get('/pupils')).status, 200);
  const token = server.cli(['token', 'create', '--email', email]).trim().split('\n').pop();
  const id = server.sql(`SELECT id FROM staff WHERE email = '${email}'`);

  const office = new Browser(server.base);
  assert.equal((await office.signIn('admin@demo.attune.school')).status, 303);
  const staffList = await office.get('/staff?q=' + encodeURIComponent(email));
  assert.match(staffList.text, new RegExp(`href="/staff/${id}/two-step" class="tap-link">On`));
  const seen = await office.get(`/staff/${id}/two-step`);
  assert.equal(seen.status, 200);
  assert.match(seen.text, /Only the designated safeguarding lead or a senior leader can reset/);
  assert.doesNotMatch(seen.text, /two-step\/reset/);
  const refused = await office.post(`/staff/${id}/two-step/reset`, { form: { csrf_token: office.csrf, checked: 'yes' } });
  assert.equal(refused.status, 403);

  const head = new Browser(server.base);
  assert.equal((await head.signIn('senior@demo.attune.school')).status, 303);
  const unticked = await head.post(`/staff/${id}/two-step/reset`, { form: { csrf_token: head.csrf } });
  assert.equal(unticked.status, 422);
  assert.match(unticked.text, /Tick to say you have made sure it is/);
  const headId = server.sql("SELECT id FROM staff WHERE email = 'senior@demo.attune.school'");
  const own = await head.post(`/staff/${headId}/two-step/reset`, { form: { csrf_token: head.csrf, checked: 'yes' } });
  assert.equal(own.status, 403);
  const reset = await head.post(`/staff/${id}/two-step/reset`, { form: { csrf_token: head.csrf, checked: 'yes' } });
  assert.equal(reset.status, 303);
  assert.equal(reset.headers.get('location'), '/staff');
  assert.equal(audited('second_factor.reset', email), 1);

  // The DSL's session has ended; their API token works as before.
  const gone = await dsl.get('/pupils');
  assert.equal(gone.status, 303);
  assert.match(gone.headers.get('location'), /^\/sign-in\?/);
  const api = await fetch(server.base + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.status, 200);
  // Their next sign-in sets it up again.
  const next = await password(email);
  assert.match(next.res.headers.get('location'), /^\/account\/two-step/);
});

test('a teacher is not asked, and may set it up by choice; then they are asked', async () => {
  const email = member('teacher');
  const { b, res } = await password(email);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  const account = await b.get('/account');
  assert.match(account.text, /Set up two-step sign-in/);
  const page = await b.get('/account/two-step');
  assert.match(page.text, /no one can sign in as you with your password alone/);
  await setUp(b, email);
  assert.equal((await b.get('/pupils')).status, 200, 'their session goes on');
  const later = await password(email);
  assert.match(later.res.headers.get('location'), /^\/sign-in\/code/);
});

test('the second step\'s forms need their CSRF token, and the demo accounts sign in through the harness', async () => {
  const email = member('admin');
  const { b } = await password(email);
  const res = await b.post('/account/two-step', { form: { code: '123456' } });
  assert.equal(res.status, 403);
  assert.match(res.text, /This form has expired/);
  // The harness sets the office's account up and signs in with codes.
  const office = new Browser(server.base);
  assert.equal((await office.signIn('admin@demo.attune.school')).status, 303);
  assert.equal((await office.get('/staff')).status, 200);
});

test('the server\'s operator resets it from the command line, audited as such, when no one at school can', async () => {
  const email = member('senior');
  const first = await password(email);
  await setUp(first.b, email);
  const out = server.cli(['user', 'reset-two-step', '--email', email.toUpperCase()]);
  assert.match(out, /Two-step sign-in reset for/);
  assert.equal((await first.b.get('/pupils')).status, 303);
  assert.match(server.sql(`SELECT detail FROM audit_log a JOIN staff s ON s.id = a.subject_id WHERE a.action = 'second_factor.reset' AND s.email = '${email}'`),
    /by the command line/);
  const again = await password(email);
  assert.match(again.res.headers.get('location'), /^\/account\/two-step/);
  assert.throws(() => server.cli(['user', 'reset-two-step', '--email', email]), /has not set up two-step sign-in/);
});

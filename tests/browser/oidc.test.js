// In a real Chromium on a phone's width (360 px): a member of staff presses
// "Sign in with Microsoft" on attune's sign-in page, signs in on the
// school's provider's own page (npm's oidc-provider, started here on
// loopback) and lands on their day in attune; someone whose email has no
// staff account lands on attune's calm page saying to ask the school's
// administrator (issue 16, decision 0031). axe and touch targets on both of
// attune's pages; SCREENSHOTS=dir keeps a picture of each at 1280 and 360 px.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../support/server');
const { launch, checkWidths, keep, smallTargets } = require('../support/chromium');
const { startOidcProvider, writeOidcConfig, PROVIDER_PASSWORD } = require('../support/oidc_provider');

let server;
let idp;
let browser;
let config;
test.before(async () => {
  idp = await startOidcProvider({
    accounts: { 'teacher@demo.attune.school': { name: 'Teacher' }, 'visitor@demo.attune.school': {} },
  });
  const client = { client_id: 'attune', client_secret: 'attune-browser-secret-0123456789' };
  config = writeOidcConfig([
    { id: 'microsoft', name: 'Microsoft', issuer: idp.issuer, ...client },
    { id: 'google', name: 'Google', issuer: 'https://accounts.google.com', ...client },
  ]);
  server = await startServer({ pupils: 20, env: { ATTUNE_CONFIG: config } });
  idp.register([{ ...client, redirect_uris: [`${server.base}/sign-in/oidc/microsoft/callback`] }]);
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
  await idp.stop();
  fs.rmSync(path.dirname(config), { recursive: true, force: true });
});

// On `page`, from attune's sign-in page through the provider's, as `email`.
async function signInThroughProvider(page, email) {
  await page.goto(server.base + '/sign-in');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PROVIDER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === server.base);
}

test('a member of staff signs in with Microsoft on a phone and lands on their day', async () => {
  const page = await browser.context.newPage();
  // Script errors, and attune's answers that failed (the provider's page
  // asks for a favicon it does not have: not attune's to answer).
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.url().startsWith(server.base) && r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(server.base + '/sign-in');
  const buttons = page.locator('.sign-in-providers a');
  assert.deepEqual(await buttons.allTextContents(), ['Sign in with Microsoft', 'Sign in with Google']);
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'sign-in page with providers');
  await keep(page, 'oidc-sign-in');

  await page.setViewportSize({ width: 360, height: 740 });
  await signInThroughProvider(page, 'teacher@demo.attune.school');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'My day');
  const cookies = await browser.context.cookies(server.base);
  assert.ok(cookies.some((c) => c.name === 'attune_session' && c.httpOnly));
  assert.ok(!cookies.some((c) => c.name === 'attune_oidc'), 'the sign-in state is finished with');
  assert.deepEqual(errors, []);
  await page.close();
});

test('someone with no staff account is told calmly to ask the school, and is not signed in', async () => {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await signInThroughProvider(page, 'visitor@demo.attune.school');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'You have not been signed in');
  assert.match(await page.locator('main').textContent(),
    /There is no active staff account in attune for visitor@demo\.attune\.school\. Ask your school's attune administrator/);
  assert.ok(!(await browser.context.cookies(server.base)).some((c) => c.name === 'attune_session'));
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'sign-in refused page');
  await keep(page, 'oidc-refused');
  // "Back to sign in" leads back to the password and the buttons.
  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await page.waitForURL(server.base + '/sign-in');
  await page.close();
});

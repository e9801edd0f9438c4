// In a real Chromium: what a member of staff sees when the server refuses a
// request before reading it (issue 10): a form too large to send (413) and a
// link too long to read (431) each get attune's own page, in the school's
// layout, readable on a phone and without accessibility violations.
// SCREENSHOTS=dir keeps a picture of each at 1280 and 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, signIn, keep } = require('../support/chromium');

let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 20 });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

test('a form too large to send gets attune\'s page saying what to do, not a bare refusal', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  // A note pasted with far more than a form may carry (over 1 MiB).
  const answer = page.waitForResponse((r) => r.url().endsWith('/incidents') && r.request().method() === 'POST');
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/incidents';
    const notes = document.createElement('textarea');
    notes.name = 'notes';
    notes.value = 'x'.repeat(2 * 1024 * 1024);
    form.append(notes);
    document.body.append(form);
    form.submit();
  });
  assert.equal((await answer).status(), 413);
  await page.waitForLoadState('domcontentloaded');
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  assert.equal(heading, 'Something is not right');
  assert.match(await page.locator('main').textContent(), /more than attune accepts in one request \(1 MB\). Nothing has been saved/);
  assert.equal(await page.locator('link[rel=stylesheet]').count() > 0, true, 'attune\'s layout and styles');
  await checkWidths(page, '413 page');
  await keep(page, 'error-413');
  // The server still answers this member of staff after refusing.
  await page.goto(server.base + '/');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'My day');
});

test('a link too long to read gets attune\'s page, and the server carries on', async () => {
  const page = await browser.context.newPage();
  const response = await page.goto(server.base + '/pupils?q=' + 'a'.repeat(20000));
  assert.equal(response.status(), 431);
  assert.match(await page.locator('main').textContent(), /address and headers of this request are longer than attune accepts \(16 KB\)/);
  assert.equal(await page.locator('link[rel=stylesheet]').count() > 0, true, 'attune\'s layout and styles');
  await checkWidths(page, '431 page');
  await keep(page, 'error-431');
  assert.equal((await page.goto(server.base + '/sign-in')).status(), 200);
});

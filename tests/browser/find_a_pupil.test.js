// In a real Chromium: a teacher signs in, searches for a pupil as they type,
// and opens the pupil's page. axe-core checks each page on the way.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, seriousViolations, secondStep, typeSearch } = require('../support/chromium');

let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 60 });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

test('a teacher signs in, searches a pupil and opens their page', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(server.base + '/');
  await page.waitForURL(/\/sign-in/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Email address').fill('teacher@demo.attune.school');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.base + '/');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'My day');
  assert.deepEqual(await seriousViolations(page), []);

  // Pick a real pupil from the database, then find them by typing.
  const [first, last] = server.sql("SELECT first_name || '|' || last_name FROM pupils ORDER BY id LIMIT 1 OFFSET 7").split('|');
  await page.getByRole('link', { name: 'Pupils' }).click();
  await page.waitForURL(/\/pupils$/);
  const search = page.getByRole('searchbox', { name: 'Pupil name or UPN' });
  await typeSearch(page, search, `${first.slice(0, 3)} ${last.slice(0, 4)}`, '/pupils/search', 30);
  const result = page.locator('#pupil-results a', { hasText: last });
  await result.first().waitFor();
  assert.ok((await page.locator('#pupil-results a').count()) >= 1);
  assert.deepEqual(await seriousViolations(page), []);

  await result.first().click();
  await page.waitForURL(/\/pupils\/\d+$/);
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  assert.match(heading, new RegExp(last));
  assert.ok(await page.getByRole('heading', { name: 'Personal profile' }).isVisible());
  // A teacher does not see special category fields or contacts.
  assert.equal(await page.getByText('Free school meals').count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Parents and carers' }).count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('at 360 px wide the pages fit without sideways scrolling', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(server.base + '/pupils');
  await page.waitForURL(/\/(pupils|sign-in)/);
  if (page.url().includes('sign-in')) {
    await page.getByLabel('Email address').fill('senior@demo.attune.school');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await secondStep(page, server.base, 'senior@demo.attune.school');
    await page.waitForURL(/\/pupils$/);
  }
  for (const path of ['/', '/pupils', '/pupils/1', '/account']) {
    await page.goto(server.base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
    assert.deepEqual(await seriousViolations(page), [], path);
  }
});

test('the administrator\'s pages pass axe at desktop and 360 px, and adding staff works', async () => {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('Email address').fill('admin@demo.attune.school');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondStep(page, server.base, 'admin@demo.attune.school');
  await page.waitForURL(server.base + '/');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ['/staff', '/audit', '/account', '/policy', '/policies', '/policies/1']) {
      await page.goto(server.base + path);
      assert.deepEqual(await seriousViolations(page), [], `${path} at ${width}px`);
    }
  }
  await page.goto(server.base + '/staff');
  // The add form is behind a disclosure, under which the long list starts.
  await page.getByText('Add a member of staff').click();
  await page.getByLabel('Full name').fill('Robin Adeyemi');
  await page.getByLabel('School email address').fill('r.adeyemi@demo.attune.school');
  await page.getByLabel('Role', { exact: true }).selectOption('support');
  await page.getByLabel('First password').fill('welcome to attune 1');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.waitForURL(/\/staff$/);
  assert.match(await page.getByRole('status').textContent(), /Robin Adeyemi can now sign in/);
  assert.equal(server.sql("SELECT role FROM staff WHERE email = 'r.adeyemi@demo.attune.school'"), 'support');
  // A role that reads safeguarding records is the DSL's or a senior leader's to give.
  await page.getByText('Add a member of staff').click();
  await page.getByLabel('Full name').fill('Sam Pastoral');
  await page.getByLabel('School email address').fill('s.pastoral@demo.attune.school');
  await page.getByLabel('Role', { exact: true }).selectOption('pastoral');
  await page.getByLabel('First password').fill('welcome to attune 1');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  assert.match(await page.getByRole('alert').textContent(), /Only the designated safeguarding lead or a senior leader/);
  assert.equal(server.sql("SELECT COUNT(*) FROM staff WHERE email = 's.pastoral@demo.attune.school'"), '0');
});

// A trust's and a local authority's pages in a real Chromium (decision
// 0034): an officer signs in on the staff's form, sets up two-step sign-in
// (both roles require it), lands on the group's figures, changes to months and opens the notices; axe at 360 and 1280 px
// finds no serious or critical violation, nothing scrolls sideways on a
// phone, and no touch target is under 24 px; then their account page, a
// wrong current password said beside its field, and a new password.
// SCREENSHOTS=dir keeps pictures of every page at both widths.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../support/server');
const { launch, checkWidths, watchErrors, keep, smallTargets, secondStep } = require('../support/chromium');

const PASSWORD = 'organisation-pass-2026';
let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 60, days: 15, schools: 2 });
  server.cli(['organisation', 'create', '--kind', 'local_authority', '--name', 'North County Council']);
  server.cli(['organisation', 'attach', '--organisation', '1', '--school', '1', '--school', '2']);
  server.cli(['organisation', 'add-person', '--organisation', '1', '--email', 'officer@north.example',
    '--name', 'Sam Patel', '--password', PASSWORD]);
  const record = server.sql('SELECT MIN(id) FROM incidents WHERE school_id = 2 AND restricted = 0');
  server.sql(`INSERT INTO suspensions (incident_id, school_id, reason_codes, decided_at, starts_on, school_days, outcome) VALUES (${record}, 2, 'VA', 1, date('now'), 2, 'suspended') ON CONFLICT (incident_id) DO UPDATE SET outcome = 'suspended', reason_codes = 'VA', starts_on = date('now'), school_days = 2`);
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

test('an officer signs in, reads the figures by term and by month, and the notices', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('Email address').fill('officer@north.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The second step first, on the staff's own set-up page, read the same.
  await page.waitForURL(/\/account\/two-step\?next=\/group$/);
  await page.getByText('Your role, Local authority officer, sees the figures of several schools').waitFor();
  await checkWidths(page, 'setting up two-step sign-in');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the set-up page');
  await keep(page, 'group-two-step');
  await secondStep(page, server.base, 'officer@north.example');
  await page.waitForURL(server.base + '/group');
  await page.getByRole('heading', { name: 'North County Council', level: 1 }).waitFor();
  await checkWidths(page, 'the group, by term');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the group page');
  await keep(page, 'group-terms');
  await page.getByLabel('Month by month').check();
  await page.getByRole('button', { name: 'Show the figures' }).click();
  await page.waitForURL(/by=month/);
  await checkWidths(page, 'the group, by month');
  await keep(page, 'group-months');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notices' }).click();
  await page.waitForURL(/\/group\/notices$/);
  assert.match(await page.locator('#notices').innerText(), /Suspension/);
  await checkWidths(page, 'the notices');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the notices');
  await keep(page, 'group-notices');
  // A school's page is not theirs: the refusal leads back to the figures,
  // and the footer says whose figures these are (a page of its own: the
  // browser logs the 403).
  const refused = await browser.context.newPage();
  await refused.goto(server.base + '/pupils');
  await refused.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
  assert.ok(await refused.getByRole('link', { name: 'Go to the schools\' figures' }).isVisible());
  assert.match(await refused.locator('.site-footer').innerText(), /figures shared by its schools with North County Council/);
  await checkWidths(refused, 'a page not theirs');
  assert.deepEqual(await smallTargets(refused), [], 'touch targets on the refusal');
  await keep(refused, 'group-refused');
  await refused.close();
  // Their own account: two-step sign-in on, and a new password.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.waitForURL(/\/group\/account$/);
  await page.getByText('On: after your password').waitFor();
  await page.getByLabel('Current password').fill('not-it-at-all');
  await page.getByLabel('New password', { exact: true }).fill('officer-new-pass-2026');
  await page.getByLabel('New password again').fill('officer-new-pass-2026');
  await page.getByRole('button', { name: /password/i }).click();
  await page.getByText('Your current password is not right').first().waitFor();
  await checkWidths(page, 'the account page, with a mistake');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the account page');
  await keep(page, 'group-account');
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('officer-new-pass-2026');
  await page.getByLabel('New password again').fill('officer-new-pass-2026');
  await page.getByRole('button', { name: /password/i }).click();
  await page.getByText('Your password has been changed.').waitFor();
  assert.deepEqual(errors, []);
});

// In a real Chromium: the long lists (issue 12). The pupils list narrows as
// a teacher types and as they change a filter (htmx, the filters sent with
// the words), the staff list keeps its add form behind a disclosure, the
// audit log filters by kind; each page has no serious accessibility
// violation at 1280 and 360 px, no sideways scrolling, touch targets of at
// least 24 px, and a Download (CSV) link.
// SCREENSHOTS=dir keeps a picture of each at 1280 and 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, signIn, keep, smallTargets, watchErrors } = require('../support/chromium');

let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 120 });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

const count = (page) => page.locator('.list-count').first().textContent();

test('pupils: typing and filters narrow the list together, with paging and a download', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(server.base + '/pupils');
  assert.equal(await count(page), '120 pupils on roll');
  assert.equal(await page.locator('.pupil-link').count(), 25);
  assert.ok(await page.getByRole('link', { name: 'Next' }).isVisible());
  assert.ok(await page.getByRole('link', { name: 'Download (CSV)' }).isVisible());
  await checkWidths(page, '/pupils');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'lists-pupils');

  // A filter, then words typed: the fragment carries both.
  await page.getByText('Filter by year, form, SEN or plan, and sort').click();
  const year9 = Number(server.sql('SELECT COUNT(*) FROM pupils WHERE year_group = 9'));
  await page.getByLabel('Year', { exact: true }).selectOption('9');
  await page.waitForFunction((n) => document.querySelector('.list-count').textContent.startsWith(`${n} pupils`), year9);
  const [surname] = server.sql('SELECT last_name FROM pupils WHERE year_group = 9 ORDER BY id LIMIT 1').split('\n');
  const expected = Number(server.sql(
    `SELECT COUNT(*) FROM pupils WHERE year_group = 9 AND search_text LIKE '%${surname.toLowerCase()}%'`));
  await page.getByRole('searchbox', { name: 'Pupil name or UPN' }).pressSequentially(surname, { delay: 20 });
  const words = `${expected} ${expected === 1 ? 'pupil matches' : 'pupils match'}`;
  await page.waitForFunction((w) => document.querySelector('.list-count').textContent === w, words);
  for (const meta of await page.locator('.pupil-link__meta').allTextContents()) assert.match(meta, /^Year 9/);
  const href = await page.getByRole('link', { name: 'Download (CSV)' }).getAttribute('href');
  assert.match(href, /year=9/);
  assert.match(href, new RegExp(`q=${encodeURIComponent(surname)}`));
  await checkWidths(page, '/pupils filtered');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'lists-pupils-filtered');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('staff: the list under a closed add form, filters and paging, fits a phone', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'admin');
  await page.goto(server.base + '/staff');
  assert.equal(await page.getByLabel('Full name').isVisible(), false, 'the add form starts closed');
  const total = Number(server.sql('SELECT COUNT(*) FROM staff'));
  assert.equal(await count(page), `${total} members of staff`);
  await checkWidths(page, '/staff');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'lists-staff');
  await page.getByText('Add a member of staff').click();
  assert.ok(await page.getByLabel('Full name').isVisible());
  await page.locator('#staff-role').selectOption('teacher');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/role=teacher/);
  const teachers = Number(server.sql("SELECT COUNT(*) FROM staff WHERE role = 'teacher'"));
  assert.match(await count(page), new RegExp(`^${teachers} member`));
  await checkWidths(page, '/staff filtered');
  assert.deepEqual(errors, []);
});

test('audit: filters by day, person and kind, newer and older pages, fits a phone', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  // Enough sign-ins for more than one page.
  for (let i = 0; i < 3; i++) await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  await page.goto(server.base + '/audit');
  await checkWidths(page, '/audit');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'lists-audit');
  await page.getByLabel('What').selectOption('sign_in');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/action=sign_in/);
  const n = Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in'"));
  assert.equal(await count(page), `${n} ${n === 1 ? 'entry matches' : 'entries match'}`);
  assert.ok(await page.getByRole('link', { name: 'Download (CSV)' }).isVisible());
  await checkWidths(page, '/audit filtered');
  assert.deepEqual(errors, []);
});

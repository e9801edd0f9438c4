// In a real Chromium: the header's notification badge and the
// notifications page (decision 0017) for a senior leader told of plans the
// policy proposed and a DSL told of a safeguarding concern, at 1280 and 360
// px: no serious or critical axe violation, no overflow, touch targets of at
// least 24 px (the bell itself too), and "mark as read" bringing the badge
// down. SCREENSHOTS=dir keeps pictures of the badge and the page.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, signIn, watchErrors, keep, smallTargets } = require('../support/chromium');

let server;
let browser;
const tokens = {};

async function record(json) {
  const res = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.teacher}`, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  assert.equal(res.status, 201, await res.text());
}

test.before(async () => {
  server = await startServer({ pupils: 40 });
  browser = await launch();
  tokens.teacher = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const pupils = server.sql('SELECT id FROM pupils ORDER BY id LIMIT 4').split('\n').map(Number);
  // Dangerous behaviour proposes a risk reduction plan to the senior
  // leaders; a concern tells the DSL.
  await record({ pupils: [{ id: pupils[0], role: 'involved' }], category: 'hurting_others', location: 'Playground' });
  await record({ pupils: [{ id: pupils[1], role: 'involved' }], category: 'hurting_others', location: 'Dining hall' });
  await record({ pupils: [{ id: pupils[2], role: 'involved' }], category: 'peer_on_peer_abuse', location: 'Library', notes: 'What the child said, in their words.' });
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

// The bell's count as the header shows it ("" when none).
const badge = (page) => page.locator('.site-header .bell__count').first().textContent().catch(() => '');

test('the badge counts what is unread, at 1280 and 360 px, and leads to the list', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  const unread = await badge(page);
  assert.ok(Number(unread) >= 3, `badge "${unread}"`);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 740 });
    const bell = page.getByRole('link', { name: new RegExp(`Notifications\\s*${unread} unread`) });
    assert.ok(await bell.isVisible(), `the bell at ${width}px`);
    const box = await bell.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `bell ${box.width}x${box.height} at ${width}px`);
  }
  await checkWidths(page, 'My day with the badge');
  await keep(page, 'notifications-badge');

  await page.setViewportSize({ width: 360, height: 740 });
  await page.locator('.site-header .bell').click();
  await page.waitForURL(server.base + '/notifications');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Notifications');
  const items = page.locator('.notices__item');
  assert.ok(await items.count() >= 3);
  assert.match(await items.first().textContent(), /proposed for .+ by the policy; it waits for a decision/);
  await checkWidths(page, 'notifications page');
  assert.deepEqual(await smallTargets(page), [], 'notifications page: touch targets');
  await keep(page, 'notifications-page');

  // Mark one as read: the badge goes down by one, the item stays, read.
  await page.locator('.notices__item--unread').first().getByRole('button', { name: 'Mark as read' }).click();
  await page.waitForURL(server.base + '/notifications');
  assert.equal(Number(await badge(page)), Number(unread) - 1);
  assert.match(await page.locator('.flash').textContent(), /Marked as read/);
  // Then all: no badge, no "mark" buttons, the items kept.
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.waitForURL(server.base + '/notifications');
  assert.equal(await page.locator('.site-header .bell__count').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Mark as read' }).count(), 0);
  assert.ok(await items.count() >= 3);
  await checkWidths(page, 'notifications page, all read');
  await keep(page, 'notifications-read');
  assert.deepEqual(errors, []);
});

test("the DSL's concern says who and where, never what was written; the link opens the record", async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'dsl');
  await page.goto(server.base + '/notifications');
  const concern = page.locator('.notices__item').filter({ hasText: 'Safeguarding concern' }).first();
  const text = await concern.textContent();
  assert.match(text, /Safeguarding concern about .+, recorded by .+: Library, /);
  assert.doesNotMatch(text, /in their words/);
  await checkWidths(page, 'DSL notifications');
  assert.deepEqual(await smallTargets(page), [], 'DSL notifications: touch targets');
  await keep(page, 'notifications-dsl');
  await concern.getByRole('link').click();
  await page.waitForURL(/\/incidents\/\d+$/);
  assert.match(await page.locator('main').textContent(), /in their words/);
});

test('an open page keeps the bell fresh: new work shows when the tab is back in view, without a reload', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  await page.goto(server.base + '/notifications');
  const all = page.getByRole('button', { name: 'Mark all as read' });
  if (await all.count()) {
    await all.click();
    await page.waitForURL(server.base + '/notifications');
  }
  await page.goto(server.base + '/');
  assert.equal(await page.locator('.site-header .bell__count').count(), 0);
  const loads = [];
  page.on('load', () => loads.push(page.url()));

  // Another plan proposed while the page is open.
  const pupil = Number(server.sql('SELECT id FROM pupils ORDER BY id DESC LIMIT 1'));
  await record({ pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others', location: 'Corridor' });
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.locator('.site-header .bell__count').waitFor({ timeout: 5000 });
  assert.equal(await badge(page), '1');
  assert.ok(await page.getByRole('link', { name: /Notifications\s*1 unread/ }).isVisible());
  assert.deepEqual(loads, [], 'no reload');
  await page.setViewportSize({ width: 360, height: 740 });
  await checkWidths(page, 'My day, the bell refreshed');
  assert.deepEqual(errors, []);
});

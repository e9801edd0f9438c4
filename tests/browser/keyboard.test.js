// By keyboard alone (issue 12: every flow works without a pointer, WCAG
// 2.1.1): a positive note from "My day" through the lesson's class and its
// undo, and a follow-up completed from the team's queue, pressing only Tab,
// Shift+Tab, Space and Enter; and every control those pages reach shows
// where the focus is (WCAG 2.4.7).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, signIn, watchErrors, settled } = require('../support/chromium');

let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 60, days: 3 });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

// Presses Tab until the focused element matches `selector` (or `test`,
// given the element), failing after `limit` presses: what a keyboard user
// can reach, they reach this way.
async function tabTo(page, selector, limit = 150) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate((sel) => {
      const el = document.activeElement;
      return !!el && el.matches(sel);
    }, selector);
    if (found) return;
  }
  assert.fail(`"${selector}" is not reached by Tab within ${limit} presses`);
}

// Whether the focused element is drawn differently from when it is not
// focused: an outline or a box shadow (the focus ring).
async function focusShows(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const target = el.classList.contains('tile__box') ? el.nextElementSibling : el;
    const style = getComputedStyle(target);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return ring || style.boxShadow !== 'none';
  });
}

test('a positive note from My day and its undo, by keyboard alone', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  const before = Number(server.sql('SELECT COUNT(*) FROM incidents'));
  await tabTo(page, 'a.lesson__link');
  assert.ok(await focusShows(page), 'the lesson link shows its focus');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/classes\/\d+/);
  await tabTo(page, 'input.tile__box');
  assert.ok(await focusShows(page), 'a pupil tile shows its focus');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('input.tile__box:checked').count(), 1);
  await tabTo(page, 'button.class-chip');
  assert.ok(await focusShows(page), 'what you noticed shows its focus');
  const count = () => Number(server.sql('SELECT COUNT(*) FROM incidents'));
  await page.keyboard.press('Enter');
  await page.locator('form[data-undo] button').waitFor();
  assert.equal(await settled(count, before + 1), before + 1);
  await tabTo(page, 'form[data-undo] button');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Undone' }).first().waitFor();
  assert.equal(await settled(count, before), before);
  assert.deepEqual(errors, []);
});

test('a follow-up completed from the team\'s queue, by keyboard alone', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'pastoral');
  // A meeting for the pastoral team, done by a note here.
  server.sql(`INSERT INTO actions (school_id, pupil_id, kind, label, assignee_role, due_at, status, created_at)
    SELECT school_id, id, 'meeting', 'Meeting', 'pastoral', unixepoch() + 3600, 'open', unixepoch()
    FROM pupils ORDER BY id LIMIT 1`);
  await page.goto(server.base + '/actions?kind=meeting');
  const open = Number(server.sql("SELECT COUNT(*) FROM actions WHERE status = 'open'"));
  await tabTo(page, 'textarea[name="outcome"]');
  assert.ok(await focusShows(page), 'the outcome box shows its focus');
  await page.keyboard.type('Met with the pupil and their tutor; agreed a check-in each morning.');
  await page.keyboard.press('Tab');
  const button = await page.evaluate(() => document.activeElement.tagName + ':' + document.activeElement.textContent.trim());
  assert.match(button, /^BUTTON:/, 'the save button follows the outcome box');
  assert.ok(await focusShows(page), 'the save button shows its focus');
  await page.keyboard.press('Enter');
  const stillOpen = () => Number(server.sql("SELECT COUNT(*) FROM actions WHERE status = 'open'"));
  assert.equal(await settled(stillOpen, open - 1), open - 1);
});

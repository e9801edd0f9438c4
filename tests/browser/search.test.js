// In a real Chromium: a teacher opens Records from the navigation, lands on
// "What I recorded", searches the notes and opens a record from the
// results. axe-core at 1280 and 360 px, no sideways scrolling, touch targets
// of 24 px or more; with SCREENSHOTS=dir, pictures to look at.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn, keep, smallTargets } = require('../support/chromium');

let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 60, days: 5 });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

async function record(token, body) {
  const res = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return JSON.parse(text).id;
}

test('a teacher finds a record by the words in its notes and opens it', async () => {
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const pupils = server.sql('SELECT id FROM pupils ORDER BY id LIMIT 3').split('\n').map(Number);
  const ids = [];
  for (const [k, notes] of [
    'Upset after the fire drill; sat by the door with their coat on and would not come back in.',
    'Helped a friend who felt sick during the fire drill, stayed with them and told an adult.',
    'Pushed in the lunch queue <b>twice</b> and said it was not fair.',
  ].entries()) {
    ids.push(await record(token, {
      pupils: [{ id: pupils[k], role: 'involved' }],
      category: k === 1 ? 'kindness' : 'hurting_others',
      ...(k === 1 ? { reward: 'praise_point' } : {}),
      notes,
      response: 'Calm voice and time in with the teaching assistant.',
    }));
  }

  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('.site-nav__all').getByRole('link', { name: 'Records', exact: true }).click();
  await page.waitForURL(/\/records$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'What I recorded');
  assert.ok(await page.locator('.record-hit').count() >= 3);
  await checkWidths(page, 'What I recorded');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'records-mine');

  await page.getByRole('searchbox', { name: 'Words in the notes' }).fill('fire dri');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/q=fire\+dri/);
  assert.equal(await page.locator('.record-hit').count(), 2);
  assert.match(await page.locator('.summary').textContent(), /2 records with “fire dri”/);
  assert.ok((await page.locator('.record-hit mark').count()) >= 2);
  assert.deepEqual(await page.locator('.record-hit mark').first().textContent(), 'fire');
  await checkWidths(page, 'search results');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'records-search');

  // The note's own markup is text, never HTML.
  await page.goto(server.base + '/records?view=all&q=twice');
  assert.equal(await page.locator('.record-hit b').count(), 0);
  assert.match(await page.locator('.record-hit__excerpt').first().textContent(), /<b>twice<\/b>/);

  // Nothing found says so; bad input is explained beside the box.
  await page.goto(server.base + '/records?view=all&q=' + 'x'.repeat(201));
  assert.match(await page.locator('.field__error').first().textContent(), /at most 200 characters/);
  await checkWidths(page, 'too long');
  // Punctuation alone: one message saying what to type, beside the box.
  await page.goto(server.base + '/records?view=all&q=' + encodeURIComponent('?!--'));
  assert.match(await page.locator('.field__error').first().textContent(), /Type a word from the notes/);
  assert.equal(await page.locator('.empty').count(), 0);
  await checkWidths(page, 'punctuation alone');
  await keep(page, 'records-punctuation');
  await page.goto(server.base + '/records?view=all&q=nothingmatchesthis');
  assert.match(await page.locator('.empty').textContent(), /No records you may read/);
  await keep(page, 'records-none');

  await page.goto(server.base + '/records?view=all&q=fire+drill');
  await page.locator('.record-hit a').first().click();
  await page.waitForURL(/\/incidents\/\d+$/);
  assert.ok(ids.includes(Number(page.url().split('/').pop())));
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('a leader sees everyone\'s records, with the dates open when chosen', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  await page.goto(server.base + '/records');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Records');
  assert.ok(await page.locator('.record-hit').count() > 0);
  assert.ok(await page.locator('.paging').count() <= 1);
  await checkWidths(page, 'all records');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'records-all');
  await page.goto(server.base + '/records?view=all&from=2026-01-01&to=2026-12-31');
  assert.ok(await page.locator('details.records-search__dates[open]').count() === 1);
  await checkWidths(page, 'between dates');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'records-dates');
  assert.deepEqual(errors, []);
});

// In a real Chromium: a pupil's page and their chronology at 360 and 1280 px
// with axe-core; filtering by the form; the print view and a record as
// printed (print media: no navigation or buttons, black on white, the
// print stamp with who printed it); "Print" opens the print dialogue.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn, keep, smallTargets } = require('../support/chromium');

let server;
let browser;
let pupil;
test.before(async () => {
  server = await startServer({ pupils: 20, days: 120 });
  browser = await launch();
  // The pupil with the most records, so the chronology has pages.
  pupil = Number(server.sql(
    'SELECT pupil_id FROM incident_pupils GROUP BY pupil_id ORDER BY COUNT(*) DESC, pupil_id LIMIT 1'));
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

// Print media: the site's header, navigation, forms and buttons are gone,
// the stamp says who printed it, and the text is black on white.
async function checkPrinted(page, label) {
  await page.emulateMedia({ media: 'print' });
  const looks = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0);
    const body = getComputedStyle(document.body);
    return {
      header: shown('.site-header'),
      nav: shown('.site-nav'),
      buttons: shown('main button, main .button'),
      forms: shown('main form'),
      stamp: document.querySelector('.print-stamp')?.getClientRects().length > 0
        ? document.querySelector('.print-stamp').textContent : '',
      colour: body.color,
      background: body.backgroundColor,
    };
  });
  assert.equal(looks.header, false, `${label}: header printed`);
  assert.equal(looks.nav, false, `${label}: navigation printed`);
  assert.equal(looks.buttons, false, `${label}: buttons printed`);
  assert.equal(looks.forms, false, `${label}: forms printed`);
  assert.match(looks.stamp, /Printed by .+ on .+/, label);
  assert.equal(looks.colour, 'rgb(0, 0, 0)', label);
  assert.match(looks.background, /rgb\(255, 255, 255\)|rgba\(0, 0, 0, 0\)/, label);
  if (process.env.SCREENSHOTS) {
    await page.setViewportSize({ width: 794, height: 1123 });  // A4 at 96 dpi
    await page.screenshot({ path: path.join(process.env.SCREENSHOTS, `${label}-print.png`), fullPage: true });
    await page.pdf({ path: path.join(process.env.SCREENSHOTS, `${label}.pdf`), format: 'A4', preferCSSPageSize: true });
  }
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the DSL reads, filters, prints and downloads a pupil\'s chronology', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'dsl');

  await page.goto(`${server.base}/pupils/${pupil}`);
  await checkWidths(page, 'pupil page');
  // (The profile form's checkboxes, 22 px, are the pupil page's own and
  // not this test's; the chronology's controls are checked below.)
  await keep(page, 'pupil');

  await page.getByRole('link', { name: /Full chronology/ }).click();
  await page.waitForURL(new RegExp(`/pupils/${pupil}/chronology$`));
  assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /^Chronology: /);
  await checkWidths(page, 'chronology');
  assert.deepEqual(await smallTargets(page), [], 'chronology touch targets');
  assert.ok(await page.getByRole('navigation', { name: 'Pages of the chronology' }).isVisible());
  await keep(page, 'chronology');

  // Filter by the form: positive notes only.
  await page.getByLabel('Kind').selectOption('positive');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/kind=positive/);
  const kinds = await page.locator('.chronology__item').evaluateAll(
    (items) => items.map((li) => li.className));
  assert.ok(kinds.length > 0);
  assert.ok(kinds.every((c) => c.includes('chronology__item--prosocial')), kinds.join(' '));
  assert.match(await page.locator('.chronology-range').textContent(), /Positive records/);
  await keep(page, 'chronology-positive');

  // The CSV link carries the same filter.
  const csv = await page.getByRole('link', { name: 'Download (CSV)' }).getAttribute('href');
  assert.match(csv, new RegExp(`/pupils/${pupil}/chronology\\.csv\\?kind=positive`));

  // Print: the whole filtered list, with a Print button that opens the dialogue.
  await page.getByRole('link', { name: 'Print' }).click();
  await page.waitForURL(/\/chronology\/print\?kind=positive/);
  await checkWidths(page, 'chronology print view');
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByRole('button', { name: 'Print' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await keep(page, 'chronology-print-view');
  await checkPrinted(page, 'chronology');

  // A record, printed.
  await page.goto(`${server.base}/pupils/${pupil}/chronology`);
  const record = await page.locator('.chronology__what a').first().getAttribute('href');
  await page.goto(server.base + record);
  assert.ok(await page.getByRole('button', { name: 'Print this record' }).isVisible());
  await checkWidths(page, 'record');
  await keep(page, 'record');
  await checkPrinted(page, 'record');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('a teacher\'s chronology offers no safeguarding filter', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(`${server.base}/pupils/${pupil}/chronology`);
  const kinds = await page.getByLabel('Kind').locator('option').allTextContents();
  assert.deepEqual(kinds, ['Everything', 'Positive', 'Difficult (not safeguarding)']);
  const categories = await page.getByLabel('Category').locator('option').allTextContents();
  assert.ok(!categories.some((c) => /peer on peer/i.test(c)), categories.join(', '));
  await checkWidths(page, 'teacher chronology');
});

test('on a phone the chronology starts on the records, its filters a tap away; chosen filters stay open', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(`${server.base}/pupils/${pupil}/chronology`);
  const fold = page.locator('details.filter-fold');
  assert.equal(await fold.evaluate((d) => d.open), false, 'folded on a phone');
  const first = page.locator('.chronology__item').first();
  const box = await first.boundingBox();
  assert.ok(box && box.y + 40 < 740, `the first record starts on the first screen (y=${box && box.y})`);
  await page.getByText('Filter by kind, class, category or dates').click();
  await page.getByLabel('Kind').selectOption('positive');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/kind=positive/);
  assert.equal(await page.locator('details.filter-fold').evaluate((d) => d.open), true, 'open once a filter is chosen');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.base}/pupils/${pupil}/chronology`);
  assert.equal(await page.locator('details.filter-fold').evaluate((d) => d.open), true, 'open on a wide screen');
});

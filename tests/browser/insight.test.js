// The insight page in Chromium (issue 14): a senior leader opens Insight
// from the navigation (one tap), sees every chart with its table, narrows
// the figures with one choice (htmx swaps the figures and the address
// follows, so the back button and a shared link keep the choice), opens a
// year's forms; axe at 1280 and 360 px, no sideways scroll, targets of at
// least 24 px; a teacher's page is their own recording; the pupil page's
// pattern. With SCREENSHOTS=dir, pictures of each to look at.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn, keep, smallTargets, settled } = require('../support/chromium');

let server, browser;

test.before(async () => {
  server = await startServer({ pupils: 60, days: 30 });
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

// With SCREENSHOTS=dir, the outcomes' cards one by one at 1280 and 360 px.
async function keepOutcomes(page) {
  if (!process.env.SCREENSHOTS) return;
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 740 });
    const ids = ['insight-outcomes', 'insight-outcomes-physical', 'insight-outcomes-consequences',
      'insight-outcomes-suspensions', 'insight-outcomes-repair', 'insight-outcomes-plans', 'insight-equity'];
    for (const id of ids) {
      await page.locator(`section[aria-labelledby="${id}"]`).screenshot({
        path: path.join(process.env.SCREENSHOTS, `${id}-${width}.png`),
      });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The first key figure: the records counted (before the note of which).
const total = async (page) => Number(/^[\d,]+/.exec(await page.locator('.insight-key__item dd').first().innerText())[0].replace(/,/g, ''));

test('a senior leader reads the school\'s figures, narrows them with one choice and opens a year\'s forms', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  await page.getByRole('link', { name: 'Insight' }).click();  // tap 1
  await page.waitForURL(`${server.base}/insight`);
  await page.getByRole('heading', { name: 'Records a school day, month by month' }).waitFor();
  for (const heading of ['By category', 'By place', 'By time of day', 'Day and time of day', 'Pupils with most records',
    'Prosocial and other records, week by week', 'Each class of behaviour, week by week',
    'Prosocial and other records by year group']) {
    assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 1, heading);
  }
  // Outcomes over time follow once the page is shown (htmx asks for them).
  await page.getByRole('heading', { name: 'Outcomes over time', exact: true }).waitFor();
  assert.equal(await page.locator('#insight-outcomes-slot').count(), 0, 'the slot is replaced');
  // Each drawn chart has its figures as a table too: four of records, and
  // of outcomes over time one for each with any in the period (the demo's
  // history asks for repairs and starts plans).
  const charts = await page.locator('svg.chart__svg').count();
  assert.ok(charts >= 4 + 2, `${charts} charts`);
  assert.ok(await page.locator('svg.chart__svg rect.chart__bar').count() > 0, 'bars drawn');
  assert.equal(await page.locator('details.insight-table').count(), charts);
  for (const heading of ['Outcomes over time', 'Physical interventions', 'Consequences in the school\'s policy',
    'Suspensions', 'Repair within the policy\'s time', 'Plans started and how they ended']) {
    assert.ok(await page.getByRole('heading', { name: heading, exact: true }).count() >= 1, heading);
  }
  // The demo policy's own consequences and plans, by their names.
  await page.getByRole('rowheader', { name: 'Time in a safe space to calm' }).waitFor();
  await page.getByRole('rowheader', { name: 'Daily Positive Reporting' }).waitFor();
  await keepOutcomes(page);
  const concerns = await total(page);
  const expected = Number(server.sql(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE ip.role = 'involved' AND i.behaviour_class <> 'prosocial'`));
  assert.equal(concerns, expected, 'every record but prosocial, this school year');
  await checkWidths(page, 'insight');
  assert.deepEqual(await smallTargets(page), [], 'insight: targets of 24 px');
  await keep(page, 'insight');

  // One choice: prosocial records only. The figures change in place.
  await page.getByLabel('Records', { exact: true }).selectOption('prosocial');  // tap 2 (and the choice)
  const prosocial = Number(server.sql(`SELECT COUNT(*) FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE ip.role = 'involved' AND i.behaviour_class = 'prosocial'`));
  assert.equal(await settled(() => total(page), prosocial), prosocial);
  assert.match(page.url(), /kind=prosocial/, 'the address keeps the choice');
  await page.reload();
  assert.equal(await total(page), prosocial, 'and a reload keeps it');

  // A year group: its forms.
  await page.getByRole('link', { name: 'Year 7' }).click();
  await page.getByRole('heading', { name: 'Prosocial and other records by form' }).waitFor();
  await checkWidths(page, 'insight, one year');
  await keep(page, 'insight-year');
  assert.deepEqual(errors, []);
});

test('a teacher\'s insight is their own recording; the pupil page shows a pupil\'s pattern', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  assert.equal(await page.getByRole('link', { name: 'Insight' }).count(), 0, 'not in a teacher\'s navigation');
  await page.goto(`${server.base}/insight?period=all`);
  await page.getByText('Your own recording').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Pupils with most records' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Outcomes over time' }).count(), 0, 'no school-wide outcomes');
  await checkWidths(page, 'insight, own recording');
  await keep(page, 'insight-teacher');

  const pupil = Number(server.sql(`SELECT ip.pupil_id FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id
    WHERE i.behaviour_class <> 'prosocial' AND i.restricted = 0 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`));
  await page.goto(`${server.base}/pupils/${pupil}`);
  await page.getByRole('heading', { name: /pattern this school year/ }).waitFor();
  assert.ok(await page.locator('#pattern .heatmap__cell').count() >= 5 * 9);
  await checkWidths(page, 'pupil page with pattern');
  assert.deepEqual(await smallTargets(page), [], 'pupil page: targets of 24 px');
  await page.locator('#pattern').scrollIntoViewIfNeeded();
  await keep(page, 'pupil-pattern');
  assert.deepEqual(errors, []);
});

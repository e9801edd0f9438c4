// In a real Chromium (issue 12, every role's day): a positive note for one
// pupil from "My day" in three taps (the lesson, the pupil, what you
// noticed), undone with one more; each role's home, the team's queue, a
// class's tiles, passing on and the question before a whole class is
// recognised, each at 1280 and 360 px, with axe, no sideways scrolling and
// touch targets of at least 24 x 24 px. SCREENSHOTS=dir keeps pictures.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, signIn, watchErrors, keep, smallTargets, seriousViolations } = require('../support/chromium');

let server;
let browser;
test.before(async () => {
  server = await startServer({ pupils: 120, days: 5 });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

async function looksRight(page, label) {
  await checkWidths(page, label);
  assert.deepEqual(await smallTargets(page), [], `${label}: touch targets`);
}

test('a positive note for one pupil from My day in three taps, and undone with a fourth', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  const before = Number(server.sql("SELECT COUNT(*) FROM incidents WHERE behaviour_class = 'prosocial'"));
  let taps = 0;
  // 1: the lesson.
  const lesson = page.locator('a.lesson__link').first();
  await lesson.click();
  taps++;
  await page.waitForURL(/\/classes\/\d+/);
  const group = Number(/\/classes\/(\d+)/.exec(page.url())[1]);
  // 2: the pupil.
  const tile = page.locator('label.tile').first();
  const name = (await tile.locator('.tile__name').textContent()).trim();
  await tile.click();
  taps++;
  // 3: what you noticed (the recognition preselected, shown above).
  const chip = page.locator('button.class-chip').first();
  await chip.click();
  taps++;
  await page.waitForURL(new RegExp(`/classes/${group}`));
  assert.equal(taps, 3);
  const flash = page.getByRole('status').first();
  assert.match(await flash.textContent(), new RegExp(`for ${name.split(/\s+/)[0]}`));
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM incidents WHERE behaviour_class = 'prosocial'")), before + 1);
  const id = Number(server.sql('SELECT MAX(id) FROM incidents'));
  assert.equal(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE incident_id = ${id}`), '1');
  await page.setViewportSize({ width: 1280, height: 900 });
  await looksRight(page, 'the class after a save, with undo');
  await keep(page, 'class-saved');

  // Undo puts things back as they were before the taps.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForURL(new RegExp(`/classes/${group}`));
  assert.match(await page.getByRole('status').first().textContent(), /Undone/);
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM incidents WHERE behaviour_class = 'prosocial'")), before);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incidents WHERE id = ${id}`), '0');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);
  assert.deepEqual(errors, []);
});

test('a whole class is asked about before it is recognised', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  const group = Number(server.sql('SELECT group_id FROM teaching_group_members GROUP BY group_id HAVING COUNT(*) > 6 LIMIT 1'));
  await page.goto(server.base + `/classes/${group}`);
  await looksRight(page, 'a class as tiles');
  await keep(page, 'class');
  const before = server.sql('SELECT COUNT(*) FROM incidents');
  const tiles = page.locator('label.tile');
  const n = await tiles.count();
  for (let i = 0; i < n; i++) await tiles.nth(i).click();
  await page.locator('button.class-chip').first().click();
  await page.getByRole('heading', { name: 'Check before saving' }).waitFor();
  assert.match(await page.locator('main h2').first().textContent(), new RegExp(`for ${n} `));
  assert.equal(server.sql('SELECT COUNT(*) FROM incidents'), before);
  await looksRight(page, 'the question before many');
  await keep(page, 'class-confirm');
  await page.getByRole('button', { name: 'Yes, save for all of them' }).click();
  await page.waitForURL(new RegExp(`/classes/${group}`));
  assert.equal(Number(server.sql('SELECT COUNT(*) FROM incidents')), Number(before) + 1);
});

test('every role\'s home, the team\'s queue and passing on, at desktop and phone widths', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  for (const role of ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin']) {
    await signIn(browser, page, server.base, DEMO_PASSWORD, role);
    await looksRight(page, `${role}'s home`);
    await keep(page, `home-${role}`);
  }
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'pastoral');
  await page.goto(server.base + '/actions');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), "The team's queue");
  await page.getByText('Filter by year, form, kind or person').click();
  await looksRight(page, 'the team\'s queue');
  await keep(page, 'queue');
  const pass = page.getByRole('link', { name: /^Pass this on/ }).first();
  if (await pass.count()) {
    await pass.click();
    await page.waitForURL(/\/pass-on/);
    await looksRight(page, 'pass this on');
    await keep(page, 'pass-on');
  }
  // On a phone the header is one short band: three pages and a Menu.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(server.base + '/');
  const header = await page.locator('header.site-header').boundingBox();
  assert.ok(header.height <= 100, `the header is ${header.height}px tall at 360px`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['My day', 'Record', 'My actions']);
  await nav.getByText('Menu').click();
  assert.deepEqual(await seriousViolations(page), [], 'the open menu');
  await keep(page, 'menu-open');
  await nav.getByRole('link', { name: 'Pupils' }).click();
  await page.waitForURL(/\/pupils$/);
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByText('Menu').isVisible(), false, 'no menu on a desktop');

  const pupil = server.sql('SELECT id FROM pupils ORDER BY id LIMIT 1');
  await page.goto(server.base + `/pupils/${pupil}`);
  await page.getByRole('link', { name: 'Something positive' }).click();
  await page.waitForURL(/\/record\?kind=positive&pupil=/);
  assert.equal(await page.locator('#chosen li').count(), 1, 'the pupil is chosen already');
  assert.deepEqual(errors, []);
});

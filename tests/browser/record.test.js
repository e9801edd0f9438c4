// In a real Chromium (issue 4, "Recording in the moment"): a teacher notices
// something positive about a whole class in three taps; records a distressed
// moment the policy answers with a phone call home (seed 004, "Step 5": "A
// phone call home will be made to inform the parents"); and is told why a
// jump up the steps is refused (seed 004: "It is not possible to leap or
// accelerate steps for repeated low-level disruption"). axe-core checks
// every page at desktop and 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, typeSearch } = require('../support/chromium');

let server;
let browser;
let teacherId;
test.before(async () => {
  server = await startServer({ pupils: 120 });
  browser = await launch();
  teacherId = server.sql("SELECT id FROM staff WHERE email = 'teacher@demo.attune.school'");
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

async function signedInPage() {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('Email address').fill('teacher@demo.attune.school');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.base + '/');
  return { page, errors };
}


// A pupil with no record yet, found by typing part of their name.
async function choosePupil(page, offset) {
  const [id, first, last] = server.sql(
    'SELECT id || \'|\' || first_name || \'|\' || last_name FROM pupils p WHERE NOT EXISTS ' +
    `(SELECT 1 FROM incident_pupils i WHERE i.pupil_id = p.id) ORDER BY id LIMIT 1 OFFSET ${offset}`).split('|');
  await typeSearch(page, page.getByRole('searchbox', { name: 'Find a pupil by name or UPN' }),
    `${first.slice(0, 3)} ${last.slice(0, 4)}`, '/record/search');
  const pick = page.locator('#record-results .record-pick', { hasText: `${first} ${last}` }).first();
  await pick.waitFor();
  await pick.click();
  await page.locator(`#chosen input[name="pupil"][value="${id}"]`).waitFor();
  return { id, name: `${first} ${last}` };
}

test('a teacher recognises a whole class in three taps, and is asked once before it is saved', async () => {
  const { page, errors } = await signedInPage();
  await page.getByRole('link', { name: 'Record', exact: true }).click();
  await page.waitForURL(/\/record$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Record');
  await checkWidths(page, '/record');

  await page.getByRole('link', { name: /Something positive/ }).click();
  await page.waitForURL(/kind=positive/);
  await checkWidths(page, '/record?kind=positive');

  // Tap 1: the whole class of the teacher's current or next lesson.
  const classButton = page.locator('a.record-class', { hasText: 'Whole class' });
  const href = await classButton.getAttribute('href');
  const group = /group=(\d+)/.exec(href)[1];
  const members = Number(server.sql(`SELECT COUNT(*) FROM teaching_group_members WHERE group_id = ${group}`));
  assert.ok(members > 1, 'the class has pupils');
  await classButton.click();
  await page.waitForFunction((n) => document.querySelectorAll('#chosen input[name="pupil"]:checked').length === n, members);
  assert.match(page.url(), /kind=positive$/, 'the class was added in place, without a reload');
  await checkWidths(page, 'positive note with a class chosen');

  // Tap 2: a prosocial category. Tap 3: the recognition; more than a
  // handful of pupils are asked about before anything is saved.
  await page.getByRole('radio', { name: 'Kindness' }).check();
  await page.getByRole('button', { name: /Praise point/ }).click();
  await page.getByRole('heading', { name: 'Check before saving' }).waitFor();
  assert.equal(server.sql("SELECT COUNT(*) FROM incidents WHERE category = 'kindness'"), '0');
  assert.match(await page.locator('main h2').first().textContent(), new RegExp(`Praise point for ${members} children\\?`));
  await checkWidths(page, 'the question before a whole class');
  await page.getByRole('button', { name: 'Yes, save for all of them' }).click();
  await page.waitForURL(/\/record\?kind=positive$/);
  assert.match(await page.locator('.notice[role="status"]').textContent(), new RegExp(`Praise point for ${members} children`));

  assert.equal(server.sql("SELECT COUNT(*) FROM incidents WHERE category = 'kindness'"), '1');
  const incident = server.sql("SELECT id || '|' || reward || '|' || behaviour_class || '|' || recorded_by_staff_id FROM incidents WHERE category = 'kindness'").split('|');
  assert.deepEqual(incident.slice(1), ['praise_point', 'prosocial', teacherId]);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE incident_id = ${incident[0]} AND points = 1 AND role = 'involved'`), String(members));
  assert.equal(server.sql(`SELECT COUNT(*) FROM incident_pupils ip JOIN teaching_group_members m ON m.pupil_id = ip.pupil_id AND m.group_id = ${group} WHERE ip.incident_id = ${incident[0]}`), String(members));
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('a distressed moment: the policy suggests Zone 6 and a phone call home, which is saved for the teacher', async () => {
  const { page, errors } = await signedInPage();
  await page.goto(server.base + '/record');
  await page.getByRole('link', { name: /Something difficult/ }).click();
  await page.waitForURL(/kind=difficult/);
  await checkWidths(page, '/record?kind=difficult');

  const pupil = await choosePupil(page, 0);
  // The pupil's personal profile is in view before responding.
  await page.locator('#profiles').getByRole('heading', { name: pupil.name }).waitFor();
  assert.ok(await page.locator('#profiles').getByText(/Key adult/).first().isVisible());

  await page.getByRole('radio', { name: 'Hurting someone' }).check();
  const preview = page.locator('#record-preview');
  await preview.locator('.record-step__name', { hasText: 'Restorative conversation in Zone 6' }).waitFor();
  // What happens next has its own card after the step.
  await page.locator('#record-next', { hasText: 'Phone call home' }).waitFor();
  assert.match(await page.locator('#record-form').textContent(), /Can you show me what happened\?/);
  // Time, place and lesson come prefilled and stay editable.
  assert.match(await page.getByLabel('Time', { exact: true }).inputValue(), /^\d\d:\d\d$/);
  await page.getByText('Notes (optional)').click();
  await page.getByLabel('What you saw and heard').fill('Pushed a classmate over during a game at break.');
  await checkWidths(page, 'difficult record, filled in');
  // The preview asked when the notes change (on leaving the box) has
  // answered: saving now would cancel it, which htmx reports as an error.
  // Leaving the box first asks it now rather than on the click (a run on a
  // loaded machine caught it in flight).
  const previewed = page.waitForResponse((r) => r.url().endsWith('/record/preview'));
  await page.getByLabel('What you saw and heard').blur();
  await previewed;

  const started = Date.now();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.waitForURL(/\/incidents\/\d+$/);
  assert.ok(Date.now() - started < 5000, 'saving is quick');
  const id = /\/incidents\/(\d+)$/.exec(page.url())[1];

  assert.equal(server.sql(`SELECT category || '|' || behaviour_class FROM incidents WHERE id = ${id}`), 'hurting_others|dangerous');
  assert.equal(server.sql(`SELECT step FROM incident_pupils WHERE incident_id = ${id} AND pupil_id = ${pupil.id}`), 'zone_6');
  assert.equal(server.sql(`SELECT COUNT(*) FROM actions WHERE incident_id = ${id} AND kind = 'phone_call_home' AND assignee_staff_id = ${teacherId} AND status = 'open' AND due_at IS NOT NULL`), '1');
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), [], 'no script errors or CSP violations');
});

test('a jump up the steps for low-level behaviour is refused, with the reason, before and on saving', async () => {
  const { page } = await signedInPage();
  await page.goto(server.base + '/record?kind=difficult');
  const before = server.sql('SELECT COUNT(*) FROM incidents');
  const pupil = await choosePupil(page, 1);
  await page.getByRole('radio', { name: 'Low-level disruption' }).check();
  await page.locator('#record-preview .record-step__name', { hasText: 'Attunement' }).waitFor();

  await page.getByText('Choose a different step').click();
  await page.getByRole('radio', { name: /Time In/ }).check();
  const refusal = page.locator('#record-preview #record-refusal');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /one at a time.*"Attunement", not "Time In"/s);

  await page.getByText('Notes (optional)').click();
  await page.getByLabel('How you responded').fill('Moved to sit nearer the front.');
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.locator('#record-errors').waitFor();
  assert.match(await page.locator('#record-errors').textContent(), /one at a time/);
  assert.match(await page.locator('#record-step .field__error').textContent(), /not "Time In"/);
  // Everything typed is kept.
  assert.ok(await page.getByRole('radio', { name: 'Low-level disruption' }).isChecked());
  assert.ok(await page.getByRole('radio', { name: /Time In/ }).isChecked());
  assert.ok(await page.locator(`#chosen input[name="pupil"][value="${pupil.id}"]`).isChecked());
  assert.equal(await page.getByLabel('How you responded').inputValue(), 'Moved to sit nearer the front.');
  assert.equal(server.sql('SELECT COUNT(*) FROM incidents'), before, 'nothing was saved');
  await checkWidths(page, 'refused record');

  // Taking the policy's suggestion saves it.
  await page.getByRole('radio', { name: 'As our policy suggests' }).check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.waitForURL(/\/incidents\/\d+$/);
  assert.equal(server.sql(`SELECT step FROM incident_pupils WHERE pupil_id = ${pupil.id}`), 'attunement');
});

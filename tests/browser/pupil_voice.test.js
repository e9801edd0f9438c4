// A pupil's own words in a real Chromium (issue 15, decision 0028): seed
// 003's Reflection Day. A teacher starts the learner's turn from the plan's
// page and gets a code; on one shared device at 360 px with nobody signed
// in, the learner types it, reads their own questions with their first
// name, writes, finishes and hands over; the next pupil starts clean, and
// going back shows nothing of theirs. The teacher then sees the words on
// the plan, marked as written by the learner; the pupil page shows which
// parts of the profile are in the pupil's own words. axe at 360 and 1280 px
// finds no serious or critical violation on any page added or changed; no
// touch target on a pupil page is under 24 px. SCREENSHOTS=dir keeps
// pictures of every page at both widths.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, DEMO_PASSWORD, Browser } = require('../support/server');
const { launch, checkWidths, signIn, watchErrors, keep, smallTargets } = require('../support/chromium');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays, londonToday } = require('../support/school_days');

const root = path.resolve(__dirname, '../..');
const PHONE = { width: 360, height: 740 };
let server, browser, plan, pupil, day;

test.before(async () => {
  server = await startServer({ pupils: 30 });
  browser = await launch();
  const days = schoolDays(server);
  day = days.latest();
  // Seed 003's policy in force from the latest school day.
  const senior = new Browser(server.base);
  await senior.signIn('senior@demo.attune.school');
  await senior.get('/policies');
  const text = fs.readFileSync(path.join(root, 'policies/003_learning_partnership_west.toml'), 'utf8');
  const up = await senior.post('/policies', { multipart: { csrf_token: senior.csrf, policy: text, note: 'LPW' } });
  assert.equal(up.status, 303);
  const version = up.headers.get('location').split('/').pop();
  await senior.get(`/policies/${version}`);
  await senior.post(`/policies/${version}/activate`, { form: { csrf_token: senior.csrf, active_from: londonToday() } });
  server.sql(`UPDATE policy_versions SET active_from = '${day}' WHERE id = ${version}`);
  const [id, first] = server.sql(
    "SELECT id, CASE WHEN preferred_name <> '' THEN preferred_name ELSE first_name END FROM pupils ORDER BY id LIMIT 1").split('|');
  pupil = { id: Number(id), first };
  // Started for a coming day (its notice is due the day before), then dated
  // back to the latest school day, as if that day had come.
  const api = apiAs(server, tokensFor(server, ['pastoral']));
  const made = await api('pastoral', '/api/v1/plans', {
    pupil_id: pupil.id, type: 'reflection_day', starts_on: days.next(days.next(londonToday())),
    fields: { key_adult: 'Mr Obi', reason: 'Time to think about Tuesday', goals: 'Understand what happened, and plan a repair' },
  });
  assert.equal(made.status, 201, made.text);
  plan = made.json.id;
  server.sql(`UPDATE plans SET started_on = '${day}', ends_on = '${day}' WHERE id = ${plan}`);
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

let code;

test('a teacher starts the learner\'s turn from the plan and gets a code, once', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(`${server.base}/plans/${plan}`);
  const turn = page.getByRole('region', { name: `${pupil.first}’s turn` });
  await turn.waitFor();
  await checkWidths(page, 'plan with the pupil\'s turn');
  await keep(page, 'staff-plan-turn');
  await page.locator('#turn-on').fill(day);
  await turn.getByRole('button', { name: `Start ${pupil.first}’s turn` }).click();
  await page.getByRole('heading', { name: `${pupil.first}’s turn` }).waitFor();
  code = (await page.locator('.turn-code').innerText()).trim();
  assert.match(code, /^[A-Z2-9]{4} [A-Z2-9]{4}$/);
  await checkWidths(page, 'the pupil\'s code');
  await keep(page, 'staff-turn-code');
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a shared device at 360 px the learner completes the reflection workbook, and the next starts clean', async () => {
  await browser.context.clearCookies();  // nobody signed in on the device
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize(PHONE);
  await page.goto(server.base + '/voice');
  await page.getByLabel('Your code').waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, 'no staff navigation on the pupil pages');
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'pupil: code');
  await keep(page, 'pupil-voice-code');

  await page.setViewportSize(PHONE);
  await page.getByLabel('Your code').fill('WXYZ 2345');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal((await page.getByRole('alert').innerText()).trim(), 'That code did not work. Check it with your teacher.');
  await keep(page, 'pupil-voice-code-wrong');

  await page.setViewportSize(PHONE);
  await page.getByLabel('Your code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: `Hello, ${pupil.first}!` }).waitFor();
  const feeling = page.getByRole('textbox', { name: /What were you feeling at the time\?/ });
  await feeling.waitFor();
  assert.equal(await page.getByRole('textbox').count(), 4, 'the four workbook questions, nothing else');
  const size = await page.locator('.voice-q__asked').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 20, `questions in large type (${size}px)`);
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'pupil: questions');
  await page.setViewportSize(PHONE);
  await page.getByRole('textbox', { name: /What happened\?/ }).fill('I got cross in maths and threw my book.');
  await feeling.fill('Angry, and embarrassed that I could not do it.');
  await page.getByRole('textbox', { name: /How did what you did affect other people\?/ }).fill('Jo was scared.');
  await page.getByRole('textbox', { name: /What could you do differently next time\?/ }).fill('Show my break card.');
  await keep(page, 'pupil-voice-questions');
  await page.setViewportSize(PHONE);
  await page.getByRole('button', { name: 'I have finished' }).click();
  await page.waitForURL(/\/voice\/thanks$/);
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'pupil: thank you');
  await keep(page, 'pupil-voice-thanks');

  // The next pupil: a clean code box, nothing of the learner's.
  await page.setViewportSize(PHONE);
  await page.getByRole('link', { name: 'Next person' }).click();
  await page.waitForURL(/\/voice$/);
  assert.equal(await page.getByLabel('Your code').inputValue(), '');
  assert.doesNotMatch(await page.content(), /threw my book|Hello,/);
  for (let i = 0; i < 2; i++) {
    await page.goBack().catch(() => {});
    await page.waitForLoadState('load').catch(() => {});
  }
  await page.waitForTimeout(300);
  const back = await page.evaluate(() => document.documentElement.outerHTML).catch(() => '');
  assert.doesNotMatch(back, /threw my book|embarrassed/);
  assert.ok(!back.includes(`Hello, ${pupil.first}`), 'not the learner\'s page from history');
  // The code is spent.
  await page.goto(server.base + '/voice');
  await page.getByLabel('Your code').fill(code);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('alert').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the teacher sees the learner\'s words on the plan, and the profile says whose words each part is', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(`${server.base}/plans/${plan}#entries`);
  const entries = page.locator('#entries');
  await entries.getByText('Angry, and embarrassed that I could not do it.').waitFor();
  assert.equal(await entries.getByText(`Written by ${pupil.first}`).count(), 4);
  await checkWidths(page, 'plan with the pupil\'s words');
  await keep(page, 'staff-plan-pupil-words');

  // The profile: parts in the pupil's own words, and the day they went through it.
  await page.goto(`${server.base}/pupils/${pupil.id}`);
  await page.getByText(/Write the profile with|Update the profile with/).click();
  await page.getByLabel('Strengths').fill('I am good at drawing dragons.');
  await page.locator('#own-strengths').check();
  await page.getByLabel(`${pupil.first} went through the profile with me today`).check();
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.locator('#profile-reviewed').waitFor();
  assert.match(await page.locator('#profile-reviewed').innerText(), new RegExp(`Last gone through with ${pupil.first} on`));
  assert.ok(await page.getByText(`In ${pupil.first}’s own words`).first().isVisible());
  await checkWidths(page, 'pupil page with own words');
  await keep(page, 'staff-pupil-profile');
  await page.close();
});

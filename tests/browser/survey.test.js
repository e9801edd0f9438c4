// Pupil voice surveys in a real Chromium (issue 15): a pastoral lead writes
// a survey and runs it for a form; then, on one shared device at 360 px
// with nobody signed in, a pupil types their code, taps faces, submits,
// sees "Thank you!" and hands over; the next pupil starts clean (an empty
// code box, nothing chosen, nothing of the last child's in the page). A
// wrong code gets a message a child can read. axe at 360 and 1280 px finds
// no serious or critical violation on any survey page, staff or pupil; no
// touch target on a pupil page is under 24 px. SCREENSHOTS=dir keeps
// pictures of every page at both widths.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD, Browser } = require('../support/server');
const { launch, checkWidths, signIn, watchErrors, keep, smallTargets } = require('../support/chromium');

const PHONE = { width: 360, height: 740 };
let server;
let browser;
let form;
test.before(async () => {
  server = await startServer({ pupils: 200 });  // forms of 10
  browser = await launch();
  const [id, name] = server.sql('SELECT id, name FROM forms ORDER BY id LIMIT 1').split('|');
  form = { id, name };
});
test.after(async () => {
  await browser.close();
  await server.stop();
});

let codes = [];
let surveyPath;

test('a pastoral lead writes a survey and runs it for a form: a sheet of code slips', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'pastoral');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupil surveys' }).click();
  await page.waitForURL(/\/surveys$/);
  await checkWidths(page, 'surveys (none yet)');
  await page.getByRole('link', { name: 'Write a survey' }).click();
  await page.waitForURL(/\/surveys\/new$/);
  // A mistake first: the message names the question and sits by the field.
  await page.getByLabel('Title').fill('How is school for you?');
  await page.locator('#q1_prompt').fill('How do you feel at playtime?');
  await page.locator('#q2_prompt').fill('Which place helps you feel calm?');
  await page.locator('#q2_kind').selectOption('choice');
  await page.getByRole('button', { name: 'Save the survey' }).click();
  await page.locator('#q2_options-error').waitFor();
  assert.match(await page.locator('#survey-error').innerText(), /Question 2: give between 2 and 6 answers/);
  await checkWidths(page, 'write a survey, with a mistake');
  await keep(page, 'staff-survey-new-error');
  await page.locator('#q2_options').fill('The library\nThe Rainbow Room\nOutside');
  await page.locator('#q3_prompt').fill('How much do adults listen to you?');
  await page.locator('#q3_kind').selectOption('faces5');
  await page.locator('#q4_prompt').fill('How safe do you feel in class?');
  await page.locator('#q4_kind').selectOption('scale');
  await page.locator('#q5_prompt').fill('Is there anything else you want to tell us?');
  await page.locator('#q5_kind').selectOption('words');
  await page.getByRole('button', { name: 'Save the survey' }).click();
  await page.waitForURL(/\/surveys\/\d+$/);
  surveyPath = new URL(page.url()).pathname;
  await checkWidths(page, 'a survey');
  await keep(page, 'staff-survey');
  await page.getByLabel('Who answers').selectOption(`form:${form.id}`);
  await page.getByRole('button', { name: 'Start a run and print codes' }).click();
  await page.locator('#slips').waitFor();
  codes = await page.locator('.slip__code').allInnerTexts();
  assert.equal(codes.length, 10);
  await checkWidths(page, 'code slips');
  await keep(page, 'staff-survey-slips');
  await page.goto(server.base + '/surveys');
  await keep(page, 'staff-surveys');
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a shared device at 360 px a pupil completes the survey, and the next starts clean', async () => {
  await browser.context.clearCookies();  // nobody signed in on the device
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize(PHONE);
  await page.goto(server.base + '/survey');
  const code = page.getByLabel('Your code');
  await code.waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, 'no staff navigation on the pupil pages');
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'pupil: code');
  await keep(page, 'pupil-code');

  // A wrong code: a message a child can read, and the box to try again.
  await page.setViewportSize(PHONE);
  await code.fill('ABCD EFGH');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal((await page.getByRole('alert').innerText()).trim(), 'That code did not work. Check it with your teacher.');
  await checkWidths(page, 'pupil: wrong code');
  await keep(page, 'pupil-code-wrong');

  await page.setViewportSize(PHONE);
  await page.getByLabel('Your code').fill(codes[0].toLowerCase());
  await page.getByRole('button', { name: 'Start' }).click();
  const playtime = page.getByRole('group', { name: /How do you feel at playtime\?/ });
  await playtime.waitFor();
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'pupil: questions');
  await keep(page, 'pupil-questions');
  await page.setViewportSize(PHONE);
  // Each face is a big button with its word under it, and a name for screen readers.
  const good = playtime.getByRole('radio', { name: 'Good', exact: true });
  await playtime.getByText('Good', { exact: true }).click();
  assert.ok(await good.isChecked());
  const faceBox = await playtime.locator('label.face').first().boundingBox();
  assert.ok(faceBox.width >= 64 && faceBox.height >= 64, `a face is ${faceBox.width}x${faceBox.height}`);
  await page.getByRole('group', { name: /Which place helps you feel calm\?/ }).getByText('Outside', { exact: true }).click();
  await page.getByRole('group', { name: /How much do adults listen to you\?/ }).getByText('Really good', { exact: true }).click();
  await page.getByRole('group', { name: /How safe do you feel in class\?/ }).getByText('4', { exact: true }).click();
  await page.getByRole('textbox', { name: /anything else/ }).fill('More quiet places at lunch');
  await keep(page, 'pupil-questions-answered');
  await page.setViewportSize(PHONE);
  await page.getByRole('button', { name: 'I have finished' }).click();
  await page.waitForURL(/\/survey\/thanks$/);
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  assert.deepEqual(await smallTargets(page), []);
  await checkWidths(page, 'pupil: thank you');
  await keep(page, 'pupil-thanks');

  // The next pupil: a clean code box, nothing of the last child's.
  await page.setViewportSize(PHONE);
  await page.getByRole('link', { name: 'Next person' }).click();
  await page.waitForURL(/\/survey$/);
  assert.equal(await page.getByLabel('Your code').inputValue(), '');
  const html = await page.content();
  assert.doesNotMatch(html, /More quiet places|How do you feel at playtime/);
  // Back through the history: never the last child's answers.
  for (let i = 0; i < 2; i++) {
    await page.goBack().catch(() => {});
    await page.waitForLoadState('load').catch(() => {});
  }
  await page.waitForTimeout(300);
  const back = await page.evaluate(() => document.documentElement.outerHTML).catch(() => '');
  assert.doesNotMatch(back, /More quiet places/);
  assert.equal(await page.locator('input[type=radio]:checked').count(), 0, 'no answer chosen in the page history');

  // The next pupil answers with their own code; the first's is spent.
  await page.goto(server.base + '/survey');
  await page.getByLabel('Your code').fill(codes[0]);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('Your code').fill(codes[1]);
  await page.getByRole('button', { name: 'Start' }).click();
  const again = page.getByRole('group', { name: /How do you feel at playtime\?/ });
  await again.waitFor();
  assert.equal(await page.locator('input[type=radio]:checked').count(), 0, 'the next pupil starts with nothing chosen');
  assert.equal(await page.getByRole('textbox', { name: /anything else/ }).inputValue(), '');
  await again.getByText('OK', { exact: true }).click();
  await page.getByRole('button', { name: 'I have finished' }).click();
  await page.waitForURL(/\/survey\/thanks$/);
  assert.deepEqual(errors.filter((e) => !/status of 4(04|22)/.test(e)), []);
  await page.close();
});

test('the results page (closed run) passes axe at both widths', async () => {
  // Six more pupils answer (over HTTP), so the run has results to show.
  for (const [i, code] of codes.slice(2, 8).entries()) {
    const device = new Browser(server.base);
    await device.get('/survey');
    const opened = await device.post('/survey', { form: { csrf_token: device.csrf, code } });
    const names = [...new Set([...opened.text.matchAll(/name="(q\d+)"/g)].map((m) => m[1]))];
    const sent = await device.post('/survey/answers', { form: { csrf_token: device.csrf, code,
      [names[0]]: i < 5 ? '3' : '2', [names[1]]: String(1 + (i % 3)), [names[2]]: '4', [names[3]]: '5',
      [names[4]]: i === 0 ? 'I like the quiet room' : '' } });
    assert.equal(sent.status, 303);
  }
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  await page.goto(server.base + surveyPath);
  await page.getByRole('button', { name: 'Close this run' }).click();
  await page.waitForURL(new RegExp(`${surveyPath}$`));
  await page.getByRole('link', { name: 'See the results' }).click();
  await page.waitForURL(/\/results$/);
  const main = await page.locator('main').innerText();
  assert.match(main, /fewer than 5 answers shows no results/);
  assert.match(main, /fewer than 3/);
  assert.match(main, /I like the quiet room/);
  await checkWidths(page, 'results');
  await keep(page, 'staff-survey-results');
  await page.close();
});

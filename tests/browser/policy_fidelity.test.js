// In a real Chromium, under a policy unlike the shipped four
// (tests/policy_cases/policies/002_hollybank_colour_bands.toml), pasted into
// the upload form whole as a school would, alongside the largest shipped
// policy:
//   - the largest shipped policy (seed 003, about 40 KB) pasted into the
//     form is checked and saved as a draft;
//   - the colour bands show on the recording chips, in words;
//   - a fourth house point in a day: the note is saved and the record page
//     says the recognition was left out, and why;
//   - the amends a student proposes are written down on the record page in
//     their words, which completes the tutor's action.
// axe-core finds no serious violations on each page at 1280 and 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn } = require('../support/chromium');

const root = path.resolve(__dirname, '../..');
let server;
let browser;
let token;
let pupils;

async function api(p, json) {
  const res = await fetch(server.base + p, {
    method: json ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: json ? JSON.stringify(json) : undefined,
  });
  const body = await res.json();
  assert.ok(res.status < 300, JSON.stringify(body));
  return body;
}

// Pastes `text` into the upload form and saves it; returns the draft's page URL.
async function pasteAndSave(page, text) {
  await page.goto(server.base + '/policies');
  await page.getByLabel('Or paste the policy').fill(text);
  await page.getByRole('button', { name: 'Check and save as a draft' }).click();
  await page.waitForURL(/\/policies\/\d+$/);
  return page.url();
}

test.before(async () => {
  server = await startServer({ pupils: 60 });
  browser = await launch();
  token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
});

test.after(async () => {
  await browser.close();
  await server.stop();
});

test('a senior leader pastes the largest shipped policy and a new one; the new one comes into force', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');
  const largest = fs.readdirSync(path.join(root, 'policies'))
    .map((f) => path.join(root, 'policies', f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const text = fs.readFileSync(largest, 'utf8');
  assert.ok(text.length > 30000, `${largest} is ${text.length} bytes`);
  const draft = await pasteAndSave(page, text);
  await page.goto(draft);
  await page.getByText('What changes against version 1').waitFor();

  const ours = fs.readFileSync(
    path.join(root, 'tests/policy_cases/policies/002_hollybank_colour_bands.toml'), 'utf8');
  await page.goto(await pasteAndSave(page, ours));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByRole('button', { name: /Bring version \d+ into force/ }).click();
  await page.waitForURL(/\/policies(\/\d+)?$/);
  await page.goto(server.base + '/policy');
  await page.getByRole('heading', { name: 'How we describe behaviour' }).waitFor();
  assert.doesNotMatch(await page.content(), /exclusion/i);
  await checkWidths(page, 'Our policy with bands');
  assert.deepEqual(errors, []);
  await page.close();
  const list = await api('/api/v1/pupils?limit=40');
  pupils = list.pupils.filter((p) => p.sen_status === 'N');
});

test('the bands are on the chips; a capped recognition is left out and the record page says why', async () => {
  const pupil = pupils[0];
  for (let i = 0; i < 4; ++i) {
    var last = await api('/api/v1/incidents', {
      pupils: [{ id: pupil.id, role: 'involved' }], category: 'helping', reward: 'house_point',
    });
  }
  assert.equal(last.pupils[0].reward.left_out, true);
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(server.base + '/record?kind=difficult');
  const chip = page.locator('label.record-chip-option', { hasText: 'Unkind words' });
  assert.equal(await chip.locator('.tag--band').innerText(), 'Amber');
  await page.goto(`${server.base}/incidents/${last.id}`);
  const note = page.locator('#reward-left-out');
  assert.match(await note.innerText(),
    /Not given to .+: House point can be given 3 times a day to the same student, so the note is kept without it\./);
  await checkWidths(page, 'record with a capped recognition');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the amends a student proposes are written down in their words on the record page', async () => {
  const pupil = pupils[1];
  await api('/api/v1/incidents', { pupils: [{ id: pupil.id, role: 'involved' }], category: 'refusing' });
  const second = await api('/api/v1/incidents', { pupils: [{ id: pupil.id, role: 'involved' }], category: 'refusing' });
  assert.ok(second.actions.some((a) => a.kind === 'amends'));
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'pastoral');
  await page.goto(`${server.base}/incidents/${second.id}`);
  const section = page.locator('#amends');
  await section.getByRole('heading', { name: 'Amends, in the student’s own words' }).waitFor();
  // The form is open while the amends are still to be written down.
  await section.getByRole('button', { name: 'Save the amends' }).click();
  await page.locator('#amends-error').waitFor();
  assert.match(await page.locator('#amends-error').innerText(), /in their own words/);
  await section.getByLabel('In their own words').fill('I will write Miss a card and help tidy up at lunch.');
  await section.getByLabel('Agreed with (optional)').fill('Miss Patel');
  await section.getByRole('button', { name: 'Save the amends' }).click();
  await page.waitForURL(/#amends$/);
  assert.match(await page.locator('#amends blockquote').innerText(), /I will write Miss a card/);
  await checkWidths(page, 'record with amends');
  assert.deepEqual(errors, []);
  const done = await api(`/api/v1/incidents/${second.id}`);
  assert.equal(done.actions.find((a) => a.kind === 'amends').status, 'done');
  await page.close();
});

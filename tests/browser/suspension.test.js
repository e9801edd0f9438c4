// In a real Chromium: the headteacher's suspension decision. The demo school
// brings seed 003's policy into force (its "temporary off-site provision" is
// a formal suspension in law), and a teacher records deliberate damage with
// it through the API. Then in the browser the headteacher:
//   - opens the record from "My actions" and finds the decision form with the
//     DfE reason codes and their descriptions;
//   - chooses four codes and is told beside the codes that three is the most,
//     with the choices kept; unticks two, sets the first day and the number
//     of school days, and saves;
//   - marks parents and carers told, then the local authority; the record's
//     "Headteacher's suspension decision and notices" action is done.
// A teacher then sees the decision read-only. axe-core finds no serious
// violations at 1280 and 360 px, and nothing scrolls sideways at 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn } = require('../support/chromium');

const root = path.resolve(__dirname, '../..');
let server;
let browser;
let incident;

function londonToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

test.before(async () => {
  server = await startServer({ pupils: 60 });
  browser = await launch();
  const senior = new Browser(server.base);
  await senior.signIn('senior@demo.attune.school');
  const text = fs.readFileSync(path.join(root, 'policies/003_learning_partnership_west.toml'), 'utf8');
  const up = await senior.post('/policies', { multipart: { csrf_token: senior.csrf, policy: text, note: 'LPW' } });
  assert.equal(up.status, 303);
  const where = up.headers.get('location');
  await senior.get(where);
  const on = await senior.post(`${where}/activate`, { form: { csrf_token: senior.csrf, active_from: londonToday() } });
  assert.equal(on.status, 303);

  const pupil = Number(server.sql("SELECT id FROM pupils ORDER BY id LIMIT 1"));
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const res = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      pupils: [{ id: pupil, role: 'involved' }],
      category: 'damage_arson',
      consequences: ['temporary_offsite_provision', 'community_service'],
      notes: 'Broke the classroom window with a chair.',
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  incident = body.id;
});

test.after(async () => {
  await browser.close();
  await server.stop();
});

test('the headteacher decides, with two reason codes, and marks both notices sent', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'senior');

  // The decision waits in "My actions", and is made on the record.
  await page.goto(server.base + '/actions');
  const item = page.locator('li.action', { hasText: 'Headteacher\'s suspension decision and notices' });
  assert.equal(await item.count(), 1);
  assert.equal(await item.getByRole('button', { name: /^Mark done/ }).count(), 0, 'not marked done by a note');
  await item.getByRole('link', { name: /^Decide on the record/ }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}#suspension$`));

  const section = page.locator('#suspension');
  assert.match(await section.textContent(), /Choose one to three/);
  await checkWidths(page, 'the suspension form');

  // Four codes is one too many: said beside the codes, choices kept.
  for (const code of ['PA', 'VA', 'DM', 'TH']) await section.locator(`#s-code-${code}`).check();
  const firstDay = await section.getByLabel('First day of the suspension').inputValue();
  assert.match(firstDay, /^\d{4}-\d{2}-\d{2}$/, 'the next school day is suggested');
  await section.getByLabel('First day of the suspension').fill(firstDay);
  await section.getByLabel('Number of school days').fill('2');
  await section.getByRole('button', { name: 'Record the suspension' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}/suspension#suspension$`));
  const refused = page.locator('#suspension');
  assert.match(await refused.locator('#s-codes-error').textContent(), /at most three reason codes/);
  assert.equal(await refused.locator('input[name="reason_codes"]:checked').count(), 4);
  assert.equal(await refused.getByLabel('Number of school days').inputValue(), '2');
  await checkWidths(page, 'the refused suspension form');

  await refused.getByLabel('VA Verbal abuse or threatening behaviour against an adult').uncheck();
  await refused.getByLabel('TH Theft').uncheck();
  await refused.getByRole('button', { name: 'Record the suspension' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}#suspension$`));
  assert.match(await page.getByRole('status').first().textContent(), /The suspension is recorded/);
  const decided = page.locator('#suspension');
  const text = await decided.textContent();
  assert.match(text, /Suspended\./);
  assert.match(text, /PA: Physical assault against an adult/);
  assert.match(text, /DM: Damage/);
  assert.match(text, /for 2 school days/);
  assert.match(text, /Back in school/);
  assert.equal(await decided.getByText('To do', { exact: true }).count(), 2);
  assert.equal(server.sql(`SELECT outcome || '|' || reason_codes || '|' || starts_on || '|' || school_days FROM suspensions WHERE incident_id = ${incident}`),
    `suspended|PA,DM|${firstDay}|2`);
  await checkWidths(page, 'the decided suspension');

  await decided.getByRole('button', { name: 'Parent or carer told' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}#suspension$`));
  assert.match(await page.getByRole('status').first().textContent(), /Parents and carers are marked as told/);
  assert.equal(await page.locator('#suspension').getByText('To do', { exact: true }).count(), 1);
  await page.locator('#suspension').getByRole('button', { name: 'Local authority told' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}#suspension$`));
  assert.match(await page.getByRole('status').first().textContent(), /The decision and both notices are done/);
  assert.equal(await page.locator('#suspension').getByText('To do', { exact: true }).count(), 0);
  assert.equal(await page.locator('#suspension').getByRole('button').count(), 0);

  // The action is done, with the outcome in words.
  const action = page.locator('#actions-heading + ul li', { hasText: 'Headteacher\'s suspension decision and notices' });
  assert.match(await action.textContent(), /Done/);
  assert.match(await action.textContent(), /Suspended for 2 school days/);
  assert.equal(server.sql(`SELECT status FROM actions WHERE incident_id = ${incident} AND kind = 'suspension_decision'`), 'done');
  await checkWidths(page, 'the suspension with both notices sent');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('a teacher sees the decision read-only', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(server.base + `/incidents/${incident}`);
  const section = page.locator('#suspension');
  assert.match(await section.textContent(), /Suspended\./);
  assert.match(await section.textContent(), /Told/);
  assert.equal(await section.locator('form').count(), 0);
  await checkWidths(page, 'the suspension (teacher)');
});

// In a real Chromium: closing the rupture–repair cycle after a serious
// incident. A teacher records "Hurting someone" through the API (seed 004's
// policy: Zone 6, a phone call home by 17:00 and a restorative conversation,
// both for the adult who made the record). Then in the browser:
//   - the teacher sees both actions in "My actions", with the parents'
//     numbers as tel: links for the call (audited), and a missing outcome
//     note is explained beside the form;
//   - the pastoral lead takes the call into the pastoral queue and completes
//     it with an outcome note, and logs a letter home from the record;
//   - the teacher records the restorative conversation with the repair done;
//   - the record says it is closed and repaired within time, and the pupil's
//     page shows it in the chronology.
// axe-core finds no serious violations on each page at 1280 and 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn } = require('../support/chromium');

let server;
let browser;
let incident;
let pupil;
let pupilName;
let earlier;  // a record from the previous weekday, whose call home is overdue

// "YYYY-MM-DD 10:00" (London) on the weekday before today.
function previousWeekdayAt10() {
  const day = new Date();
  do day.setUTCDate(day.getUTCDate() - 1); while ([0, 6].includes(day.getUTCDay()));
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
  return `${ymd} 10:00`;
}

test.before(async () => {
  server = await startServer({ pupils: 60 });
  browser = await launch();
  // A pupil with parents' contacts on file, so the call has numbers to show.
  pupil = Number(server.sql('SELECT pupil_id FROM contacts ORDER BY pupil_id LIMIT 1'));
  pupilName = server.sql(`SELECT COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || last_name FROM pupils WHERE id = ${pupil}`);
  const out = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']);
  const token = out.trim().split('\n').pop();
  const res = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      pupils: [{ id: pupil, role: 'involved' }],
      category: 'hurting_others',
      notes: 'Pushed a classmate over during a game at break.',
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  assert.equal(body.step, 'zone_6');
  const kinds = body.actions.map((a) => a.kind).sort();
  assert.deepEqual(kinds, ['phone_call_home', 'restorative_conversation']);
  incident = body.id;

  const other = Number(server.sql(`SELECT pupil_id FROM contacts WHERE pupil_id <> ${pupil} ORDER BY pupil_id LIMIT 1`));
  const before = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pupils: [{ id: other, role: 'involved' }], category: 'hurting_others', occurred_at: previousWeekdayAt10() }),
  });
  assert.equal(before.status, 201, await before.clone().text());
  earlier = (await before.json()).id;
});

test.after(async () => {
  await browser.close();
  await server.stop();
});

test('the teacher sees the call home with the numbers, and an outcome note is asked for', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  // My day has the "Due today" panel; the earlier record's call home, once
  // its time has passed, is listed there and marked overdue in words.
  const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Due today' }) });
  assert.ok(await panel.isVisible());
  const dueAt = Number(server.sql(`SELECT due_at FROM actions WHERE incident_id = ${earlier} AND kind = 'phone_call_home'`));
  if (dueAt < Date.now() / 1000) {
    const item = panel.locator('li', { hasText: 'Phone call home' }).filter({ hasText: 'Overdue' });
    assert.ok((await item.count()) >= 1, 'the overdue call is in "Due today"');
    assert.equal(await panel.locator('a[href^="/actions"]').count() >= 1, true);
  }
  await checkWidths(page, 'my day');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My actions' }).click();
  await page.waitForURL(/\/actions$/);
  const call = page.locator('li.action', { hasText: 'Phone call home' }).filter({ hasText: pupilName });
  const talk = page.locator('li.action', { hasText: 'Restorative conversation' }).filter({ hasText: pupilName });
  assert.equal(await call.count(), 1);
  assert.equal(await talk.count(), 1);
  // Due in words ("today 17:00", "Monday 17:00"...) and a link to the record.
  assert.match(await call.locator('dd').first().textContent(), /^(today|tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|\w{3} \d+ \w+) ?\d{2}:\d{2}$/);
  assert.equal(await call.locator(`a[href="/incidents/${incident}"]`).count(), 1);
  // The teacher must call home, so sees the numbers (without the contacts
  // permission), and the read is audited.
  const tel = call.locator('a[href^="tel:"]');
  assert.ok((await tel.count()) >= 1);
  await server.settle();
  assert.ok(Number(server.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read_contacts' AND subject_id = ${pupil}`)) >= 1);
  await checkWidths(page, 'my actions (teacher)');

  // Marking it done without a note is explained beside the form.
  await call.getByText('Mark done without logging a call').click();
  await call.getByRole('button', { name: /^Mark done/ }).click();
  await page.waitForURL(/\/actions\/\d+\/complete$/);
  const again = page.locator('li.action', { hasText: 'Phone call home' }).filter({ hasText: pupilName });
  assert.match(await again.locator('.field__error').first().textContent(), /Write what happened/);
  assert.equal(server.sql(`SELECT status FROM actions WHERE incident_id = ${incident} AND kind = 'phone_call_home'`), 'open');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('the pastoral lead takes the call into the pastoral queue, completes it and writes home', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'pastoral');
  await page.goto(server.base + '/actions');
  // The team's queue is where those who run it land.
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), "The team's queue");
  await page.getByLabel('Show').selectOption('mine');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL(/queue=mine/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'My actions');
  await page.getByLabel('Show').selectOption('all');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL(/queue=all/);
  let call = page.locator('li.action', { hasText: 'Phone call home' }).filter({ hasText: pupilName });
  await checkWidths(page, 'the team\'s queue');
  await call.getByRole('link', { name: /^Pass this on/ }).click();
  await page.waitForURL(/\/pass-on/);
  await checkWidths(page, 'pass this on');
  await page.getByLabel('To', { exact: true }).selectOption('role:pastoral');
  await page.getByRole('button', { name: 'Pass on' }).click();
  await page.waitForURL(/\/actions\?queue=all/);
  assert.match(await page.getByRole('status').first().textContent(), /Passed on/);
  assert.equal(server.sql(`SELECT assignee_role || '|' || COALESCE(assignee_staff_id, 0) FROM actions WHERE incident_id = ${incident} AND kind = 'phone_call_home'`), 'pastoral|0');

  // Now it is in the pastoral lead's own actions, with the numbers.
  await page.goto(server.base + '/actions');
  call = page.locator('li.action', { hasText: 'Phone call home' }).filter({ hasText: pupilName });
  assert.ok((await call.locator('a[href^="tel:"]').count()) >= 1);
  await call.getByText('Mark done without logging a call').click();
  await call.getByLabel(/^What happened/).fill('Spoke to mum; she will talk it through at home tonight.');
  await call.getByRole('button', { name: /^Mark done/ }).click();
  await page.waitForURL(/\/actions\?queue=all&status=open$/);
  assert.match(await page.getByRole('status').first().textContent(), /Done/);
  assert.equal(server.sql(`SELECT status || '|' || outcome FROM actions WHERE incident_id = ${incident} AND kind = 'phone_call_home'`),
    'done|Spoke to mum; she will talk it through at home tonight.');

  // A letter home, logged from the record page.
  await page.goto(server.base + `/incidents/${incident}`);
  const contact = page.locator('#contact');
  await contact.locator('summary').click();
  await contact.getByLabel('How').selectOption('letter');
  await contact.getByLabel('What was said').fill('Letter sent home with the agreed plan for break times.');
  await contact.getByRole('button', { name: 'Save the contact' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}$`));
  assert.match(await page.locator('#contact').textContent(), /Letter sent home with the agreed plan/);
  // Still open: the restorative conversation has not happened yet.
  assert.match(await page.locator('.record-status').textContent(), /Open/);
  assert.match(await page.locator('.record-status').textContent(), /Repair (not yet done, due|overdue)/);
  await checkWidths(page, 'the record (pastoral)');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('the teacher records the restorative conversation with the repair; the record closes', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(server.base + `/incidents/${incident}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Hurting someone');
  assert.match(await page.locator('main').textContent(), /under policy version \d+/);
  const form = page.locator('#restorative');
  // The form is open while the conversation is still to happen.
  assert.ok(await form.getByLabel('Pupil', { exact: true }).isVisible());
  await checkWidths(page, 'the record (teacher)');
  await form.getByLabel('1. What happened?').fill('We were playing tag and I got cross when I was caught.');
  await form.getByLabel(/^5\. What needs to happen now/).first().fill('Say sorry to Sam and play fairly tomorrow.');
  await form.getByLabel('Who was harmed').fill('Sam, a classmate');
  await form.getByLabel('What was agreed').fill('An apology at lunch; a calm-down card for break time.');
  await form.getByLabel('The repair is done').check();
  await form.getByRole('button', { name: 'Save the conversation' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident}#restorative$`));
  assert.match(await page.getByRole('status').first().textContent(), /This record is now closed/);
  const status = await page.locator('.record-status').textContent();
  assert.match(status, /Closed\./);
  assert.match(status, /Repaired within time/);
  assert.match(await page.locator('#restorative').textContent(), /We were playing tag/);
  assert.equal(server.sql(`SELECT closed_at IS NOT NULL FROM incidents WHERE id = ${incident}`), '1');
  await checkWidths(page, 'the closed record');

  // The pupil's page shows the record in the chronology, and the conversation.
  await page.getByRole('link', { name: pupilName }).first().click();
  await page.waitForURL(new RegExp(`/pupils/${pupil}$`));
  const chronology = page.locator('#chronology');
  assert.equal(await chronology.locator(`a[href="/incidents/${incident}"]`).count(), 1);
  assert.match(await chronology.textContent(), /Hurting someone/);
  assert.match(await page.locator('main').textContent(), /Repaired within time|repaired within the policy's time/);
  // Filtering by class keeps it under "Dangerous" and not under "Prosocial".
  await chronology.getByLabel('Kind').selectOption('prosocial');
  await chronology.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/class=prosocial/);
  assert.equal(await page.locator(`#chronology a[href="/incidents/${incident}"]`).count(), 0);
  await page.locator('#chronology').getByLabel('Kind').selectOption('dangerous');
  await page.locator('#chronology').getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/class=dangerous/);
  assert.equal(await page.locator(`#chronology a[href="/incidents/${incident}"]`).count(), 1);
  await checkWidths(page, 'the pupil\'s page');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
});

test('the profile is written with the pupil: checklist and their own words', async () => {
  const page = await browser.context.newPage();
  await signIn(browser, page, server.base, DEMO_PASSWORD, 'teacher');
  await page.goto(server.base + `/pupils/${pupil}`);
  const profile = page.locator('section', { has: page.getByRole('heading', { name: 'Personal profile' }) });
  await profile.locator('summary').click();
  await profile.getByLabel('Warn me before a change').check();
  await profile.getByLabel('In my own words').fill('I like to know what is happening next.');
  await profile.getByRole('button', { name: 'Save the profile' }).click();
  await page.waitForURL(new RegExp(`/pupils/${pupil}$`));
  assert.match(await page.getByRole('status').first().textContent(), /profile is saved/);
  const text = await profile.textContent();
  assert.match(text, /Warn me before a change/);
  assert.match(text, /I like to know what is happening next\./);
  await checkWidths(page, 'the pupil\'s page after editing');
});

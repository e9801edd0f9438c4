// In a real Chromium at 360 px (issue 15): a teacher sends a postcard home
// in three taps (the pupil, what they noticed, the postcard: the demo
// policy, seed 004, sends value postcards home); the pastoral lead invites
// the pupil's parent from the pupil's page; the parent opens the emailed
// link (a real SMTP server, started here), chooses a password, reads the
// postcard and says thank you, which the teacher then sees on the record.
// axe-core and the 24 px target check on every family page, at desktop
// and 360 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, DEMO_PASSWORD } = require('../support/server');
const { launch, checkWidths, watchErrors, keep, smallTargets, secondStep, typeSearch } = require('../support/chromium');
const { freePort, startSmtp, stopSmtp, saved, until } = require('../support/smtp');

let server;
let browser;
let smtp;
let folder;

test.before(async () => {
  const port = await freePort();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-smtp-'));
  smtp = await startSmtp(port, folder);
  server = await startServer({
    pupils: 60,
    env: { ATTUNE_SMTP_HOST: '127.0.0.1', ATTUNE_SMTP_PORT: String(port), ATTUNE_SMTP_TLS: 'none',
      ATTUNE_SMTP_FROM: 'office@demo.attune.school' },
  });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await stopSmtp(smtp);
  await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function staffPage(role, width) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 740 });
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('Email address').fill(`${role}@demo.attune.school`);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondStep(page, server.base, `${role}@demo.attune.school`);
  await page.waitForURL(server.base + '/');
  return page;
}

test('a postcard home in three taps; the parent signs in from the invitation, reads it and says thank you', async () => {
  const [id, first, last] = server.sql(
    "SELECT p.id || '|' || p.first_name || '|' || p.last_name FROM pupils p WHERE EXISTS (SELECT 1 FROM contacts c " +
    "WHERE c.pupil_id = p.id AND c.email <> '') ORDER BY p.id LIMIT 1").split('|');
  const [contactId, contactName, contactEmail] = server.sql(
    `SELECT id || '|' || name || '|' || email FROM contacts WHERE pupil_id = ${id} AND email <> '' ORDER BY priority LIMIT 1`).split('|');

  // The teacher, on a phone.
  const teacher = await staffPage('teacher', 360);
  const errors = watchErrors(teacher);
  await teacher.goto(server.base + '/record?kind=positive');
  await typeSearch(teacher, teacher.getByRole('searchbox', { name: 'Find a pupil by name or UPN' }),
    `${first.slice(0, 3)} ${last.slice(0, 4)}`, '/record/search');
  const pick = teacher.locator('#record-results .record-pick', { hasText: `${first} ${last}` }).first();
  await pick.waitFor();
  let taps = 0;
  await pick.click(); taps += 1;
  await teacher.locator(`#chosen input[name="pupil"][value="${id}"]`).waitFor();
  await teacher.getByRole('radio', { name: 'Kindness' }).check(); taps += 1;
  // "Home: as usual" is already chosen, and the postcard is marked as going home.
  assert.ok(await teacher.getByRole('radio', { name: /As usual/ }).isChecked());
  await checkWidths(teacher, 'positive note with Home');
  await keep(teacher, 'record-positive-home');
  await teacher.getByRole('button', { name: /Value postcard/ }).click(); taps += 1;
  await teacher.waitForURL(/\/record\?kind=positive$/);
  assert.equal(taps, 3);
  const note = server.sql(`SELECT i.id FROM incidents i JOIN family_shares f ON f.incident_id = i.id
    WHERE f.pupil_id = ${id} AND f.state = 'shared' AND i.reward = 'value_postcard'`);
  assert.ok(note, 'the postcard is shared with the family');
  assert.deepEqual(errors, []);

  // The pastoral lead invites the parent from the pupil's page.
  const pastoral = await staffPage('pastoral', 1280);
  await pastoral.goto(`${server.base}/pupils/${id}`);
  await pastoral.locator(`form[action="/pupils/${id}/contacts/${contactId}/invite"] button`).click();
  await pastoral.waitForURL(new RegExp(`/pupils/${id}`));
  assert.match(await pastoral.locator('.notice[role="status"]').textContent(), /Invitation sent/);
  await until('the invitation', () => saved(folder).some((m) => m.rcpt_tos.includes(contactEmail.toLowerCase())));
  const mail = saved(folder).find((m) => m.rcpt_tos.includes(contactEmail.toLowerCase()));
  const link = /(http:\/\/127\.0\.0\.1:\d+)?\/family\/welcome\/[A-Za-z0-9_-]+/.exec(mail.content.replace(/=\r?\n/g, ''))[0];

  // The parent, on a phone, from the email.
  await browser.context.clearCookies();
  const parent = await browser.context.newPage();
  const parentErrors = watchErrors(parent);
  await parent.setViewportSize({ width: 360, height: 740 });
  await parent.goto(link.startsWith('http') ? link : server.base + link);
  await parent.getByRole('heading', { name: `Welcome, ${contactName}` }).waitFor();
  await checkWidths(parent, 'family welcome');
  await keep(parent, 'family-welcome');
  await parent.getByLabel('New password').fill('our family password');
  await parent.getByLabel('The same password again').fill('our family password');
  await parent.getByRole('button', { name: 'Save and sign in' }).click();
  await parent.waitForURL(server.base + '/family');
  await checkWidths(parent, 'my children');
  assert.deepEqual(await smallTargets(parent), []);
  await keep(parent, 'family-home');
  await parent.getByRole('link', { name: new RegExp(`${first} ${last}`) }).click();
  await parent.waitForURL(new RegExp(`/family/pupils/${id}$`));
  const card = parent.locator(`#note-${note}`);
  assert.match(await card.textContent(), /Value postcard/);
  assert.match(await card.textContent(), /Kindness/);
  await checkWidths(parent, 'child page');
  assert.deepEqual(await smallTargets(parent), []);
  await keep(parent, 'family-child');
  await card.getByRole('button', { name: 'Send' }).click();
  await parent.waitForURL(new RegExp(`/family/pupils/${id}`));
  assert.match(await parent.locator(`#note-${note}`).textContent(), /You said: Thank you!/);
  await parent.goto(server.base + '/family/policy');
  await checkWidths(parent, 'family policy');
  await keep(parent, 'family-policy');
  assert.match(await parent.locator('main').textContent(), /What we share with you/);
  await parent.goto(server.base + '/family/account');
  await checkWidths(parent, 'family account');
  assert.deepEqual(await smallTargets(parent), []);
  await keep(parent, 'family-account');
  assert.deepEqual(parentErrors, []);

  // The teacher sees the thank-you on the record.
  const again = await staffPage('teacher', 360);
  await again.goto(`${server.base}/incidents/${note}`);
  assert.match(await again.locator('main').textContent(), /Thank you!/);
  await keep(again, 'incident-thanks');
});

test('the senior leader checks a record before the family sees it, on a phone', async () => {
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const pupil = Number(server.sql('SELECT id FROM pupils ORDER BY id LIMIT 1 OFFSET 5'));
  const res = await fetch(server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pupils: [{ id: pupil, role: 'involved' }], category: 'belongings_environment',
      notes: 'Threw the pencil pot across the room', location: 'Classroom' }),
  });
  assert.equal(res.status, 201, await res.text());
  const page = await staffPage('senior', 360);
  await page.locator('summary', { hasText: 'Menu' }).click();
  await page.getByRole('link', { name: 'For families' }).click();
  await page.getByRole('heading', { name: 'For families', level: 1 }).waitFor();
  await checkWidths(page, 'for families');
  assert.deepEqual(await smallTargets(page), []);
  await keep(page, 'family-reviews');
  await page.getByLabel('Words for home (optional)').fill('A hard moment in class; we talked it through and tidied up together.');
  await page.getByRole('button', { name: 'Share with the family' }).click();
  await page.waitForURL(/\/family\/reviews$/);
  assert.match(await page.locator('.notice[role="status"]').textContent(), /Shared with the family/);
  assert.equal(server.sql(`SELECT state FROM family_shares WHERE pupil_id = ${pupil}`), 'shared');
});

test('the senior leader asks for the Parental View of a Wellbeing Action Plan; the parent gives it on a phone', async () => {
  const pupil = Number(server.sql('SELECT id FROM pupils ORDER BY id LIMIT 1 OFFSET 7'));
  const first = server.sql(`SELECT CASE WHEN preferred_name <> '' THEN preferred_name ELSE first_name END FROM pupils WHERE id = ${pupil}`);
  server.cli(['parent', 'add', '--email', 'wap.parent@family.example', '--name', 'Sam Rivers', '--password', 'sam rivers 2026',
    '--pupils', String(pupil)]);
  const token = server.cli(['token', 'create', '--email', 'senior@demo.attune.school']).trim().split('\n').pop();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const made = await fetch(server.base + '/api/v1/plans', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pupil_id: pupil, type: 'wap', starts_on: today,
      fields: { date_of_first_meeting: today, aim: 'Feel settled at lunchtimes', targets: ['Use the calm corner when worried'] } }),
  });
  const plan = (await made.json()).id;
  assert.ok(plan, 'the plan starts');

  const senior = await staffPage('senior', 1280);
  await senior.goto(`${server.base}/plans/${plan}`);
  const panel = senior.locator('#family-views');
  await panel.getByRole('button', { name: 'Ask the family' }).click();
  await senior.waitForURL(new RegExp(`/plans/${plan}#family-views$`));
  assert.match(await senior.locator('#family-views').textContent(), /Waiting for the family's answer/);
  await checkWidths(senior, 'plan with views from home');
  await keep(senior, 'plan-views-asked');

  await browser.context.clearCookies();
  const parent = await browser.context.newPage();
  const errors = watchErrors(parent);
  await parent.setViewportSize({ width: 360, height: 740 });
  await parent.goto(server.base + '/sign-in');
  await parent.getByLabel('Email address').fill('wap.parent@family.example');
  await parent.getByLabel('Password').fill('sam rivers 2026');
  await parent.getByRole('button', { name: 'Sign in' }).click();
  await parent.waitForURL(server.base + '/family');
  await parent.getByRole('link', { name: new RegExp(first) }).click();
  const view = parent.locator('#views');
  await view.getByLabel('Parental View').waitFor();
  assert.match(await parent.locator('main').textContent(), /The targets we agreed:\s*Use the calm corner when worried/);
  await checkWidths(parent, 'your view');
  assert.deepEqual(await smallTargets(parent), []);
  await keep(parent, 'family-your-view');
  await view.getByLabel('Parental View').fill('Lunchtimes are the hard part; he is calmer when he knows who he will sit with.');
  await view.getByRole('button', { name: 'Send my view' }).click();
  await parent.waitForURL(new RegExp(`/family/pupils/${pupil}#view-`));
  assert.match(await parent.locator('.notice[role="status"]').textContent(), /Your view is with the school/);
  await checkWidths(parent, 'your view sent');
  await keep(parent, 'family-your-view-sent');
  assert.deepEqual(errors, []);

  const again = await staffPage('senior', 360);
  await again.goto(`${server.base}/plans/${plan}`);
  assert.match(await again.locator('#family-views').textContent(), /Sam Rivers, from home/);
  assert.match(await again.locator('#family-views').textContent(), /calmer when he knows who he will sit with/);
  await again.locator('#family-views').scrollIntoViewIfNeeded();
  await keep(again, 'plan-views-answered');
});

// In a real Chromium, over three weeks and more of the server's clock
// (libfaketime, decision 0020), seed 004's graduated response:
//   - a senior leader starts Daily Positive Reporting from the pupil's page;
//   - on each of five school days the class teacher writes the day from My
//     day (the target and "pleased to notice"), in one tap after typing,
//     yesterday's target offered again; the plan page shows the week;
//   - the senior leader ends it as not succeeding, and the plan page offers
//     the Wellbeing Action Plan the policy proposes; they start it;
//   - its first review is not due the day before four weeks have passed,
//     and on that day it is in My day's "Due today" and in My actions.
// axe-core finds no serious violations at 1280 and 360 px on My day with
// its daily form, the plan pages and the new plan form; My day's controls
// are at least 24 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, DEMO_PASSWORD, clockAt } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn, keep, smallTargets } = require('../support/chromium');
const { schoolDays, londonToday } = require('../support/school_days');

let server, browser, days;
let pupil, pupilName;

test.before(async () => {
  server = await startServer({ pupils: 60 });
  browser = await launch();
  days = schoolDays(server);
  // A pupil the demo teacher teaches: their class teacher, as the policy says.
  pupil = Number(server.sql(`SELECT gm.pupil_id FROM teaching_group_members gm
    JOIN timetable_slots ts ON ts.group_id = gm.group_id JOIN staff s ON s.id = ts.staff_id
    WHERE s.email = 'teacher@demo.attune.school' ORDER BY gm.pupil_id LIMIT 1`));
  assert.ok(pupil > 0, 'the demo teacher teaches someone');
  pupilName = server.sql(`SELECT COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || last_name FROM pupils WHERE id = ${pupil}`);
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

// The server's clock at `time` (HH:MM, London = UTC in winter; the test
// uses the same offset the server is given) on `day`, then `role` signed in.
async function on(day, time, page, role) {
  await server.kill('SIGTERM');
  await server.restart(clockAt(`${day} ${time}`));
  await signIn(browser, page, server.base, DEMO_PASSWORD, role);
}

test('a week of Daily Positive Reporting from My day, then the Wellbeing Action Plan the policy proposes, reviewed four weeks on', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const week = [days.next(londonToday())];
  while (week.length < 5) week.push(days.next(week[week.length - 1]));

  // Monday morning: a senior leader starts it from the pupil's page.
  await on(week[0], '08:30', page, 'senior');
  await page.goto(`${server.base}/pupils/${pupil}`);
  await page.getByRole('link', { name: 'Start a plan' }).click();
  await page.getByRole('link', { name: /Daily Positive Reporting/ }).click();
  assert.equal(await page.getByLabel('First day').inputValue(), week[0], 'starts today by default');
  await page.getByLabel('SLT').fill('Mrs Okafor');
  await checkWidths(page, 'new Daily Positive Reporting');
  await page.getByRole('button', { name: 'Start the plan' }).click();
  await page.waitForURL(/\/plans\/\d+$/);
  const dpr = Number(page.url().split('/').pop());
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /Daily Positive Reporting/ }).waitFor());

  // Each afternoon, the class teacher writes the day from My day.
  let lastTarget = '';
  for (let i = 0; i < week.length; i++) {
    await on(week[i], '15:20', page, 'teacher');
    const section = page.locator('#reports');
    await assert.doesNotReject(section.getByRole('heading', { name: pupilName }).waitFor());
    assert.match(await section.innerText(), /1 still to write/);
    const target = section.getByLabel('My Target for Today');
    assert.equal(await target.inputValue(), lastTarget, `day ${i + 1}: yesterday's target offered`);
    if (i === 0) {
      assert.deepEqual(await smallTargets(page), [], 'My day with its daily form');
      await checkWidths(page, 'My day with Daily Positive Reporting');
      await keep(page, 'home-daily-report');
    }
    lastTarget = `Line up calmly, day ${i + 1}`;
    await target.fill(lastTarget);
    await section.getByLabel('Today my Teacher was pleased to notice').fill(`You waited for your turn (day ${i + 1}).`);
    // One tap saves it; back on My day, written.
    await section.getByRole('button', { name: `Save for ${pupilName}` }).click();
    await page.waitForURL(server.base + '/#reports');
    assert.match(await page.locator('.flash, [role=status]').first().innerText(), new RegExp(`Saved for ${pupilName}`));
    assert.match(await section.innerText(), /Written for today/);
    assert.match(await section.innerText(), /all written/);
  }
  assert.equal(Number(server.sql(`SELECT COUNT(*) FROM plan_entries WHERE plan_id = ${dpr} AND kind = 'entry'`)), 5);
  assert.equal(server.sql(`SELECT target FROM plans WHERE id = ${dpr}`), 'Line up calmly, day 5',
    'the latest target is shown while recording');

  // Friday after school: the senior leader ends it as not succeeding.
  await on(week[4], '16:00', page, 'senior');
  await page.goto(`${server.base}/plans/${dpr}`);
  const entries = await page.locator('#entries').innerText();
  for (let i = 1; i <= 5; i++) assert.match(entries, new RegExp(`day ${i}\\)`));
  await page.getByText('End the plan and say how it went').click();
  await page.getByLabel('It did not succeed').check();
  await page.getByLabel('Next Steps').fill('A Wellbeing Action Plan meeting with home next week.');
  await page.getByRole('button', { name: 'End the plan' }).click();
  await page.waitForURL(new RegExp(`/plans/${dpr}#end$`));
  assert.match(await page.locator('.lede').innerText(), /it did not succeed/);
  await checkWidths(page, 'an ended Daily Positive Reporting');
  await keep(page, 'plan-dpr-ended');
  // What the policy proposes next, in the policy's words.
  const next = page.locator('.notice', { hasText: 'What the policy proposes next' });
  assert.match(await next.innerText(), /Failure to respond to Daily Positive Reporting/);
  await next.getByRole('link', { name: /Start the Wellbeing Action Plan/ }).click();
  await page.getByLabel('Date of First Meeting').fill(week[4]);
  await page.getByLabel('Aim of WAP').fill('Feel settled and safe at lunchtimes.');
  await page.getByPlaceholder('Target 1').fill('Use the calm corner when worried');
  await page.getByPlaceholder('Who is responsible').first().fill('Mr Hale');
  await checkWidths(page, 'new Wellbeing Action Plan');
  await page.getByRole('button', { name: 'Start the plan' }).click();
  await page.waitForURL(/\/plans\/\d+$/);
  const wap = Number(page.url().split('/').pop());
  assert.notEqual(wap, dpr);
  const reviewDay = days.after(week[4], 20);
  assert.equal(server.sql(`SELECT review_on FROM plans WHERE id = ${wap}`), reviewDay, 'four weeks of school days on');

  // The school day before: not due yet.
  await on(days.previous(reviewDay), '08:30', page, 'senior');
  assert.doesNotMatch(await page.locator('.due-today').innerText(), /Review the Wellbeing Action Plan/);
  // Four weeks on: due today on My day, and in My actions with the way to do it.
  await on(reviewDay, '08:30', page, 'senior');
  const due = page.locator('.due-today');
  assert.match(await due.innerText(), new RegExp(`Review the Wellbeing Action Plan \\(WAP\\) · ${pupilName}`));
  await page.goto(`${server.base}/actions`);
  const item = page.locator('li, article', { hasText: 'Review the Wellbeing Action Plan' }).filter({ hasText: pupilName }).first();
  await assert.doesNotReject(item.waitFor());
  await item.getByRole('link', { name: 'Write the review on the plan' }).click();
  await page.waitForURL(new RegExp(`/plans/${wap}#review$`));
  // The link opens the review's form, ready to write.
  assert.equal(await page.locator('details#review').getAttribute('open'), '');
  assert.match(await page.locator('.plan-status').innerText(), /The review is due today/);
  await checkWidths(page, 'the Wellbeing Action Plan on its review day');
  await keep(page, 'plan-wap-review-day');
  assert.deepEqual(errors, []);
  await page.close();
});

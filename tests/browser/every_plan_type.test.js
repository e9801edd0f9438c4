// In a real Chromium: every plan type of every shipped policy can be
// started from its form and read and printed as the school's form (issue
// 13). For each policy (the demo school's own, then each other uploaded and
// put in force by the office), on a school day (libfaketime, decision 0020):
// with a record of the pupil's to link, a member of staff whose role the type's started_by names opens "Start a
// plan" from the pupil's page, fills only what the form marks as needed,
// and starts it (a type whose family notice is due the day before starts on
// the first day the form offers), then writes the day's entry where the
// type has them; the plan's page and its print view have
// no serious axe-core violation at 1280 and 360 px and no sideways
// scrolling on a phone. Nothing here knows a plan type's fields: they are
// read from the form, as a school's own types would be.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser, DEMO_PASSWORD, clockAt } = require('../support/server');
const { launch, checkWidths, watchErrors, signIn, keep } = require('../support/chromium');
const { schoolDays, londonToday } = require('../support/school_days');
const { apiAs, tokensFor } = require('../support/api');

const root = path.resolve(__dirname, '../..');
const policies = fs.readdirSync(path.join(root, 'policies')).filter((f) => f.endsWith('.toml')).sort();
// Roles tried in turn for a type: the first whose "Start a plan" lists it.
const STARTERS = ['senior', 'pastoral', 'teacher', 'senco', 'dsl', 'support'];

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

// Fills the inputs the form marks "(needed)", whatever their kind.
async function fillNeeded(page, day) {
  await page.evaluate((on) => {
    const needed = [...document.querySelectorAll('.plan-section .field')]
      .filter((f) => /\(needed\)/.test(f.querySelector('label, legend')?.textContent || ''));
    for (const field of needed) {
      // A text (a target or an action's first row too), else a choice.
      const text = field.querySelector('input[type=text], textarea');
      const radio = field.querySelector('input[type=radio]');
      const box = field.querySelector('input[type=checkbox]');
      const select = field.querySelector('select');
      const date = field.querySelector('input[type=date]');
      const time = field.querySelector('input[type=time]');
      if (text) text.value = 'Agreed at the meeting with the family.';
      else if (radio) radio.checked = true;
      else if (box) {
        box.checked = true;
        if (date) date.value = on;
      } else if (select) select.selectedIndex = 1;
      else if (date) date.value = on;
      else if (time) time.value = '10:30';
    }
  }, day);
}

for (const file of policies) {
  test(`${file}: each plan type starts from its form, and reads and prints as the school's form`, async () => {
    const server = await startServer({ pupils: 30 });
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      const days = schoolDays(server);
      const day = days.next(londonToday());
      await server.kill('SIGTERM');
      await server.restart(clockAt(`${day} 10:00`));
      if (!file.startsWith('004')) {
        // The office puts the school's policy in force from today.
        const admin = new Browser(server.base);
        await admin.signIn('admin@demo.attune.school');
        await admin.get('/policies');
        const text = fs.readFileSync(path.join(root, 'policies', file), 'utf8');
        const saved = await admin.post('/policies', { multipart: { csrf_token: admin.csrf, policy: text, note: file } });
        assert.equal(saved.status, 303, saved.text.slice(0, 2000));
        const id = saved.headers.get('location').split('/').pop();
        await admin.get(`/policies/${id}`);
        const on = await admin.post(`/policies/${id}/activate`, { form: { csrf_token: admin.csrf, active_from: day } });
        assert.equal(on.status, 303, on.text.slice(0, 2000));
      }
      const pupil = Number(server.sql('SELECT id FROM pupils WHERE school_id = 1 ORDER BY id LIMIT 1 OFFSET 3'));
      // A record of the pupil's this morning, for forms that link records.
      const api = apiAs(server, tokensFor(server, ['teacher']));
      const policy = await api('teacher', '/api/v1/policy');
      const category = policy.json.categories.find((c) => c.class === 'low_level' && !c.safeguarding);
      const record = await api('teacher', '/api/v1/incidents', {
        pupils: [{ id: pupil, role: 'involved' }], category: category.id, occurred_at: `${day} 09:15`,
      });
      assert.equal(record.status, 201, record.text);
      // The plan types, from the lists each role is offered.
      const starter = new Map();
      for (const role of STARTERS) {
        await signIn(browser, page, server.base, DEMO_PASSWORD, role);
        await page.goto(`${server.base}/plans/new?pupil=${pupil}`);
        for (const href of await page.locator('a.plan-type').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
          const type = new URL(href, server.base).searchParams.get('type');
          if (!starter.has(type)) starter.set(type, role);
        }
      }
      assert.ok(starter.size >= 1, `${file}: some plan type can be started`);
      for (const [type, role] of starter) {
        await signIn(browser, page, server.base, DEMO_PASSWORD, role);
        await page.goto(`${server.base}/pupils/${pupil}`);
        await page.getByRole('link', { name: /Start a plan/ }).click();
        await page.locator(`a.plan-type[href$="type=${type}"]`).click();
        await fillNeeded(page, day);
        await page.getByRole('button', { name: 'Start the plan' }).click();
        await page.waitForLoadState();
        assert.match(page.url(), /\/plans\/\d+$/,
          `${file} ${type} as ${role}: ${await page.locator('.notice--error, [role=alert]').first().innerText().catch(() => '')}`);
        const id = page.url().split('/').pop();
        // A day's entry or check-in, where the type has them and the role
        // writes them, so the page shows its progress at a glance too.
        const entry = page.locator('details#entry');
        if (await entry.count()) {
          await entry.locator('summary').click();
          await fillNeeded(page, day);
          await entry.getByRole('button', { name: 'Save' }).click();
          await page.waitForLoadState();
          const refused = await page.locator('#entry [role=alert]').count();
          if (refused) {
            // Only a plan that starts on a later day (its family notice is
            // due the day before) may refuse today's entry.
            assert.match(await page.locator('#entry [role=alert]').innerText(), /starts on/, `${file} ${type}: entry`);
          } else {
            assert.match(page.url(), new RegExp(`/plans/${id}#entries$`), `${file} ${type}: entry`);
          }
        }
        await checkWidths(page, `${file} ${type}`);
        await keep(page, `plan-${file.slice(0, 3)}-${type}`);
        await page.goto(`${server.base}/plans/${id}/print`);
        await checkWidths(page, `${file} ${type}, print`);
        await page.emulateMedia({ media: 'print' });
        await keep(page, `print-${file.slice(0, 3)}-${type}`);
        await page.emulateMedia({ media: 'screen' });
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.stop();
    }
  });
}

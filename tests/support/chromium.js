// Debian's Chromium driven by playwright-core, with axe-core for accessibility.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const twoStep = require('./two_step');

const AXE = require.resolve('axe-core/axe.min.js');

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
    // A browser in England: British English and London time for scripts.
    // Headless Chromium still draws date fields in US order whatever the
    // locale (a known limit of headless mode), so screenshots show 11/22/2026.
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Runs axe-core on the page; returns the serious and critical violations.
// The CSP allows only same-origin scripts, so axe is evaluated as a string
// through the DevTools protocol, which CSP does not govern.
async function seriousViolations(page) {
  await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// axe at desktop and phone widths, and no sideways scrolling on the phone.
async function checkWidths(page, label) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    assert.deepEqual(await seriousViolations(page), [], `${label} at ${width}px`);
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${label} overflows by ${overflow}px at 360px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Script errors and failed requests the page logs. A form sent back with a
// mistake explained is a 422 on purpose, so that one is not an error.
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

// Signs a demo member of staff in (`role`@demo.attune.school) on `page`,
// after clearing the browser's cookies.
async function signIn(browser, page, base, password, role) {
  await browser.context.clearCookies();
  await page.goto(base + '/sign-in');
  await page.getByLabel('Email address').fill(`${role}@demo.attune.school`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondStep(page, base, `${role}@demo.attune.school`);
  await page.waitForURL(base + '/');
}

// After the password is sent on `page`: the second step of signing in when
// the member owes one (decision 0030), as a person does it with their app
// (support/two_step.js), setting it up first if they have not.
async function secondStep(page, base, email) {
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  const where = new URL(page.url());
  if (where.pathname === '/sign-in/code') {
    const { code } = await twoStep.nextCode(base, email);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in/code');
  } else if (where.pathname === '/account/two-step') {
    const key = twoStep.base32Decode(await page.locator('#two-step-key').innerText());
    const step = Math.floor((await twoStep.serverSeconds(base)) / twoStep.STEP);
    await page.getByLabel('6-digit code').fill(twoStep.totpAt(key, step));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const recovery = await page.locator('.recovery-codes code').allInnerTexts();
    twoStep.remember(base, email, key, step, recovery);
    await page.getByRole('link', { name: 'I have kept them: continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/account/two-step');
  }
}

// With SCREENSHOTS=dir, a full-page picture of `page` at 1280 and 360 px
// (dir/name-1280.png, dir/name-360.png), to look at.
async function keep(page, name) {
  if (!process.env.SCREENSHOTS) return;
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 740 });
    await page.screenshot({ path: path.join(process.env.SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Links, buttons and form controls in <main> smaller than 24 x 24 px at
// 360 px wide (WCAG 2.2, 2.5.8), leaving out links inside running text.
async function smallTargets(page) {
  await page.setViewportSize({ width: 360, height: 740 });
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('main a, main button, main select, main input, main summary, main label.tile')) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.type === 'hidden' || el.classList.contains('tile__box')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const parent = el.parentElement;
      const inText = el.tagName === 'A' && parent.tagName === 'P' &&
        getComputedStyle(parent).display !== 'flex' && parent.textContent.trim() !== el.textContent.trim();
      if (inText) continue;
      if (box.width < 24 || box.height < 24) {
        out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return out;
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  return small;
}

// Asks `read` again every 50 ms until its answer equals `want` or `ms`
// pass, and returns the last answer: for what a page or the store shows a
// moment after a key press, whose navigation may not have begun when the
// press returns.
async function settled(read, want, ms = 5000) {
  const end = Date.now() + ms;
  let got = await read();
  while (got !== want && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    got = await read();
  }
  return got;
}

// Types `text` into a search box that asks `path` as the user types, and
// returns once the answer to the whole text has arrived and been swapped in.
// A click on a result before then can land on a list that is being
// replaced by an answer to fewer letters, and go nowhere.
async function typeSearch(page, box, text, path, delay = 20) {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === path && url.searchParams.get('q') === text;
  });
  await box.pressSequentially(text, { delay });
  await answered;
  await page.waitForFunction(() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping'));
}

module.exports = {
  launch, typeSearch, seriousViolations, checkWidths, watchErrors, signIn, secondStep, keep, smallTargets, settled,
};

// Debian's Chromium driven by playwright-core, with axe-core for accessibility.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const AXE = require.resolve('axe-core/axe.min.js');

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
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

module.exports = { launch, seriousViolations };

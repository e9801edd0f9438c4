#!/usr/bin/env node
// Takes screenshots of the main pages at desktop and 360 px width, for a
// person to look at before a change lands. Usage:
//   node scripts/screenshots.js [out-dir]   (default: build/screenshots)
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { startServer, DEMO_PASSWORD } = require('../tests/support/server');
const { launch } = require('../tests/support/chromium');

const PAGES = [
  ['sign-in', '/sign-in', null],
  ['home-teacher', '/', 'teacher'],
  ['pupils', '/pupils?q=', 'teacher'],
  ['pupil-teacher', '/pupils/PUPIL', 'teacher'],
  ['pupil-senco', '/pupils/PUPIL', 'senco'],
  ['staff-admin', '/staff', 'admin'],
  ['account', '/account', 'senior'],
  ['audit', '/audit', 'dsl'],
  ['our-policy', '/policy', 'teacher'],
  ['policy-versions', '/policies', 'senior'],
  ['policy-version', '/policies/1', 'admin'],
  ['not-found', '/nothing-here', 'teacher'],
  ['record', '/record', 'teacher'],
  ['record-positive', '/record?kind=positive', 'teacher'],
  ['record-difficult', '/record?kind=difficult&pupil=PUPIL', 'teacher'],
  ['actions-teacher', '/actions', 'teacher'],
  ['actions-all-pastoral', '/actions?queue=all', 'pastoral'],
  ['incident-teacher', '/incidents/INCIDENT', 'teacher'],
  ['incident-physical-pastoral', '/incidents/HELD', 'pastoral'],
  ['pupil-followup-pastoral', '/pupils/CHILD', 'pastoral'],
];

// A serious incident and a physical intervention recorded through the API,
// so the follow-up pages have something to show.
async function recordIncidents(server) {
  const child = server.sql('SELECT pupil_id FROM contacts ORDER BY pupil_id LIMIT 1');
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const post = async (body) => {
    const res = await fetch(server.base + '/api/v1/incidents', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()).id;
  };
  const incident = await post({ pupils: [{ id: Number(child), role: 'involved' }], category: 'hurting_others',
    location: 'Playground', antecedent: 'A game of tag at break.', notes: 'Pushed a classmate over after being caught.',
    response: 'Time in with me, then a calm walk to Zone 6.', perceived_function: 'avoid_sensation' });
  const held = await post({ pupils: [{ id: Number(child), role: 'involved' }], category: 'hurting_others',
    location: 'Corridor', notes: 'Ran at another child with a raised fist.',
    physical_intervention: { staff_involved: 'Two members of staff', before: 'Shouting in the corridor.',
      de_escalation: 'Calm voice, space, offer of the Rainbow Room.', hold: 'a one-person escort',
      duration_minutes: 2, reason: 'To stop another child being hurt.', injuries: '',
      support_after: 'Quiet time with the key adult.', parent_notice_would_harm: false } });
  return { child, incident, held };
}

(async () => {
  const out = path.resolve(process.argv[2] || 'build/screenshots');
  fs.mkdirSync(out, { recursive: true });
  const server = await startServer({ pupils: 400 });
  const browser = await launch();
  // A pupil with a written profile, so the page shows what staff would see.
  const pupil = server.sql('SELECT pupil_id FROM pupil_profiles ORDER BY pupil_id LIMIT 1');
  const recorded = await recordIncidents(server);
  try {
    for (const [name, url, role] of PAGES) {
      for (const [label, width, height] of [['desktop', 1280, 900], ['360', 360, 780]]) {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height });
        await browser.context.clearCookies();
        if (role) {
          await page.goto(server.base + '/sign-in');
          await page.getByLabel('Email address').fill(`${role}@demo.attune.school`);
          await page.getByLabel('Password').fill(DEMO_PASSWORD);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForURL(server.base + '/');
        }
        await page.goto(server.base + url.replace('PUPIL', pupil).replace('INCIDENT', recorded.incident)
          .replace('HELD', recorded.held).replace('CHILD', recorded.child));
        const file = path.join(out, `${name}-${label}.png`);
        const tall = await page.evaluate(() => document.documentElement.scrollHeight);
        // Long pages are cut at 1,600 px so the picture stays readable.
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(tall, 1600) } });
        console.log(file);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });

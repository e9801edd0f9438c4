// Round-trip times of the family pages and the staff pages that show what
// families see (issue 15), beside /healthz as the peer, against a running
// `attune serve`. Usage:
//   BASE=http://127.0.0.1:PORT DB=/path/attune.db PUPIL=ID PLAN=ID \
//     node bench/family_pages_timing.js
// PUPIL is a child of parent@demo.attune.school (link one, and share its
// records, as docs/performance.md says); PLAN a plan the senior leader reads.
'use strict';
const { execFileSync } = require('node:child_process');
const { Browser, BIN } = require('../tests/support/server');

const { BASE, DB, PUPIL, PLAN } = process.env;
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();

async function time(label, get, n = 15) {
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const r = await get();
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 200) throw new Error(`${label}: ${r.status}`);
  }
  ts.sort((a, b) => a - b);
  console.log(`| ${label} | ${ts[n >> 1].toFixed(1)} ms | ${ts[n - 1].toFixed(1)} ms |`);
}

(async () => {
  const parent = new Browser(BASE);
  await parent.signIn('parent@demo.attune.school');
  const senior = new Browser(BASE);
  await senior.signIn('senior@demo.attune.school');
  const newest = sql(`SELECT incident_id FROM family_shares WHERE pupil_id = ${PUPIL} ORDER BY occurred_at DESC LIMIT 1`);
  const oldest = sql(`SELECT incident_id FROM family_shares WHERE pupil_id = ${PUPIL} ORDER BY occurred_at LIMIT 1`);
  const token = execFileSync(BIN, ['token', 'create', '--email', 'parent@demo.attune.school', '--db', DB],
    { encoding: 'utf8' }).trim().split('\n').pop();
  console.log('| page | median | max |\n|---|---|---|');
  await time('/healthz (the peer)', () => fetch(`${BASE}/healthz`).then(async (r) => { await r.text(); return r; }));
  await time('/family (parent)', () => parent.get('/family'));
  await time('/family/pupils/{id} (parent)', () => parent.get(`/family/pupils/${PUPIL}`));
  await time('/plans/{id} with views from home (senior)', () => senior.get(`/plans/${PLAN}`));
  await time('/incidents/{id} with "For families" (senior)', () => senior.get(`/incidents/${newest}`));
  await time('API: the oldest shared record (parent token)', () => fetch(`${BASE}/api/v1/incidents/${oldest}`,
    { headers: { authorization: `Bearer ${token}` } }).then(async (r) => { await r.text(); return r; }));
})();

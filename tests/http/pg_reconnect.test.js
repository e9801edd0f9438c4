// PostgreSQL restarted under a running attune (decision 0033, "Connections
// broken by a server restart"): every pooled connection and the group
// commit's own were closed by the server, yet once it is back no user sees a
// 503. Before the fix each pooled connection failed once on its next use.
// Runs in the PostgreSQL pass of the suite (ATTUNE_TEST_PG) on a cluster of
// its own, so that restarting it cannot touch the suite's shared one.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN, PG, Browser, serveDatabase } = require('../support/server');

const skip = !PG && 'runs in the PostgreSQL pass (ATTUNE_TEST_PG)';
const cluster = path.resolve(__dirname, '../../scripts/pg-cluster.sh');
const run = (args) => spawnSync(BIN, args, { encoding: 'utf8' });

// A throw-away cluster with a demo school, served; `check` gets what it needs.
async function withRestartableSchool(check) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-reconnect-'));
  fs.chmodSync(dir, 0o755);
  const pgdir = path.join(dir, 'pg');
  assert.equal(spawnSync(cluster, ['start', pgdir]).status, 0);
  let server;
  try {
    assert.equal(spawnSync('createdb', ['-h', pgdir, '-U', 'attune', 'school']).status, 0);
    const db = `postgresql://attune@/school?host=${pgdir}`;
    const made = run(['demo', 'generate', '--db', db, '--pupils', '20', '--days', '0']);
    assert.equal(made.status, 0, made.stderr);
    const token = run(['token', 'create', '--db', db, '--email', 'teacher@demo.attune.school']).stdout.trim().split('\n').pop();
    server = await serveDatabase(db);
    const api = (p, init = {}) => fetch(server.base + p, {
      ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
    });
    const psql = (query) => spawnSync('psql', ['-h', pgdir, '-U', 'attune', '-d', 'postgres', '-At', '-c', query], { encoding: 'utf8' });
    await check({ server, api, psql, restart: () => {
      assert.equal(spawnSync(cluster, ['stop', pgdir]).status, 0);
      assert.equal(spawnSync(cluster, ['start', pgdir]).status, 0);
    } });
  } finally {
    if (server) await server.stop();
    spawnSync(cluster, ['stop', pgdir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Sixteen requests at once, so that every pooled connection is used.
async function sixteenAtOnce(api) {
  const answers = await Promise.all(Array.from({ length: 16 }, () => api('/api/v1/pupils')));
  return answers.map((res) => res.status);
}

async function recordOne(api, notes) {
  const res = await api('/api/v1/incidents', {
    method: 'POST',
    body: JSON.stringify({ pupils: [{ id: 1, role: 'involved' }], category: 'hurting_others', notes }),
  });
  return { status: res.status, text: await res.text() };
}

test('after PostgreSQL restarts, 16 requests at once, a sign-in and a recording all succeed at the first try', { skip }, async () => {
  await withRestartableSchool(async ({ server, api, restart }) => {
    const teacher = new Browser(server.base);
    assert.equal((await teacher.signIn('teacher@demo.attune.school')).status, 303);
    assert.deepEqual(await sixteenAtOnce(api), Array(16).fill(200));
    assert.equal((await recordOne(api, 'Before the restart.')).status, 201);

    restart();

    assert.deepEqual(await sixteenAtOnce(api), Array(16).fill(200));
    // The signed-in teacher's pages, and a sign-in afresh.
    assert.equal((await teacher.get('/pupils')).status, 200);
    assert.equal((await new Browser(server.base).signIn('teacher@demo.attune.school')).status, 303);
    const recorded = await recordOne(api, 'After the restart.');
    assert.equal(recorded.status, 201, recorded.text);
  });
});

test('after attune\'s connections are ended by the server (pg_terminate_backend), no request fails', { skip }, async () => {
  await withRestartableSchool(async ({ api, psql }) => {
    assert.deepEqual(await sixteenAtOnce(api), Array(16).fill(200));
    assert.equal((await recordOne(api, 'Before.')).status, 201);
    const ended = psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'school'");
    assert.equal(ended.status, 0, ended.stderr);
    assert.ok(Number(ended.stdout) > 0, `ended ${ended.stdout}`);
    // Until they have gone: the ending is asynchronous.
    for (let i = 0; i < 100; i += 1) {
      if (psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'school'").stdout.trim() === '0') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(await sixteenAtOnce(api), Array(16).fill(200));
    const recorded = await recordOne(api, 'After.');
    assert.equal(recorded.status, 201, recorded.text);
  });
});

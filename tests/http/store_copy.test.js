// Moving up from SQLite to PostgreSQL (issue 16, decision 0033): `attune
// migrate-store` copies a school with its history into an empty PostgreSQL
// database and checks it; attune then serves the copy with the same answers
// as the file; and `attune backup` of a PostgreSQL database restores with
// pg_restore. Runs in the PostgreSQL pass of the suite (ATTUNE_TEST_PG).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { BIN, PG } = require('../support/server');

const run = (args) => spawnSync(BIN, args, { encoding: 'utf8' });
const pg = (db, query) => spawnSync('psql', ['-h', PG, '-U', 'attune', '-d', db, '-At', '-c', query],
  { encoding: 'utf8' }).stdout.trim();
const lite = (file, query) => spawnSync('sqlite3', [file, query], { encoding: 'utf8' }).stdout.trim();
const url = (db) => `postgresql://attune@/${db}?host=${PG}`;

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Serves `db` until the returned stop() is called.
async function serve(db) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /at (http:\/\/[^/ ]+)\//.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`attune exited ${code}: ${out}`)));
  });
  return { base, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); }) };
}

async function answers(db, token, paths) {
  const server = await serve(db);
  try {
    const out = {};
    for (const p of paths) {
      const res = await fetch(server.base + p, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, `${p} on ${db}`);
      out[p] = await res.json();
    }
    return out;
  } finally {
    await server.stop();
  }
}

test('a school moves from its SQLite file to PostgreSQL with every record, and is served the same', { skip: !PG && 'runs in the PostgreSQL pass (ATTUNE_TEST_PG)' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-copy-'));
  const file = path.join(dir, 'attune.db');
  const name = `attune_copy_${process.pid}`;
  try {
    assert.equal(run(['demo', 'generate', '--db', file, '--pupils', '80', '--days', '15']).status, 0);
    const token = run(['token', 'create', '--db', file, '--email', 'senior@demo.attune.school']).stdout.trim().split('\n').pop();
    // A note with accents, to be found by its words without them in the copy too.
    lite(file, "UPDATE incidents SET behaviour = 'Zoë left the café, a naïve slip.' WHERE id = " +
      '(SELECT MIN(id) FROM incidents WHERE restricted = 0)');
    spawnSync('dropdb', ['--if-exists', '-h', PG, '-U', 'attune', name]);
    assert.equal(spawnSync('createdb', ['-h', PG, '-U', 'attune', name]).status, 0);

    const copied = run(['migrate-store', '--from', file, '--to', url(name)]);
    assert.equal(copied.status, 0, copied.stderr);
    assert.match(copied.stdout, /Checked: every table's count is the same on both, and \d+ sampled rows are identical/);
    for (const table of ['schools', 'staff', 'pupils', 'incidents', 'incident_pupils', 'actions', 'audit_log',
      'plans', 'api_tokens', 'policy_versions']) {
      assert.equal(pg(name, `SELECT COUNT(*) FROM ${table}`), lite(file, `SELECT COUNT(*) FROM ${table}`), table);
    }
    assert.ok(Number(pg(name, 'SELECT COUNT(*) FROM incidents')) > 100, 'a history was copied');
    // The words are searchable in the copy: its index was made as the rows came.
    assert.equal(pg(name, 'SELECT COUNT(*) FROM record_words'), lite(file, 'SELECT COUNT(*) FROM record_words'));

    // The same questions get the same answers from the file and the copy.
    const pupil = lite(file, 'SELECT pupil_id FROM incident_pupils GROUP BY pupil_id ORDER BY COUNT(*) DESC LIMIT 1');
    const words = ['/api/v1/incidents?q=zoe+cafe', `/api/v1/incidents?q=${encodeURIComponent('NAÏVE')}`];
    const paths = ['/api/v1/pupils?limit=100', `/api/v1/incidents?pupil=${pupil}`, `/api/v1/pupils/${pupil}`, ...words];
    const fromFile = await answers(file, token, paths);
    for (const p of words) assert.equal(fromFile[p].incidents.length, 1, p);
    assert.deepEqual(await answers(url(name), token, paths), fromFile);

    // A new record on PostgreSQL follows the last copied one.
    const server = await serve(url(name));
    try {
      const res = await fetch(server.base + '/api/v1/incidents', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pupils: [{ id: Number(pupil), role: 'involved' }], category: 'hurting_others', notes: 'After the move.' }),
      });
      const body = await res.json();
      assert.equal(res.status, 201, JSON.stringify(body));
      assert.equal(body.id, Number(lite(file, 'SELECT MAX(id) FROM incidents')) + 1);
    } finally {
      await server.stop();
    }

    // Copying again into a database that holds a school is refused, and says why.
    const again = run(['migrate-store', '--from', file, '--to', url(name)]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already holds a school; copy into an empty database/);
    // The file is unchanged: the copy only read it.
    assert.equal(lite(file, "SELECT COUNT(*) FROM incidents WHERE behaviour = 'After the move.'"), '0');
  } finally {
    spawnSync('dropdb', ['--force', '--if-exists', '-h', PG, '-U', 'attune', name]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a PostgreSQL backup restores with pg_restore into a database attune serves', { skip: !PG && 'runs in the PostgreSQL pass (ATTUNE_TEST_PG)' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-pgbackup-'));
  fs.chmodSync(dir, 0o777);  // pg_dump runs as this user; restore reads it
  const from = `attune_bk_${process.pid}`;
  const to = `attune_rs_${process.pid}`;
  try {
    for (const db of [from, to]) {
      spawnSync('dropdb', ['--if-exists', '-h', PG, '-U', 'attune', db]);
      assert.equal(spawnSync('createdb', ['-h', PG, '-U', 'attune', db]).status, 0);
    }
    assert.equal(run(['demo', 'generate', '--db', url(from), '--pupils', '40', '--days', '5']).status, 0);
    pg(from, "UPDATE incidents SET behaviour = 'Zoë left the café.' WHERE id = (SELECT MIN(id) FROM incidents)");
    const file = path.join(dir, 'attune.dump');
    const backup = run(['backup', '--db', url(from), '--to', file]);
    assert.equal(backup.status, 0, backup.stderr);
    assert.ok(fs.statSync(file).size > 0);
    const restored = spawnSync('pg_restore', ['--no-owner', '-h', PG, '-U', 'attune', '-d', to, file], { encoding: 'utf8' });
    assert.equal(restored.status, 0, restored.stderr);
    for (const table of ['pupils', 'incidents', 'actions', 'audit_log', 'schema_migrations']) {
      assert.equal(pg(to, `SELECT COUNT(*) FROM ${table}`), pg(from, `SELECT COUNT(*) FROM ${table}`), table);
    }
    // The words column is made again as the rows are restored, folded alike.
    const words = "SELECT md5(string_agg(words::text, '|' ORDER BY incident_id)) FROM record_words";
    assert.equal(pg(to, words), pg(from, words));
    assert.equal(pg(to, "SELECT COUNT(*) FROM record_words WHERE words @@ to_tsquery('simple', attune_fold('zoe & CAFE'))"), '1');
    const migrate = run(['migrate', '--db', url(to)]);
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /is at schema version \d+/);
    // A second backup to the same file is refused: nothing is overwritten.
    assert.equal(run(['backup', '--db', url(from), '--to', file]).status, 2);
  } finally {
    for (const db of [from, to]) spawnSync('dropdb', ['--force', '--if-exists', '-h', PG, '-U', 'attune', db]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a --db that is neither a file nor a postgresql:// URL is refused before anything is made', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-dbname-'));
  try {
    for (const db of ['host=/tmp/x dbname=attune user=attune', ' postgresql://a@/b', 'POSTGRESQL://a@/b',
      'postgresql:/a', 'sqlite://x.db', '']) {
      const r = spawnSync(BIN, ['migrate', '--db', db], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 2, `${JSON.stringify(db)}: ${r.stderr}`);
      assert.match(r.stderr, /give a SQLite file .* or a PostgreSQL database as postgresql:\/\//);
    }
    assert.deepEqual(fs.readdirSync(dir), [], 'no file or folder was made');
    const missing = run(['migrate-store', '--from', path.join(dir, 'nope.db'), '--to', 'postgresql://attune@/x?host=/nowhere']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /there is no database file .*nope\.db/);
    assert.equal(fs.existsSync(path.join(dir, 'nope.db')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a password in the URL is never printed, and attune serves again once PostgreSQL is back after a restart', { skip: !PG && 'runs in the PostgreSQL pass (ATTUNE_TEST_PG)' }, async () => {
  // A cluster of the test's own, to stop and start.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-restart-'));
  fs.chmodSync(dir, 0o755);
  const cluster = path.resolve(__dirname, '../../scripts/pg-cluster.sh');
  const pgdir = path.join(dir, 'pg');
  assert.equal(spawnSync(cluster, ['start', pgdir]).status, 0);
  let server;
  try {
    assert.equal(spawnSync('createdb', ['-h', pgdir, '-U', 'attune', 'school']).status, 0);
    const db = `postgresql://attune:NotShown1@/school?host=${pgdir}`;
    const made = run(['demo', 'generate', '--db', db, '--pupils', '20', '--days', '0']);
    assert.equal(made.status, 0, made.stderr);
    const migrated = run(['migrate', '--db', db]);
    assert.doesNotMatch(made.stdout + made.stderr + migrated.stdout + migrated.stderr, /NotShown1/);
    assert.match(migrated.stdout, /attune:\*\*\*@\/school/);
    const token = run(['token', 'create', '--db', db, '--email', 'teacher@demo.attune.school']).stdout.trim().split('\n').pop();
    server = await serve(db);
    const ask = async () => (await fetch(`${server.base}/api/v1/pupils`, { headers: { authorization: `Bearer ${token}` } })).status;
    assert.equal(await ask(), 200);
    assert.equal(spawnSync(cluster, ['stop', pgdir]).status, 0);
    // While the database is away: 503, never 500.
    for (let i = 0; i < 3; i += 1) assert.equal(await ask(), 503);
    const health = await fetch(`${server.base}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(spawnSync(cluster, ['start', pgdir]).status, 0);
    // A connection the restart closed is made again before it is used
    // (tests/http/pg_reconnect.test.js): no ask fails.
    const after = [];
    for (let i = 0; i < 12; i += 1) after.push(await ask());
    assert.deepEqual(after, Array(12).fill(200), after.join(' '));
    const res = await fetch(`${server.base}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pupils: [{ id: 1, role: 'involved' }], category: 'hurting_others', notes: 'After the restart.' }),
    });
    assert.equal(res.status, 201, await res.text());
  } finally {
    if (server) await server.stop();
    spawnSync(cluster, ['stop', pgdir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

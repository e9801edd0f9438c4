// Starts the real attune binary on a fresh SQLite file with a small demo
// school, for black-box HTTP and browser tests. No mocks: the same binary,
// the same storage, over loopback. With ATTUNE_TEST_PG set to the socket
// folder of a running PostgreSQL cluster (scripts/pg-cluster.sh), each
// server gets a fresh PostgreSQL database there instead, and the same tests
// run against the second store.
'use strict';
const { spawn, execFile, execFileSync } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const twoStep = require('./two_step');

const BIN = process.env.ATTUNE_BIN || path.resolve(__dirname, '../../build/attune');
const DEMO_PASSWORD = 'attune-demo-2026';
const ROLES = ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin'];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const PG = process.env.ATTUNE_TEST_PG || '';
let databases = 0;

// Runs a program without blocking the event loop: a test's other servers'
// kept-alive connections must still be seen to close meanwhile.
const run = promisify(execFile);

// A new, empty database for one server: a SQLite file in `dir`, or a
// PostgreSQL database made on the test cluster.
async function newDatabase(dir) {
  if (!PG) return path.join(dir, 'attune.db');
  const name = `attune_${process.pid}_${++databases}_${Date.now() % 100000}`;
  await run('createdb', ['-h', PG, '-U', 'attune', name]);
  await run('psql', ['-h', PG, '-U', 'attune', '-d', name, '-q', '-v', 'ON_ERROR_STOP=1',
    '-f', path.join(__dirname, 'sqlite_shims.sql')]);
  return `postgresql://attune@/${name}?host=${PG}`;
}

async function dropDatabase(db) {
  if (!PG) return;
  const name = db.match(/@\/([^?]+)/)[1];
  try {
    await run('dropdb', ['--force', '-h', PG, '-U', 'attune', name]);
  } catch {
    // Left for the cluster's end: the whole folder goes then.
  }
}

// Runs `query` on the database from outside attune: rows as lines, columns
// joined by '|' (sqlite3's and psql's unaligned output alike).
function runSql(db, query) {
  if (!PG) return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
  const name = db.match(/@\/([^?]+)/)[1];
  const out = execFileSync('psql', ['-h', PG, '-U', 'attune', '-d', name, '-At', '-c', query], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: '-c search_path=public,sqlite_shim' },
  }).trim();
  // A condition's value as SQLite gives it (1 or 0), not PostgreSQL's t or f.
  return out.split('\n').map((line) => line.split('|')
    .map((v) => (v === 't' ? '1' : v === 'f' ? '0' : v)).join('|')).join('\n');
}

function attune(args, db) {
  return execFileSync(BIN, [...args, '--db', db], { encoding: 'utf8' });
}

// Spawns `attune serve` on `db` and `port`; resolves with the process once
// it says it is serving.
async function serve(db, port, env = {}) {
  const proc = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--threads', '8'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Idle kept-alive connections are held a minute, not the default five
    // seconds: a test that blocks its event loop on the command line or SQL
    // for longer would otherwise send its next request on a connection the
    // server has just closed (fetch's own idle timer could not run).
    env: { ...process.env, ATTUNE_LOG_LEVEL: process.env.ATTUNE_TEST_LOG_LEVEL || 'warn', ATTUNE_KEEP_ALIVE_TIMEOUT: '60', ...env },
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('attune did not start:\n' + output)), 15000);
    proc.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('serving')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr.on('data', (chunk) => { output += chunk; });
    // ATTUNE_TEST_SERVER_LOG=FILE keeps every server's log, to read a failure.
    if (process.env.ATTUNE_TEST_SERVER_LOG) {
      const keep = (chunk) => fs.appendFileSync(process.env.ATTUNE_TEST_SERVER_LOG, chunk);
      proc.stdout.on('data', keep);
      proc.stderr.on('data', keep);
    }
    proc.on('exit', (code) => reject(new Error(`attune exited with ${code}:\n${output}`)));
  });
  return proc;
}

// Serves `db`, a database made outside startServer (a cluster of the test's
// own), on a free port; resolves with { base, stop() }.
async function serveDatabase(db) {
  const port = await freePort();
  const proc = await serve(db, port);
  const stop = () => new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', resolve);
    proc.kill('SIGTERM');
  });
  return { base: `http://127.0.0.1:${port}`, stop };
}

// Returns { base, port, db, dir, pupils, pid(), exitCode(), stop(), kill(signal), restart(),
// cli(args), sql(query), dump(), settle() }.
// `days`: school days of demo history (Default: 0, so tests start clean).
// `env`: extra environment for the server, e.g. { ATTUNE_TRUST_PROXY: 'true' }.
// `schools`: demo schools (the second's staff are @demo2.attune.school).
// `organisations`: with the demo's trust and local authority (Default:
// false, so tests make their own).
async function startServer({ pupils = 60, days = 0, env = {}, schools = 1, organisations = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-http-'));
  const db = await newDatabase(dir);
  await run(BIN, ['demo', 'generate', '--pupils', String(pupils), '--days', String(days),
    '--schools', String(schools), '--db', db, ...(organisations ? [] : ['--no-organisations'])],
  { maxBuffer: 16 * 1024 * 1024 });
  const port = await freePort();
  let proc = await serve(db, port, env);
  const base = `http://127.0.0.1:${port}`;
  let auditor = null;
  const exited = (p) => (p.exitCode !== null || p.signalCode !== null
    ? Promise.resolve() : new Promise((r) => p.once('exit', r)));
  return {
    base,
    port,
    db,
    dir,
    pupils,
    pid: () => proc.pid,
    // Resolves with the exit code once the server process has ended.
    exitCode: () => exited(proc).then(() => proc.exitCode),
    cli: (args) => attune(args, db),
    sql: (query) => runSql(db, query),
    // Everything the database holds, as bytes: the SQLite file, or the
    // PostgreSQL database's dump.
    dump: () => (PG
      ? execFileSync('pg_dump', ['-h', PG, '-U', 'attune', db.match(/@\/([^?]+)/)[1]])
      : fs.readFileSync(db)),
    // Audit entries of reads wait for the next write, or at most a second
    // (decision 0015); reading the audit log in attune writes them first.
    // So, before the test reads the log from outside the server, the office
    // admin (signed in once) opens the audit page.
    async settle() {
      if (!auditor) {
        auditor = new Browser(base);
        const res = await auditor.signIn('admin@demo.attune.school');
        if (res.status !== 303) throw new Error(`settle: the admin's sign-in answered ${res.status}`);
      }
      const res = await auditor.get('/audit');
      if (res.status !== 200) throw new Error(`settle: /audit answered ${res.status}`);
    },
    // Ends the server at once (Default: SIGKILL, as a power cut would),
    // keeping the database for restart().
    async kill(signal = 'SIGKILL') {
      proc.kill(signal);
      await exited(proc);
    },
    // Starts the server again on the same database and port, with `more`
    // added to its environment (e.g. clockAt(...)).
    async restart(more = {}) {
      await exited(proc);
      proc = await serve(db, port, { ...env, ...more });
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited(proc);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      await dropDatabase(db);
    },
  };
}

// The environment that starts attune's clock at `when` ('YYYY-MM-DD HH:MM',
// UTC) through Debian's libfaketime, for tests of what happens days or weeks
// later (decision 0020). Only the wall clock moves; timers keep real time.
function clockAt(when) {
  const lib = fs.readdirSync('/usr/lib', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join('/usr/lib', d.name, 'faketime', 'libfaketimeMT.so.1'))
    .find((f) => fs.existsSync(f));
  if (!lib) throw new Error('libfaketime is not installed (scripts/install-deps.sh installs it)');
  return { LD_PRELOAD: lib, FAKETIME: `@${when}:00`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' };
}

// A tiny cookie-keeping client for the pages.
class Browser {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = '';
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  remember(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async request(method, urlPath, { form, multipart, headers = {}, body } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    let payload = body;
    if (form) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(form).toString();
    }
    if (multipart) {
      payload = new FormData();
      for (const [k, v] of Object.entries(multipart)) payload.append(k, v);
    }
    const res = await fetch(this.base + urlPath, { method, headers: h, body: payload, redirect: 'manual' });
    this.remember(res);
    const text = await res.text();
    const token = /name="csrf_token" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1];
    return { status: res.status, headers: res.headers, text };
  }
  get(p, opts) { return this.request('GET', p, opts); }
  post(p, opts) { return this.request('POST', p, opts); }
  // Signs in through the pages, with the second step when the member owes
  // one (decision 0030, support/two_step.js): the code their app would show,
  // or setting two-step sign-in up first. Answers the password's response
  // when it owed none or owed the set-up, the code's when it owed a code.
  async signIn(email, password = DEMO_PASSWORD) {
    await this.get('/sign-in');
    let res = await this.post('/sign-in', { form: { csrf_token: this.csrf, email, password, next: '' } });
    if (res.status === 303) res = await this.secondStep(email, res);
    if (res.status === 303) await this.get('/');
    return res;
  }
  async secondStep(email, res) {
    const where = res.headers.get('location') || '';
    const next = new URL(where, this.base).searchParams.get('next') || '';
    if (where.startsWith('/account/two-step')) {
      const page = await this.get(where);
      const key = twoStep.keyFromPage(page.text);
      const now = await twoStep.serverSeconds(this.base);
      const step = Math.floor(now / twoStep.STEP);
      const done = await this.post('/account/two-step', {
        form: { csrf_token: this.csrf, next, code: twoStep.totpAt(key, step) },
      });
      if (done.status !== 200) throw new Error(`setting up two-step sign-in answered ${done.status}`);
      twoStep.remember(this.base, email, key, step, twoStep.recoveryCodesFromPage(done.text));
      return res;
    }
    if (!where.startsWith('/sign-in/code')) return res;
    await this.get(where);
    const { code } = await twoStep.nextCode(this.base, email);
    return this.post('/sign-in/code', { form: { csrf_token: this.csrf, next, code } });
  }
}

module.exports = { startServer, serveDatabase, Browser, ROLES, DEMO_PASSWORD, BIN, clockAt, PG };

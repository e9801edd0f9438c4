// A real SMTP server for the email tests, started by the test itself on
// loopback: Debian's python3-aiosmtpd with smtp_saver.py (which saves each
// message to a folder), plain, with STARTTLS or with TLS from the start.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

// Debian's python3, which python3-aiosmtpd is installed for.
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// An SMTP server on `port` saving into `folder`. `delay`: seconds between
// saving a message and answering 250. `tls`: { mode: 'starttls' | 'tls',
// cert, key } for TLS, none for plain.
async function startSmtp(port, folder, { delay = 0, tls = null } = {}) {
  const secure = !tls ? [] : tls.mode === 'tls' ? ['--smtpscert', tls.cert, '--smtpskey', tls.key]
    : ['--tlscert', tls.cert, '--tlskey', tls.key];
  const proc = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, ...secure,
    '-c', 'smtp_saver.Saver', folder, String(delay)], {
    env: { ...process.env, PYTHONPATH: __dirname }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr.on('data', (c) => { err += c; });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) return proc;
    if (proc.exitCode !== null) break;
    await sleep(100);
  }
  proc.kill('SIGKILL');
  throw new Error(`the SMTP server did not start: ${err}`);
}

async function stopSmtp(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await gone;
}

// What the server saved, as smtp_saver.py wrote it: { mail_from, rcpt_tos, content }.
function saved(folder) {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')));
}

// Polls `check` until it gives something, or fails naming `what` after `ms`.
async function until(what, check, ms = 20000) {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

module.exports = { freePort, startSmtp, stopSmtp, saved, until, sleep };

// Email over TLS (decision 0025): the real binary sends a safeguarding
// concern's alerts to a real SMTP server (Debian's python3-aiosmtpd, with
// tests/support/smtp_saver.py) that this test starts on loopback with a
// certificate it makes for 127.0.0.1 (openssl), and stops at the end:
//   - smtp_tls = "starttls": the conversation is upgraded before anything
//     is sent (the server refuses mail before STARTTLS), and the server's
//     certificate is checked against smtp_ca_file;
//   - smtp_tls = "tls": TLS from the first byte (smtps);
//   - a certificate nobody named is refused: nothing is sent, the message
//     waits with the error, which the admin's page shows.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startServer, Browser } = require('../support/server');
const { freePort, startSmtp, saved, until } = require('../support/smtp');

let dir, cert, key;
const running = [];

test.before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-smtp-tls-'));
  cert = path.join(dir, 'cert.pem');
  key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
});

test.after(async () => {
  for (const r of running) {
    if (r.stop) await r.stop();
    else if (r.exitCode === null) r.kill('SIGTERM');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// attune sending to an SMTP server with `mode`, trusting `ca` (or the
// system's authorities); a concern recorded; its server and the folder.
async function concernOver(mode, ca) {
  const port = await freePort();
  const folder = fs.mkdtempSync(path.join(dir, `${mode}-`));
  running.push(await startSmtp(port, folder, { tls: { mode, cert, key } }));
  const env = {
    ATTUNE_SMTP_HOST: '127.0.0.1', ATTUNE_SMTP_PORT: String(port), ATTUNE_SMTP_TLS: mode,
    ATTUNE_SMTP_TIMEOUT: '4', ATTUNE_SMTP_RETRY: '1,1,1,1,1,1,1,1,1,1', ATTUNE_SMTP_FROM: 'alerts@demo.attune.school',
  };
  if (ca) env.ATTUNE_SMTP_CA_FILE = ca;
  const server = await startServer({ pupils: 20, env });
  running.push(server);
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const pupil = Number(server.sql('SELECT id FROM pupils ORDER BY id LIMIT 1'));
  const res = await fetch(`${server.base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse',
      notes: 'Said something worrying', location: 'Library' }),
  });
  assert.equal(res.status, 201, await res.text());
  return { server, folder };
}

for (const mode of ['starttls', 'tls']) {
  test(`smtp_tls = ${mode}: the alert goes over TLS to a server whose certificate smtp_ca_file vouches for`, async () => {
    const { server, folder } = await concernOver(mode, cert);
    const mail = await until('the alert delivered', () => {
      const got = saved(folder);
      return got.length ? got : null;
    });
    assert.equal(mail.length, 1);
    assert.deepEqual(mail[0].rcpt_tos, ['dsl@demo.attune.school']);
    assert.match(mail[0].content, /A new safeguarding concern has been recorded/);
    await until('marked sent', () => server.sql("SELECT COUNT(*) FROM outbox WHERE status = 'sent'") === '1');
  });
}

test('a certificate no authority vouches for is refused: nothing is sent, the error waits for the admin', async () => {
  const { server, folder } = await concernOver('starttls', null);
  await until('two attempts', () => Number(server.sql('SELECT MAX(attempts) FROM outbox')) >= 2);
  assert.equal(saved(folder).length, 0);
  assert.equal(server.sql("SELECT status FROM outbox"), 'pending');
  const error = server.sql('SELECT last_error FROM outbox');
  assert.match(error, /certificate/i, error);
  const admin = new Browser(server.base);
  assert.equal((await admin.signIn('admin@demo.attune.school')).status, 303);
  const page = await admin.get('/mail');
  assert.match(page.text, /certificate/i);
});

test('smtp_ca_file naming no file stops the server at start, saying which setting', async () => {
  const missing = path.join(dir, 'no-such-ca.pem');
  await assert.rejects(startServer({ pupils: 10, env: { ATTUNE_SMTP_HOST: '127.0.0.1', ATTUNE_SMTP_CA_FILE: missing } }),
    /smtp_ca_file names no file attune can read/);
});

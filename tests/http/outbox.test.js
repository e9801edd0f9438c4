// The email outbox (decision 0025) against a real SMTP server started here
// on loopback (Debian's python3-aiosmtpd with tests/support/smtp_saver.py,
// which saves each message it accepts to a folder):
//   - with the SMTP server not running, a safeguarding concern is recorded
//     (201) and its alerts to the DSLs queue; the admin sees them pending;
//   - once it runs, each is delivered once, to each DSL, saying that there
//     is a concern and linking to its record, never its pupil or words;
//   - attune killed (SIGKILL) while alerts wait loses none and sends none
//     twice; notes home to a family queue while the mail server is down
//     and, after a kill and restart, reach the family exactly once; killed after the server took a message but before attune
//     heard, it sends that one again after its lease, with the same
//     Message-ID (the documented rule), and only that one;
//   - with too few retries a message fails; the admin sees the server's
//     error and "Try again now" sends it (CSRF needed); anyone else gets 403;
//   - with no SMTP host set up, mail waits and the admin is told so.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { freePort, startSmtp, stopSmtp, saved, until, sleep } = require('../support/smtp');

const PASSWORD = 'outbox-test-2026';
const DSLS = ['dsl@demo.attune.school', 'dsl.two@demo.attune.school', 'dsl.three@demo.attune.school'];


// The messages the SMTP server saved, oldest first, each with its
// Message-ID and its text as sent (quoted-printable undone).
function delivered(folder) {
  return saved(folder).map((one) => {
    const content = one.content;
    const id = (/^Message-ID: (.+)$/mi.exec(content) || [])[1];
    const text = content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g,
      (_, h) => String.fromCharCode(parseInt(h, 16)));
    return { to: one.rcpt_tos, id: id && id.trim(), content, text };
  });
}


// A server whose mail goes to 127.0.0.1:smtpPort (or nowhere with no port).
async function serverFor(smtpPort, retry = Array(20).fill(1).join(',')) {
  const env = smtpPort ? {
    ATTUNE_SMTP_HOST: '127.0.0.1', ATTUNE_SMTP_PORT: String(smtpPort), ATTUNE_SMTP_TLS: 'none',
    ATTUNE_SMTP_TIMEOUT: '4', ATTUNE_SMTP_RETRY: retry, ATTUNE_SMTP_FROM: 'alerts@demo.attune.school',
  } : {};
  const server = await startServer({ pupils: 30, env });
  for (const email of DSLS.slice(1)) {
    server.cli(['user', 'add', '--email', email, '--name', `DSL ${email.split('.')[1]}`, '--role', 'dsl',
      '--password', PASSWORD]);
  }
  const token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
  const pupil = Number(server.sql('SELECT id FROM pupils ORDER BY id LIMIT 1'));
  const name = server.sql(`SELECT first_name || '|' || last_name FROM pupils WHERE id = ${pupil}`).split('|');
  return { server, token, pupil, name };
}

const NOTE = 'Told me about something frightening at home';

// A safeguarding concern recorded by the teacher; resolves with its id.
async function concern(s) {
  const res = await fetch(s.server.base + '/api/v1/incidents', {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pupils: [{ id: s.pupil, role: 'involved' }], category: 'peer_on_peer_abuse',
      notes: NOTE, location: 'Library' }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

function outbox(s, where = '1 = 1') {
  const rows = s.server.sql(`SELECT id, recipient, status, attempts, message_id FROM outbox
    WHERE ${where} ORDER BY id`);
  return rows ? rows.split('\n').map((r) => {
    const [id, recipient, status, attempts, messageId] = r.split('|');
    return { id: Number(id), recipient, status, attempts: Number(attempts), messageId };
  }) : [];
}

let main;
let smtpPort;
let folder;
let smtp = null;

test.before(async () => {
  smtpPort = await freePort();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-smtp-'));
  main = await serverFor(smtpPort);
});

test.after(async () => {
  await stopSmtp(smtp);
  if (main) await main.server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('with the mail server down, a concern is saved and its alerts wait; the admin sees them pending', async () => {
  const first = await concern(main);
  const second = await concern(main);
  assert.ok(second > first);
  const rows = outbox(main);
  assert.equal(rows.length, 2 * DSLS.length);
  assert.deepEqual([...new Set(rows.map((r) => r.recipient))].sort(), [...DSLS].sort());
  assert.ok(rows.every((r) => r.status === 'pending'));
  // The sender has tried and kept the error.
  await until('an attempt', () => outbox(main).every((r) => r.attempts >= 1));
  const admin = new Browser(main.server.base);
  assert.equal((await admin.signIn('admin@demo.attune.school')).status, 303);
  const page = await admin.get('/mail');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Email outbox<\/h1>/);
  assert.match(page.text, /Waiting to be sent/);
  assert.match(page.text, /id="mail-pending"/);
  assert.match(page.text, /dsl\.two@demo\.attune\.school/);
  assert.match(page.text, /A new safeguarding concern has been recorded/);
  assert.match(page.text, /Couldn(&#39;|')t connect|Failed to connect/);
  assert.doesNotMatch(page.text, /id="mail-not-configured"/);
  assert.ok(page.text.includes(`Sending through smtp://127.0.0.1:${smtpPort}`));
  assert.equal(delivered(folder).length, 0);
});

test('once the mail server runs, each alert is delivered exactly once, saying that and where, never what', async () => {
  smtp = await startSmtp(smtpPort, folder);
  await until('every alert sent', () => outbox(main).every((r) => r.status === 'sent'));
  await sleep(1500);  // nothing more arrives
  const mails = delivered(folder);
  const rows = outbox(main);
  assert.equal(mails.length, rows.length);
  assert.deepEqual(mails.map((m) => m.id).sort(), rows.map((r) => r.messageId).sort());
  const records = main.server.sql('SELECT id FROM incidents ORDER BY id').split('\n');
  for (const m of mails) {
    assert.equal(m.to.length, 1);
    assert.ok(DSLS.includes(m.to[0]), m.to[0]);
    assert.match(m.content, /^Subject: A new safeguarding concern has been recorded\r?$/m);
    assert.match(m.content, /^From: alerts@demo\.attune\.school\r?$/m);
    assert.ok(records.some((id) => new RegExp(`^${main.server.base}/incidents/${id}\r?$`, 'm').test(m.text)), m.text);
    for (const never of [...main.name, NOTE, 'frightening', 'Library', 'peer', 'Child-on-child']) {
      assert.ok(!m.text.includes(never), `the alert must not say "${never}":\n${m.text}`);
    }
  }
  // Each DSL has one alert for each concern.
  for (const dsl of DSLS) assert.equal(mails.filter((m) => m.to[0] === dsl).length, 2);
});

test('attune killed while alerts wait loses none and sends none twice', async () => {
  await stopSmtp(smtp);
  const before = outbox(main).length;
  await concern(main);
  await concern(main);
  await main.server.kill('SIGKILL');
  smtp = await startSmtp(smtpPort, folder);
  await main.server.restart();
  const fresh = `id > ${before}`;
  assert.equal(outbox(main, fresh).length, 2 * DSLS.length);
  await until('the waiting alerts sent', () => outbox(main, fresh).every((r) => r.status === 'sent'));
  await sleep(1000);
  const ids = delivered(folder).map((m) => m.id);
  for (const r of outbox(main, fresh)) {
    assert.equal(ids.filter((id) => id === r.messageId).length, 1, r.messageId);
  }
  assert.equal(new Set(ids).size, ids.length);
});

test('notes home wait while the mail server is down; after attune is killed and restarted each reaches the family once', async () => {
  await stopSmtp(smtp);
  smtp = null;
  const email = 'notes.home@family.example';
  main.server.cli(['parent', 'add', '--email', email, '--name', 'Alex Home', '--password', PASSWORD,
    '--pupils', String(main.pupil)]);
  const before = outbox(main).length;
  const notes = [];
  for (const words of ['Helped a new pupil find the library', 'Tidied the art room without being asked']) {
    const res = await fetch(main.server.base + '/api/v1/incidents', {
      method: 'POST',
      headers: { authorization: `Bearer ${main.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pupils: [{ id: main.pupil, role: 'involved' }], category: 'kindness',
        reward: 'value_postcard', notes: words }),
    });
    assert.equal(res.status, 201, await res.text());
    notes.push(words);
  }
  const fresh = `id > ${before} AND recipient = '${email}'`;
  assert.equal(outbox(main, fresh).length, 2, 'one email a note, to the family');
  // Past the recorder's two minutes to undo (tested in families.test.js),
  // they are due; with no mail server they stay pending.
  main.server.sql(`UPDATE outbox SET next_attempt_at = created_at - 1 WHERE ${fresh}`);
  await sleep(2500);
  assert.ok(outbox(main, fresh).every((r) => r.status === 'pending'), 'queued, not lost');
  await main.server.kill('SIGKILL');
  smtp = await startSmtp(smtpPort, folder);
  await main.server.restart();
  await until('the notes home sent', () => outbox(main, fresh).every((r) => r.status === 'sent'), 30000);
  await sleep(1000);
  const toFamily = delivered(folder).filter((m) => m.to.includes(email));
  assert.equal(toFamily.length, 2, 'each note once');
  for (const words of notes) assert.equal(toFamily.filter((m) => m.text.includes(words)).length, 1, words);
  assert.deepEqual(toFamily.map((m) => m.id).sort(), outbox(main, fresh).map((r) => r.messageId).sort());
});

test('attune killed after the server took a message but before it heard so sends that one again, with the same Message-ID', async () => {
  await stopSmtp(smtp);
  const before = outbox(main).length;
  const already = delivered(folder).length;
  await concern(main);
  // The server saves the message, then waits 2 s before its 250.
  smtp = await startSmtp(smtpPort, folder, { delay: 2 });
  await until('a message taken', () => delivered(folder).length > already, 15000);
  await main.server.kill('SIGKILL');
  const inFlight = delivered(folder)[already];
  await stopSmtp(smtp);
  smtp = await startSmtp(smtpPort, folder);
  await main.server.restart();
  const fresh = `id > ${before}`;
  // Sent again once its lease (twice smtp_timeout) runs out.
  await until('all sent after the restart',
    () => outbox(main, fresh).every((r) => r.status === 'sent'), 30000);
  await sleep(1000);
  const mails = delivered(folder).slice(already);
  const rows = outbox(main, fresh);
  assert.equal(rows.length, DSLS.length);
  for (const r of rows) {
    const copies = mails.filter((m) => m.id === r.messageId).length;
    assert.equal(copies, r.messageId === inFlight.id ? 2 : 1, r.messageId);
  }
  assert.equal(mails.length, rows.length + 1);
});

test('a message that keeps failing waits for the admin, who can try it again now; no one else may', async () => {
  const port = await freePort();
  const box = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-smtp-'));
  const s = await serverFor(port, '1');  // two attempts, then failed
  let local = null;
  try {
    await concern(s);
    await until('failed', () => outbox(s).every((r) => r.status === 'failed'));
    const admin = new Browser(s.server.base);
    await admin.signIn('admin@demo.attune.school');
    const page = await admin.get('/mail');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="mail-failed"/);
    assert.match(page.text, /Couldn(&#39;|')t connect|Failed to connect/);
    assert.match(page.text, /tried again after 1 second; after that it waits for you here/);
    const [first] = outbox(s);
    assert.equal(first.attempts, 2);

    // The teacher, the DSL and the senior leader may not see or retry it.
    for (const who of ['teacher', 'dsl', 'senior']) {
      const b = new Browser(s.server.base);
      await b.signIn(`${who}@demo.attune.school`);
      assert.equal((await b.get('/mail')).status, 403, who);
      assert.equal((await b.post(`/mail/${first.id}/retry`, { form: { csrf_token: b.csrf } })).status, 403, who);
    }
    const anonymous = await fetch(s.server.base + '/mail', { redirect: 'manual' });
    assert.ok([302, 303].includes(anonymous.status));
    // Without the CSRF token, refused; bad and unknown ids are 404, never 500.
    assert.equal((await admin.post(`/mail/${first.id}/retry`, { form: {} })).status, 403);
    assert.equal((await admin.post('/mail/99999999/retry', { form: { csrf_token: admin.csrf } })).status, 404);
    assert.equal((await admin.post('/mail/99999999999999999999999/retry', { form: { csrf_token: admin.csrf } })).status < 500, true);
    assert.equal((await admin.post('/mail/abc/retry', { form: { csrf_token: admin.csrf } })).status, 404);

    local = await startSmtp(port, box);
    const retried = await admin.post(`/mail/${first.id}/retry`, { form: { csrf_token: admin.csrf } });
    assert.equal(retried.status, 303);
    await until('sent on retry', () => outbox(s, `id = ${first.id}`)[0].status === 'sent');
    assert.equal(delivered(box).filter((m) => m.id === first.messageId).length, 1);
    // The others are still failed; the page lists them still.
    const after = await admin.get('/mail');
    assert.match(after.text, /It will be tried again now\./);
    assert.equal(outbox(s).filter((r) => r.status === 'failed').length, DSLS.length - 1);
    assert.match(s.server.sql("SELECT action FROM audit_log WHERE action = 'mail.retry'"), /mail\.retry/);
  } finally {
    await stopSmtp(local);
    await s.server.stop();
    fs.rmSync(box, { recursive: true, force: true });
  }
});

test('with no mail server set up, a concern is saved, its alerts wait unattempted, and the admin is told', async () => {
  const s = await serverFor(0);
  try {
    await concern(s);
    await sleep(500);
    const rows = outbox(s);
    assert.equal(rows.length, DSLS.length);
    assert.ok(rows.every((r) => r.status === 'pending' && r.attempts === 0));
    const admin = new Browser(s.server.base);
    await admin.signIn('admin@demo.attune.school');
    const page = await admin.get('/mail');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="mail-not-configured"/);
    assert.match(page.text, /No email server is set up yet/);
    assert.match(page.text, /id="mail-pending"/);
    // The admin's menu has the page; a teacher's does not.
    assert.match(page.text, /href="\/mail"/);
    const teacher = new Browser(s.server.base);
    await teacher.signIn('teacher@demo.attune.school');
    assert.doesNotMatch((await teacher.get('/')).text, /href="\/mail"/);
  } finally {
    await s.server.stop();
  }
});

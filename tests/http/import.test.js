// The MIS import (issue 16, decision 0032), through the real binary: a
// generated OneRoster export of a secondary school imported by `attune
// import oneroster` into a new database; a second run changes nothing; a
// changed export updates, marks a pupil and a member of staff left (no one
// deleted) and brings them back; bad rows named file:line while the rest
// imports; a file that is not CSV is one message; the plain pupils CSV;
// the progress bar on a terminal and plain lines otherwise. Then the
// admin's page: an upload checked (nothing changes), applied, the report
// kept, refused uploads ('..' in a path, not a zip), CSRF, and every other
// role refused.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { startServer, Browser, BIN, ROLES } = require('../support/server');
const ex = require('../support/oneroster');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-import-'));
let exportDir;
test.before(() => { exportDir = ex.generateExport({ pupils: 120 }); });
test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(exportDir, { recursive: true, force: true });
});

// Runs `attune ...args` on `db`: { status, stdout, stderr }.
function attune(db, ...args) {
  const run = spawnSync(BIN, [...args, '--db', db], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
function sql(db, query) {
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}
// The summary's counts for `kind`: { created, updated, unchanged, left, back }.
function counts(stdout, kind) {
  const line = stdout.split('\n').find((l) => l.startsWith(kind + ' '));
  assert.ok(line, `no ${kind} line in:\n${stdout}`);
  const [created, updated, unchanged, left, back] =
    line.slice(17).trim().split(/\s+/).map((n) => Number(n.replace(/,/g, '')));
  return { created, updated, unchanged, left, back };
}
function freshDb(name) {
  const db = path.join(work, `${name}.db`);
  assert.equal(attune(db, 'migrate').status, 0);
  return db;
}

test('a generated export imports, and a second run changes nothing', () => {
  const db = freshDb('first');
  const first = attune(db, 'import', 'oneroster', exportDir);
  assert.equal(first.status, 0, first.stderr + first.stdout);
  assert.deepEqual(counts(first.stdout, 'pupils'), { created: 120, updated: 0, unchanged: 0, left: 0, back: 0 });
  assert.equal(counts(first.stdout, 'staff').created, 30);
  assert.equal(counts(first.stdout, 'schools').created, 1);
  assert.equal(counts(first.stdout, 'forms').created, 20);
  assert.ok(counts(first.stdout, 'teaching groups').created > 100);
  assert.match(first.stdout, /120 parents and carers in users\.csv were not imported/);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils'), '120');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils WHERE form_id IS NULL'), '0');
  assert.equal(sql(db, "SELECT name, urn FROM schools"), 'Brookfield Academy (demo)|149999');
  // Staff arrive with no password, as teachers or support staff only.
  assert.equal(sql(db, "SELECT COUNT(*) FROM staff WHERE password_hash <> ''"), '0');
  assert.equal(sql(db, "SELECT group_concat(DISTINCT role) FROM (SELECT role FROM staff ORDER BY role)"), 'support,teacher');
  const members = sql(db, 'SELECT COUNT(*) FROM teaching_group_members');
  assert.ok(Number(members) > 1000, members);

  const snapshot = () => sql(db, 'SELECT COUNT(*), SUM(length(upn)), SUM(year_group), SUM(COALESCE(form_id, 0)) FROM pupils') +
    sql(db, 'SELECT COUNT(*) FROM teaching_group_members') + sql(db, 'SELECT COUNT(*) FROM mis_links');
  const before = snapshot();
  const second = attune(db, 'import', 'oneroster', exportDir);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /Nothing changed: attune already held this export/);
  assert.deepEqual(counts(second.stdout, 'pupils'), { created: 0, updated: 0, unchanged: 120, left: 0, back: 0 });
  assert.match(second.stdout, /Places in teaching groups: 0 added, 0 taken away/);
  assert.equal(snapshot(), before);
  // Both runs are kept in the school's list and audited.
  assert.equal(sql(db, 'SELECT COUNT(*) FROM mis_imports WHERE applied_at IS NOT NULL'), '2');
  assert.equal(sql(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'mis_import.applied'"), '2');
});

test('a changed export updates, marks left without deleting, and brings back', () => {
  const db = freshDb('changed');
  assert.equal(attune(db, 'import', 'oneroster', exportDir).status, 0);
  const changed = ex.copyExport(exportDir);
  // pupil-00001 has left; pupil-00002 changed surname; an assistant has left.
  ex.filterLines(changed, 'users.csv', (f) => f[0] !== 'pupil-00001' && f[0] !== 'staff-00009');
  ex.filterLines(changed, 'enrollments.csv', (f) => f[5] !== 'pupil-00001' && f[5] !== 'staff-00009');
  ex.filterLines(changed, 'demographics.csv', (f) => f[0] !== 'pupil-00001');
  ex.setField(changed, 'users.csv', 'pupil-00002', 'familyName', 'Newname');
  const upn1 = ex.row(exportDir, 'users.csv', 'pupil-00001').identifier;
  const run = attune(db, 'import', 'oneroster', changed);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.deepEqual(counts(run.stdout, 'pupils'), { created: 0, updated: 1, unchanged: 118, left: 1, back: 0 });
  assert.equal(counts(run.stdout, 'staff').left, 1);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils'), '120');  // no one deleted
  assert.match(sql(db, `SELECT left_on FROM pupils WHERE upn = '${upn1}'`), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(sql(db, `SELECT COUNT(*) FROM teaching_group_members m JOIN pupils p ON p.id = m.pupil_id WHERE p.upn = '${upn1}'`), '0');
  assert.equal(sql(db, "SELECT COUNT(*) FROM pupils WHERE last_name = 'Newname'"), '1');
  const assistant = "SELECT s.active FROM staff s JOIN mis_links l ON l.kind = 'staff' AND l.local_id = s.id WHERE l.source_id = 'staff-00009'";
  assert.equal(sql(db, assistant), '0');
  // The same change again: nothing more.
  const again = attune(db, 'import', 'oneroster', changed);
  assert.match(again.stdout, /Nothing changed/);

  const back = attune(db, 'import', 'oneroster', exportDir);
  assert.equal(back.status, 0, back.stderr);
  assert.equal(counts(back.stdout, 'pupils').back, 1);
  assert.equal(counts(back.stdout, 'pupils').updated, 1);
  assert.equal(counts(back.stdout, 'staff').back, 1);
  assert.equal(sql(db, `SELECT COALESCE(left_on, 'on roll') FROM pupils WHERE upn = '${upn1}'`), 'on roll');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM staff WHERE active = 0'), '0');
  fs.rmSync(changed, { recursive: true, force: true });
});

test('every bad row is named as file:line with what is wrong, and the rest imports', () => {
  const db = freshDb('bad');
  const bad = ex.copyExport(exportDir);
  const users = ex.lines(bad, 'users.csv');
  const n = users.length;  // the next line's number is n + 1
  const upn = ex.row(exportDir, 'users.csv', 'pupil-00003').identifier;
  users.push('pupil-90001,active,,true,org-school,student,,,Ella,,,A20200126004,,,,,07,');  // n+1: no surname
  users.push('pupil-90002,active,,true,org-school,student,,,Zac,Reed,,X2020012600Q,,,,,07,');  // n+2: bad UPN
  users.push(`pupil-90003,active,,true,org-school,student,,,Ivy,Lane,,${upn},,,,,07,`);  // n+3: UPN twice
  users.push('pupil-90004,active,,true,org-school,student,,,Too,Few');  // n+4: fields
  users.push('pupil-00005,active,,true,org-school,student,,,Dup,Id,,,,,,,07,');  // n+5: id twice
  // n+6: a name saved in Latin-1, as an old spreadsheet would.
  fs.writeFileSync(path.join(bad, 'users.csv'), Buffer.concat([
    Buffer.from(users.join('\r\n') + '\r\n', 'utf8'),
    Buffer.from('pupil-90006,active,,true,org-school,student,,,Ren\xe9e,Roy,,,,,,,07,\r\n', 'latin1')]));
  ex.setField(bad, 'demographics.csv', 'pupil-00004', 'birthDate', '31/12/2014');
  const demoLine = ex.lines(bad, 'demographics.csv').findIndex((l) => l.startsWith('pupil-00004,')) + 1;
  const name4 = ex.row(exportDir, 'users.csv', 'pupil-00004');
  const enr = ex.lines(bad, 'enrollments.csv');
  enr.push('enr-99999,active,,class-nope,org-school,pupil-00006,student,false,,');
  ex.writeLines(bad, 'enrollments.csv', enr);

  const run = attune(db, 'import', 'oneroster', bad);
  assert.equal(run.status, 3, run.stderr + run.stdout);
  const expected = [
    `users.csv:${n + 1}: familyName is empty`,
    `users.csv:${n + 2}: UPN "X2020012600Q"`,
    `users.csv:${n + 3}: UPN ${upn} is also on line`,
    `users.csv:${n + 4}: has 10 fields where the header has 18`,
    `users.csv:${n + 5}: sourcedId "pupil-00005" is used twice`,
    `users.csv:${n + 6}: column givenName is not UTF-8 text`,
    `demographics.csv:${demoLine}: birthDate "31/12/2014" is not a date`,
    // Without a date of birth, a new pupil cannot be made.
    `${name4.givenName} ${name4.familyName} is new to attune, which needs a date of birth`,
    `enrollments.csv:${enr.length}: classSourcedId "class-nope" is not in classes.csv`,
  ];
  for (const e of expected) assert.ok(run.stdout.includes(e), `missing "${e}" in:\n${run.stdout}`);
  assert.match(run.stdout, /9 bad rows were not imported \(the other rows were\)/);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils'), '119');
  fs.rmSync(bad, { recursive: true, force: true });
});

test('an export that cannot be read is one clear message, and nothing is written', () => {
  const db = freshDb('broken');
  const broken = ex.copyExport(exportDir);
  fs.writeFileSync(path.join(broken, 'users.csv'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]));
  const run = attune(db, 'import', 'oneroster', broken);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^attune: users\.csv is a zip archive, not a CSV file: unzip the export first$/m);
  fs.writeFileSync(path.join(broken, 'users.csv'), '');
  assert.match(attune(db, 'import', 'oneroster', broken).stderr, /users\.csv is empty: it should start with a header line/);
  fs.rmSync(path.join(broken, 'manifest.csv'));
  assert.match(attune(db, 'import', 'oneroster', broken).stderr, /The export has no manifest\.csv/);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils'), '0');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM schools'), '0');
  fs.rmSync(broken, { recursive: true, force: true });
});

test('progress: plain lines when not on a terminal, a bar on one', () => {
  const db = freshDb('progress');
  const plain = attune(db, 'import', 'oneroster', exportDir, '--dry-run');
  assert.equal(plain.status, 0);
  assert.match(plain.stderr, /^Reading users\.csv$/m);
  assert.doesNotMatch(plain.stderr, /\r|\[#/);
  assert.match(plain.stdout, /Nothing has been written: this was a check/);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils'), '0');
  // `script` (util-linux) gives the command a terminal.
  const cmd = [BIN, 'import', 'oneroster', exportDir, '--db', db].map((a) => `'${a}'`).join(' ');
  const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
  assert.equal(tty.status, 0, tty.stdout);
  assert.match(tty.stdout, /Writing \[#+-*\] \d+%/);
  assert.match(tty.stdout, /pupils\s+120/);
});

test('a plain pupils CSV with the documented header adds and updates', () => {
  const db = freshDb('plain');
  assert.equal(attune(db, 'import', 'oneroster', exportDir).status, 0);
  const file = path.join(work, 'pupils.csv');
  const upn = ex.row(exportDir, 'users.csv', 'pupil-00010').identifier;
  fs.writeFileSync(file, 'upn,first_name,last_name,date_of_birth,year_group,sex,sen,fsm\n' +
    `${upn},Changed,Name,2014-05-05,Year 7,F,K,yes\n` +
    'M820200126099,New,Pupil,2014-06-06,7,M,,\n' +
    ',No,Upn,2014-06-06,7,M,,\n');
  const run = attune(db, 'import', 'csv', file, '--kind', 'pupils');
  assert.equal(run.status, 3, run.stderr + run.stdout);
  assert.match(run.stdout, /pupils\.csv:3: UPN "M820200126099" does not pass the DfE check letter test/);
  assert.match(run.stdout, /pupils\.csv:4: upn is empty/);
  assert.deepEqual(counts(run.stdout, 'pupils'), { created: 0, updated: 1, unchanged: 0, left: 0, back: 0 });
  assert.equal(sql(db, `SELECT first_name, sen_status, fsm FROM pupils WHERE upn = '${upn}'`), 'Changed|K|1');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils WHERE left_on IS NOT NULL'), '0');
  const refused = attune(db, 'import', 'csv', file, '--kind', 'parents');
  assert.notEqual(refused.status, 0);
});

// The admin's page, on a running server with the demo school.
let server;
let zipBytes;
test.describe('the import page', () => {
  test.before(async () => {
    server = await startServer({ pupils: 40 });
    // The export of this school: its URN (decision 0032 refuses another's).
    const ours = ex.copyExport(exportDir);
    ex.setField(ours, 'orgs.csv', 'org-school', 'identifier', server.sql('SELECT urn FROM schools WHERE id = 1'));
    zipBytes = ex.zipExport(ours);
    fs.rmSync(ours, { recursive: true, force: true });
  });
  test.after(() => server.stop());

  // A POST declaring `length` bytes of body, signed in as `b`, sending
  // none: the answer to the declaration alone.
  function declaredPost(b, route, length) {
    return new Promise((resolve, reject) => {
      const req = http.request(server.base + route, {
        method: 'POST',
        headers: { cookie: b.cookieHeader(), 'content-type': 'multipart/form-data; boundary=x', 'content-length': length },
      }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => { req.destroy(); resolve({ status: res.statusCode, body }); });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
  }

  async function upload(b, bytes, name = 'export.zip') {
    await b.get('/import');
    return b.post('/import', { multipart: { csrf_token: b.csrf, export: new File([bytes], name, { type: 'application/zip' }) } });
  }

  test('only the administrator reaches it', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const b = new Browser(server.base);
      await b.signIn(`${role}@demo.attune.school`);
      assert.equal((await b.get('/import')).status, 403, role);
      const res = await b.post('/import', { multipart: { csrf_token: b.csrf, export: new File([zipBytes], 'export.zip') } });
      assert.equal(res.status, 403, role);
      assert.equal((await b.post('/import/1/apply', { form: { csrf_token: b.csrf } })).status, 403, role);
    }
    const anonymous = await new Browser(server.base).get('/import');
    assert.equal(anonymous.status, 303);
  });

  test('an upload is checked first (nothing changes), then applied, and its report kept', async () => {
    const admin = new Browser(server.base);
    await admin.signIn('admin@demo.attune.school');
    const page = await admin.get('/import');
    assert.equal(page.status, 200);
    assert.match(page.text, /Check the export/);
    const pupilsBefore = server.sql('SELECT COUNT(*) FROM pupils');
    // Without the form's token: refused, nothing kept.
    const forged = await admin.post('/import', { multipart: { csrf_token: 'nope', export: new File([zipBytes], 'export.zip') } });
    assert.equal(forged.status, 403);
    const checked = await upload(admin, zipBytes, 'brookfield-oneroster.zip');
    assert.equal(checked.status, 303, checked.text);
    const where = checked.headers.get('location');
    assert.match(where, /^\/import\/\d+$/);
    const report = await admin.get(where);
    assert.equal(report.status, 200);
    assert.match(report.text, /Nothing has changed yet/);
    assert.match(report.text, /<td class="table__lead">Pupils<\/td><td data-label="New">120<\/td>/);
    assert.match(report.text, /Apply these changes/);
    assert.equal(server.sql('SELECT COUNT(*) FROM pupils'), pupilsBefore);

    const applied = await admin.post(`${where}/apply`, { form: { csrf_token: admin.csrf } });
    assert.equal(applied.status, 303, applied.text);
    const after = await admin.get(where);
    assert.match(after.text, /Applied: [^<]*pupils: 120 created/);
    assert.match(after.text, /Applied on .* by /);
    assert.doesNotMatch(after.text, /Apply these changes/);
    assert.equal(Number(server.sql('SELECT COUNT(*) FROM pupils')), Number(pupilsBefore) + 120);
    // The upload is not kept once applied; applying twice is refused.
    assert.equal(server.sql(`SELECT length(export_zip) FROM mis_imports WHERE id = ${where.split('/').pop()}`), '0');
    const twice = await admin.post(`${where}/apply`, { form: { csrf_token: admin.csrf } });
    assert.equal(twice.status, 409);
    assert.match(twice.text, /applied already/);
    const list = await admin.get('/import');
    assert.match(list.text, /brookfield-oneroster\.zip/);
    assert.match(list.text, /Applied/);

    // The same export again: nothing would change, and no button.
    const again = await upload(admin, zipBytes);
    const report2 = await admin.get(again.headers.get('location'));
    assert.match(report2.text, /Nothing would change/);
    assert.doesNotMatch(report2.text, /Apply these changes/);

    await server.settle();
    const actions = server.sql("SELECT action FROM audit_log WHERE action LIKE 'mis_import.%' ORDER BY id").split('\n');
    assert.deepEqual(actions, ['mis_import.checked', 'mis_import.applied', 'mis_import.checked']);
    const audit = await admin.get('/audit');
    assert.match(audit.text, /Imported pupils, staff and classes from the MIS/);
    assert.match(audit.text, /Checked an export from the MIS \(nothing changed\)/);
  });

  test('bad rows in an upload are listed by file and line', async () => {
    const admin = new Browser(server.base);
    await admin.signIn('admin@demo.attune.school');
    const bad = ex.copyExport(exportDir);
    const users = ex.lines(bad, 'users.csv');
    users.push('pupil-90001,active,,true,org-school,student,,,Ella,,,,,,,,07,');
    ex.writeLines(bad, 'users.csv', users);
    const res = await upload(admin, ex.zipExport(bad));
    const report = await admin.get(res.headers.get('location'));
    assert.match(report.text, new RegExp(`<code>users\\.csv:${users.length}</code>: familyName is empty`));
    assert.match(report.text, /1 row was not imported/);
    fs.rmSync(bad, { recursive: true, force: true });
  });

  test('a teacher the MIS names, with no timetable, finds their classes on My day', async () => {
    server.cli(['user', 'add', '--email', 'r.new@demo.attune.school', '--name', 'Rhiannon New',
      '--role', 'teacher', '--password', 'a long password 1']);
    const dir = ex.copyExport(exportDir);
    ex.addTeacher(dir, { id: 'staff-00099', email: 'r.new@demo.attune.school', given: 'Rhiannon', family: 'New', classIds: ['class-00001'] });
    const group = ex.row(dir, 'classes.csv', 'class-00001').classCode;
    const out = server.cli(['import', 'oneroster', dir]);
    assert.match(out, /Already in attune and now linked to the MIS: 1 member of staff/);
    const teacher = new Browser(server.base);
    assert.equal((await teacher.signIn('r.new@demo.attune.school', 'a long password 1')).status, 303);
    const home = await teacher.get('/');
    assert.match(home.text, /These are the classes the school(&apos;|&#39;|')s MIS says you teach/);
    const link = new RegExp(`<a class="lesson__link" href="(/classes/\\d+)"><span class="lesson__time">Year 7</span><span class="lesson__what"><strong>${group.replace('/', '\\/')}</strong> · <span class="muted">Mathematics</span>`);
    const found = link.exec(home.text);
    assert.ok(found, home.text);
    assert.equal((await teacher.get(found[1])).status, 200);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('uploads that are not an export are refused with a message, and audited', async () => {
    const admin = new Browser(server.base);
    await admin.signIn('admin@demo.attune.school');
    const climbing = ex.zip({ 'manifest.csv': Buffer.from('propertyName,value\n'), '../evil.csv': Buffer.from('a,b\n') });
    let res = await upload(admin, climbing);
    assert.equal(res.status, 422);
    assert.match(res.text, /a path that leads outside the archive; nothing was read/);
    res = await upload(admin, Buffer.from('sourcedId,name\n1,x\n'), 'users.csv');
    assert.equal(res.status, 422);
    assert.match(res.text, /The file is not a zip archive/);
    res = await upload(admin, ex.zip({ 'users.csv': Buffer.from('sourcedId\n1\n') }));
    assert.equal(res.status, 422);
    assert.match(res.text, /The export has no manifest\.csv/);
    res = await admin.post('/import', { multipart: { csrf_token: admin.csrf } });
    assert.equal(res.status, 422);
    assert.match(res.text, /Choose the export(&apos;|&#39;|')s \.zip file/);
    // Larger than the page takes: refused before it is read.
    const large = await declaredPost(admin, '/import', 30 << 20);
    assert.equal(large.status, 413);
    assert.match(large.body, /more than attune accepts in one request \(21 MB\)/);
    // The route's larger limit is the upload's alone.
    assert.equal((await declaredPost(admin, '/staff', 2 << 20)).status, 413);
    // ... and only for those who may upload: a made-up session cookie, or
    // a teacher's real one, is held to the server's 1 MB before a byte of
    // the body is read, so it cannot make the server keep 21 MB.
    const madeUp = { cookieHeader: () => 'attune_session=made-up-by-a-stranger' };
    const teacher = new Browser(server.base);
    await teacher.signIn('teacher@demo.attune.school');
    for (const [who, b] of [['made-up cookie', madeUp], ['teacher', teacher]]) {
      const refused = await declaredPost(b, '/import', 5 << 20);
      assert.equal(refused.status, 413, who);
      assert.match(refused.body, /more than attune accepts in one request \(1 MB\)/, who);
    }
    await server.settle();
    assert.equal(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'mis_import.refused'"), '4');
  });

  test('an upload that would mark most of the school as left is refused, with no Apply', async () => {
    const admin = new Browser(server.base);
    await admin.signIn('admin@demo.attune.school');
    const cut = ex.copyExport(exportDir);
    ex.filterLines(cut, 'users.csv', () => false);  // the header alone
    const onRoll = server.sql('SELECT COUNT(*) FROM pupils WHERE left_on IS NULL');
    const res = await upload(admin, ex.zipExport(cut));
    assert.equal(res.status, 422);
    assert.match(res.text, /This export would mark 120 of \d+ pupils( and \d+ of \d+ active staff)? of .* as left, more than half, so nothing was imported/);
    assert.match(res.text, /--allow-many-leavers/);
    assert.doesNotMatch(res.text, /Apply these changes/);
    assert.equal(server.sql('SELECT COUNT(*) FROM pupils WHERE left_on IS NULL'), onRoll);
    fs.rmSync(cut, { recursive: true, force: true });
  });

  test('an upload whose files end in upper-case .CSV is read', async () => {
    const admin = new Browser(server.base);
    await admin.signIn('admin@demo.attune.school');
    const entries = {};
    for (const f of fs.readdirSync(exportDir)) entries[f.replace(/\.csv$/, '.CSV')] = path.join(exportDir, f);
    const res = await upload(admin, ex.zip(entries));
    assert.equal(res.status, 303, res.text);
    const report = await admin.get(res.headers.get('location'));
    assert.doesNotMatch(report.text, /holds no CSV file/);
    assert.match(report.text, /parents and carers in users\.csv were not imported: attune does not take contacts from the MIS/);
  });
});

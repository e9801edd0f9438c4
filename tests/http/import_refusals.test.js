// The MIS import against hostile exports (decision 0032): another school's
// export is never merged into this one; year groups that are not year
// groups, a pupil whose own row is unreadable, an export that would mark
// most of a school as left, and names, dates and archives no MIS should
// write are refused or left out, each with a clear message.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ex = require('../support/oneroster');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-import-refusals-'));
let exportDir;
test.before(() => { exportDir = ex.generateExport({ pupils: 60 }); });
test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(exportDir, { recursive: true, force: true });
});

const attune = ex.attuneOn;
const sql = ex.sqlOn;
function freshDb(name) {
  const db = path.join(work, `${name}.db`);
  assert.equal(attune(db, 'migrate').status, 0);
  return db;
}
// A database holding the export imported once.
function importedDb(name) {
  const db = freshDb(name);
  const run = attune(db, 'import', 'oneroster', exportDir);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  return db;
}

test("another school's export is refused, naming both URNs, and nothing is written", () => {
  const db = path.join(work, 'two.db');
  const gen = attune(db, 'demo', 'generate', '--schools', '2', '--pupils', '20', '--days', '1', '--no-organisations');
  assert.equal(gen.status, 0, gen.stderr);
  const before = sql(db, 'SELECT name, urn FROM schools ORDER BY id') + sql(db, 'SELECT COUNT(*) FROM pupils');
  const urn = sql(db, 'SELECT urn FROM schools WHERE id = 1');
  const run1 = attune(db, 'import', 'oneroster', exportDir, '--school', '1');
  assert.notEqual(run1.status, 0, run1.stdout);
  assert.match(run1.stderr, new RegExp(`URN 149999, but attune's school .* has URN ${urn}: they are different schools, so nothing was imported`));
  // A database of one school and an export of one: the same.
  const one = path.join(work, 'one.db');
  assert.equal(attune(one, 'demo', 'generate', '--pupils', '20', '--days', '1', '--no-organisations').status, 0);
  const alone = attune(one, 'import', 'oneroster', exportDir);
  assert.notEqual(alone.status, 0);
  assert.match(alone.stderr, /different schools, so nothing was imported/);
  assert.equal(sql(db, 'SELECT name, urn FROM schools ORDER BY id') + sql(db, 'SELECT COUNT(*) FROM pupils'), before);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM mis_links'), '0');
  // The same export with this school's URN is this school's.
  const ours = ex.copyExport(exportDir);
  ex.setField(ours, 'orgs.csv', 'org-school', 'identifier', urn);
  const run = attune(db, 'import', 'oneroster', ours, '--school', '1', '--dry-run');
  assert.equal(run.status, 0, run.stderr + run.stdout);
  fs.rmSync(ours, { recursive: true, force: true });
});

test('a negative or signed year group is a bad row, and the pupil keeps their year', () => {
  const db = importedDb('years');
  const upn = ex.row(exportDir, 'users.csv', 'pupil-00001').identifier;
  const year = sql(db, `SELECT year_group FROM pupils WHERE upn = '${upn}'`);
  const file = path.join(work, 'years.csv');
  const lines = ['upn,first_name,last_name,date_of_birth,year_group,sex'];
  const upns = ['pupil-00001', 'pupil-00002', 'pupil-00003'].map((id) => ex.row(exportDir, 'users.csv', id).identifier);
  const years = () => upns.map((u) => sql(db, `SELECT year_group FROM pupils WHERE upn = '${u}'`)).join();
  const yearsBefore = years();
  ['-1', '-7', 'Y-9'].forEach((value, i) => lines.push(`${upns[i]},A,B,2014-05-05,${value},F`));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const plain = attune(db, 'import', 'csv', file, '--kind', 'pupils');
  assert.equal(plain.status, 3, plain.stderr + plain.stdout);
  assert.match(plain.stdout, /years\.csv:2: year_group "-1" is not a year group/);
  assert.match(plain.stdout, /years\.csv:3: year_group "-7" is not a year group/);
  assert.match(plain.stdout, /years\.csv:4: year_group "Y-9" is not a year group/);
  assert.equal(years(), yearsBefore);

  const changed = ex.copyExport(exportDir);
  ex.setField(changed, 'users.csv', 'pupil-00001', 'grades', '-1');
  const line = ex.lines(changed, 'users.csv').findIndex((l) => l.startsWith('pupil-00001,')) + 1;
  const run = attune(db, 'import', 'oneroster', changed);
  assert.equal(run.status, 3, run.stderr + run.stdout);
  assert.match(run.stdout, new RegExp(`users\\.csv:${line}: grades "-1" is not a year group`));
  assert.equal(sql(db, `SELECT year_group || COALESCE(left_on, '') FROM pupils WHERE upn = '${upn}'`), year);
  fs.rmSync(changed, { recursive: true, force: true });
});

test('a pupil whose own row cannot be read keeps their places, and their enrollments are not blamed', () => {
  const db = importedDb('unreadable');
  const upn = ex.row(exportDir, 'users.csv', 'pupil-00005').identifier;
  const places = `SELECT COUNT(*) FROM teaching_group_members m JOIN pupils p ON p.id = m.pupil_id WHERE p.upn = '${upn}'`;
  const before = sql(db, places);
  assert.ok(Number(before) > 0, before);
  const changed = ex.copyExport(exportDir);
  // pupil-00005's given name saved in Latin-1, as an old spreadsheet would.
  const users = ex.lines(changed, 'users.csv');
  const at = users.findIndex((l) => l.startsWith('pupil-00005,'));
  const fields = users[at].split(',');
  fields[users[0].split(',').indexOf('givenName')] = 'Ren\xe9e';
  const bytes = users.map((l, i) => Buffer.from(i === at ? fields.join(',') : l, i === at ? 'latin1' : 'utf8'));
  fs.writeFileSync(path.join(changed, 'users.csv'), Buffer.concat(bytes.flatMap((b) => [b, Buffer.from('\r\n')])));
  const run = attune(db, 'import', 'oneroster', changed);
  assert.equal(run.status, 3, run.stderr + run.stdout);
  assert.match(run.stdout, new RegExp(`users\\.csv:${at + 1}: column givenName is not UTF-8 text`));
  assert.doesNotMatch(run.stdout, /pupil-00005/);
  assert.match(run.stdout, /Places in teaching groups: 0 added, 0 taken away/);
  assert.match(run.stdout, /1 bad row was not imported/);
  assert.equal(sql(db, places), before);
  assert.equal(sql(db, `SELECT COALESCE(left_on, 'on roll') FROM pupils WHERE upn = '${upn}'`), 'on roll');
  fs.rmSync(changed, { recursive: true, force: true });
});

test('an export that would mark most of the school as left is refused unless allowed', () => {
  const db = importedDb('leavers');
  const onRoll = "SELECT COUNT(*) FROM pupils WHERE left_on IS NULL";
  const cut = ex.copyExport(exportDir);
  ex.filterLines(cut, 'users.csv', () => false);  // the header alone
  const run = attune(db, 'import', 'oneroster', cut);
  assert.notEqual(run.status, 0, run.stdout);
  assert.notEqual(run.status, 3);
  assert.match(run.stderr, /This export would mark 60 of 60 pupils and 30 of 30 active staff of Brookfield Academy \(demo\) as left, more than half, so nothing was imported/);
  assert.match(run.stderr, /run the import again with --allow-many-leavers/);
  assert.equal(sql(db, onRoll), '60');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM staff WHERE active = 0'), '0');
  // A few leaving is an ordinary import.
  const few = ex.copyExport(exportDir);
  ex.filterLines(few, 'users.csv', (f) => !['pupil-00001', 'pupil-00002'].includes(f[0]));
  ex.filterLines(few, 'enrollments.csv', (f) => !['pupil-00001', 'pupil-00002'].includes(f[5]));
  ex.filterLines(few, 'demographics.csv', (f) => !['pupil-00001', 'pupil-00002'].includes(f[0]));
  const fewRun = attune(db, 'import', 'oneroster', few, '--dry-run');
  assert.equal(fewRun.status, 0, fewRun.stderr + fewRun.stdout);
  assert.match(fewRun.stdout, /pupils\s+0\s+0\s+58\s+2\s+0/);
  // Allowed: marked left, no one deleted.
  const allowed = attune(db, 'import', 'oneroster', cut, '--allow-many-leavers');
  assert.ok([0, 3].includes(allowed.status), allowed.stderr + allowed.stdout);
  assert.equal(sql(db, onRoll), '0');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM pupils'), '60');
  fs.rmSync(cut, { recursive: true, force: true });
  fs.rmSync(few, { recursive: true, force: true });
});

test('names with control characters or too long, and dates of birth in the future, are bad rows', () => {
  const db = importedDb('names');
  const file = path.join(work, 'names.csv');
  const upns = ['pupil-00001', 'pupil-00002', 'pupil-00003', 'pupil-00004', 'pupil-00005']
    .map((id) => ex.row(exportDir, 'users.csv', id).identifier);
  const before = sql(db, `SELECT group_concat(first_name || last_name || date_of_birth || COALESCE(form_id, '')) FROM pupils WHERE upn IN ('${upns.join("','")}')`);
  fs.writeFileSync(file, 'upn,first_name,last_name,date_of_birth,year_group,sex,form\n' +
    `${upns[0]},"Line\nBreak",B,2014-05-05,7,F,\n` +
    `${upns[1]},A${'x'.repeat(100000)},B,2014-05-05,7,F,\n` +
    `${upns[2]},A,B,2014-05-05,7,F,${'7'.repeat(5000)}\n` +
    `${upns[3]},Tab\tbed,B,2014-05-05,7,F,\n` +
    `${upns[4]},A,B,2099-01-01,7,F,\n`);
  const run = attune(db, 'import', 'csv', file, '--kind', 'pupils');
  assert.equal(run.status, 3, run.stderr + run.stdout);
  assert.match(run.stdout, /names\.csv:2: first_name holds a line break, tab or other control character/);
  assert.match(run.stdout, /names\.csv:4: first_name is 100001 characters long; attune keeps names of at most 120 characters/);
  assert.match(run.stdout, /names\.csv:5: form is 5000 characters long/);
  assert.match(run.stdout, /names\.csv:6: first_name holds a line break, tab or other control character/);
  assert.match(run.stdout, /names\.csv:7: date_of_birth "2099-01-01" is in the future/);
  assert.equal(sql(db, `SELECT group_concat(first_name || last_name || date_of_birth || COALESCE(form_id, '')) FROM pupils WHERE upn IN ('${upns.join("','")}')`), before);
  assert.equal(sql(db, 'SELECT MAX(length(name)) <= 120 FROM forms'), '1');

  const staff = path.join(work, 'staff.csv');
  fs.writeFileSync(staff, `email,name,job_title\nlong@example.org,${'N'.repeat(121)},\nctl@example.org,Bell\x07Ringer,\nok@example.org,Ok Person,${'T'.repeat(121)}\n`);
  const s = attune(db, 'import', 'csv', staff, '--kind', 'staff');
  assert.equal(s.status, 3, s.stderr + s.stdout);
  assert.match(s.stdout, /staff\.csv:2: name is 121 characters long/);
  assert.match(s.stdout, /staff\.csv:3: name holds a line break/);
  assert.match(s.stdout, /staff\.csv:4: job_title is 121 characters long/);

  // OneRoster: a form's long classCode, a pupil's future birthDate.
  const changed = ex.copyExport(exportDir);
  const form = ex.lines(changed, 'classes.csv').find((l) => l.split(',')[4] === 'homeroom' || l.includes(',homeroom,')).split(',')[0];
  ex.setField(changed, 'classes.csv', form, 'classCode', 'F'.repeat(5000));
  ex.setField(changed, 'demographics.csv', 'pupil-00006', 'birthDate', '2099-01-01');
  const r = attune(db, 'import', 'oneroster', changed, '--dry-run');
  assert.equal(r.status, 3, r.stderr + r.stdout);
  assert.match(r.stdout, /classes\.csv:\d+: classCode is 5000 characters long/);
  assert.match(r.stdout, /demographics\.csv:\d+: birthDate "2099-01-01" is in the future/);
  fs.rmSync(changed, { recursive: true, force: true });
});

test('an archive whose entries end in .CSV is read, and the parents note says what is kept', () => {
  const db = freshDb('upper');
  const upper = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-upper-'));
  for (const f of fs.readdirSync(exportDir)) {
    fs.copyFileSync(path.join(exportDir, f), path.join(upper, f.toUpperCase()));
  }
  const run = attune(db, 'import', 'oneroster', upper, '--dry-run');
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /60 parents and carers in users\.csv were not imported: attune does not take contacts from the MIS, and each pupil's contacts stay as they are in attune/);
  fs.rmSync(upper, { recursive: true, force: true });
});

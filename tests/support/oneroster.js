// OneRoster exports for the MIS import's tests: written by the real binary
// (`attune demo oneroster`), changed here line by line as an MIS would
// change them, and zipped with Python's zipfile (python3 is installed with
// the SMTP server the suite starts) for the admin's upload page.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN } = require('./server');

// A fresh folder holding a generated export of `pupils` pupils.
function generateExport({ pupils = 120, seed = 7 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-oneroster-'));
  execFileSync(BIN, ['demo', 'oneroster', '--pupils', String(pupils), '--seed', String(seed),
    '--out', dir], { encoding: 'utf8' });
  return dir;
}

// A copy of export folder `dir`, to change.
function copyExport(dir) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-oneroster-'));
  for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  return copy;
}

// The lines of `file` in `dir` (CRLF ends, as MIS exports write them).
function lines(dir, file) {
  return fs.readFileSync(path.join(dir, file), 'utf8').split('\r\n').filter((l) => l !== '');
}

function writeLines(dir, file, all) {
  fs.writeFileSync(path.join(dir, file), all.join('\r\n') + '\r\n');
}

// Keeps the lines of `file` for which `keep(fields, line)` is true (the
// header always); fields are split on commas (the generator quotes none).
function filterLines(dir, file, keep) {
  const [header, ...rows] = lines(dir, file);
  writeLines(dir, file, [header, ...rows.filter((l) => keep(l.split(','), l))]);
}

// Sets column `column` of the row whose sourcedId is `id` to `value`.
function setField(dir, file, id, column, value) {
  const [header, ...rows] = lines(dir, file);
  const at = header.split(',').indexOf(column);
  if (at < 0) throw new Error(`${file} has no column ${column}`);
  let found = false;
  const changed = rows.map((l) => {
    const f = l.split(',');
    if (f[0] !== id) return l;
    found = true;
    f[at] = value;
    return f.join(',');
  });
  if (!found) throw new Error(`${file} has no row ${id}`);
  writeLines(dir, file, [header, ...changed]);
}

// The row of `file` whose sourcedId is `id`, as { column: value }.
function row(dir, file, id) {
  const [header, ...rows] = lines(dir, file);
  const names = header.split(',');
  const found = rows.find((l) => l.split(',')[0] === id);
  if (!found) return null;
  const f = found.split(',');
  return Object.fromEntries(names.map((n, i) => [n, f[i]]));
}

// Adds to export folder `dir` a teacher (`id`, `email`, `given` `family`)
// who teaches the classes `classIds`.
function addTeacher(dir, { id, email, given, family, classIds }) {
  const users = lines(dir, 'users.csv');
  users.push(`${id},active,,true,org-school,teacher,,,${given},${family},,,${email},,,,,`);
  writeLines(dir, 'users.csv', users);
  const enr = lines(dir, 'enrollments.csv');
  for (const klass of classIds) enr.push(`enr-${id}-${klass},active,,${klass},org-school,${id},teacher,false,,`);
  writeLines(dir, 'enrollments.csv', enr);
}

// A .zip of `entries` ({ name in the archive: path or Buffer }), as bytes.
function zip(entries) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-zip-'));
  const out = path.join(dir, 'export.zip');
  const list = [];
  for (const [name, content] of Object.entries(entries)) {
    const file = path.join(dir, `part-${list.length}`);
    if (Buffer.isBuffer(content)) fs.writeFileSync(file, content);
    else fs.copyFileSync(content, file);
    list.push([name, file]);
  }
  const script = 'import json,sys,zipfile\n' +
    'z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)\n' +
    'for name, path in json.loads(sys.argv[2]): z.write(path, name)\n' +
    'z.close()\n';
  const run = spawnSync('python3', ['-c', script, out, JSON.stringify(list)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`zip failed: ${run.stderr}`);
  const bytes = fs.readFileSync(out);
  fs.rmSync(dir, { recursive: true, force: true });
  return bytes;
}

// The export folder `dir` zipped, each file at the top of the archive.
function zipExport(dir) {
  const entries = {};
  for (const f of fs.readdirSync(dir)) entries[f] = path.join(dir, f);
  return zip(entries);
}

// Runs `attune ...args` on database `db`: { status, stdout, stderr }.
function attuneOn(db, ...args) {
  const run = spawnSync(BIN, [...args, '--db', db], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// The answer to `query` on SQLite database `db`, trimmed.
function sqlOn(db, query) {
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

module.exports = {
  attuneOn, sqlOn, generateExport, copyExport, lines, writeLines, filterLines, setField, row, zip, zipExport, addTeacher,
};

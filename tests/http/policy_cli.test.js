// attune policy check / explain / simulate, run as a school would run them.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN } = require('../support/server');

const root = path.resolve(__dirname, '../..');
const policies = fs.readdirSync(path.join(root, 'policies')).filter((f) => f.endsWith('.toml'));
const run = (args) => spawnSync(BIN, args, { encoding: 'utf8' });

test('every shipped policy passes policy check', () => {
  assert.ok(policies.length >= 4);
  for (const p of policies) {
    const r = run(['policy', 'check', path.join(root, 'policies', p)]);
    assert.equal(r.status, 0, `${p}: ${r.stderr}`);
    assert.match(r.stdout, /valid/);
  }
});

test('a corrupted copy fails with file:line:column and what was expected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-policy-'));
  const text = fs.readFileSync(path.join(root, 'policies/004_blue_sky_learning.toml'), 'utf8');
  const broken = text.replace('default_step = "attunement"', 'default_step = "atunement"');
  const file = path.join(dir, 'broken.toml');
  fs.writeFileSync(file, broken);
  const line = broken.slice(0, broken.indexOf('default_step = "atunement"')).split('\n').length;
  const r = run(['policy', 'check', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`broken\\.toml:${line}:\\d+: error: .*found "atunement", expected one of the steps' ids`));
  fs.writeFileSync(file, 'format = 1\n[school\n');
  const syntax = run(['policy', 'check', file]);
  assert.equal(syntax.status, 1);
  assert.match(syntax.stderr, /broken\.toml:2:\d+: error: not valid TOML/);
  assert.equal(run(['policy', 'check', path.join(dir, 'missing.toml')]).status, 1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('explain says the policy in the school\'s words', () => {
  const r = run(['policy', 'explain', path.join(root, 'policies/004_blue_sky_learning.toml')]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Blue Sky Learning/);
  assert.match(r.stdout, /Time In/);
  assert.match(r.stdout, /formal suspension/);
});

test('simulate prints a weekly workload table, and compares two policies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-sim-'));
  const db = path.join(dir, 'attune.db');
  const csv = path.join(dir, 'history.csv');
  assert.equal(run(['demo', 'generate', '--db', db, '--pupils', '100']).status, 0);
  const made = run(['demo', 'history', '--db', db, '--to', csv, '--days', '20']);
  assert.equal(made.status, 0, made.stderr);
  const one = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'), '--from', csv, '--db', db]);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /Weekly workload of Blue Sky Learning/);
  assert.match(one.stdout, /action: Phone call home/);
  const two = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'),
    '--against', path.join(root, 'policies/003_learning_partnership_west.toml'), '--from', csv, '--db', db]);
  assert.equal(two.status, 0, two.stderr);
  assert.match(two.stdout, /\(left\) against Learning Partnership West/);
  fs.writeFileSync(csv, 'pupil,at,category\n1,yesterday,x\n');
  const bad = run(['policy', 'simulate', path.join(root, 'policies/004_blue_sky_learning.toml'), '--from', csv, '--db', db]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /line 2, column 'at'/);
  fs.rmSync(dir, { recursive: true, force: true });
});

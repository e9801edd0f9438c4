// A pupil's personal profile over the JSON API (PUT /api/v1/pupils/{id}/profile):
// written with the pupil by the adults who work with them, read back on the
// pupil, checked by the same rules as the page's form (the field named in a
// 422), refused to the office, and audited.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../support/server');

let server;
const tokens = {};
let pupil;
test.before(async () => {
  server = await startServer({ pupils: 20 });
  for (const role of ['teacher', 'admin']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
  }
  pupil = Number(server.sql('SELECT id FROM pupils WHERE school_id = 1 ORDER BY id DESC LIMIT 1'));
});
test.after(async () => { await server.stop(); });

function put(id, as, body) {
  return fetch(`${server.base}/api/v1/pupils/${id}/profile`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

test('a teacher writes the profile with the pupil and reads it back on the pupil', async () => {
  const res = await put(pupil, 'teacher', {
    communication: ['  Give me time to answer ', 'Give me time to answer', '', 'Draw it for me'],
    what_helps: ' A quiet corner and a job to do ',
    triggers: 'Sudden loud noises',
    strengths: 'Kind to younger pupils',
    pupil_voice: 'I like it when you tell me what is next.',
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  // Trimmed, without blanks or repeats, in the order given.
  assert.deepEqual(body.profile.communication, ['Give me time to answer', 'Draw it for me']);
  assert.equal(body.profile.what_helps, 'A quiet corner and a job to do');

  const read = await (await fetch(`${server.base}/api/v1/pupils/${pupil}`, {
    headers: { authorization: `Bearer ${tokens.teacher}` },
  })).json();
  assert.deepEqual(read.profile, body.profile);
  const audited = server.sql(
    `SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.profile_saved' AND subject_id = ${pupil}`);
  assert.equal(audited, '1');
});

test('bad input is a 422 naming the field, and the saved profile is kept', async () => {
  const cases = [
    [{ what_helps: 'x'.repeat(4001) }, 'what_helps'],
    [{ pupil_voice: 'x'.repeat(4001) }, 'pupil_voice'],
    [{ communication: ['y'.repeat(201)] }, 'communication'],
    [{ communication: Array.from({ length: 31 }, (_, k) => `preference ${k}`) }, 'communication'],
    [{ communication: 'not a list' }, 'communication'],
    [{ triggers: 42 }, 'triggers'],
  ];
  for (const [body, field] of cases) {
    const res = await put(pupil, 'teacher', body);
    const json = await res.json();
    assert.equal(res.status, 422, `${JSON.stringify(body).slice(0, 60)}: ${JSON.stringify(json)}`);
    assert.equal(json.error.field, field);
    assert.ok(json.error.message.length > 0);
  }
  const broken = await put(pupil, 'teacher', '{"what_helps": ');
  assert.equal(broken.status, 400);
  const kept = server.sql(`SELECT what_helps FROM pupil_profiles WHERE pupil_id = ${pupil}`);
  assert.equal(kept, 'A quiet corner and a job to do');
});

test('the office may not write a profile, and an unknown pupil is 404', async () => {
  const refused = await put(pupil, 'admin', { what_helps: 'Changed' });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, 'forbidden');
  const missing = await put(99999999, 'teacher', { what_helps: 'Anything' });
  assert.equal(missing.status, 404);
});

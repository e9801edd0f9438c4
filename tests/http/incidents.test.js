// Recording and responding over the JSON API, against the demo school's
// policy (policies/004_blue_sky_learning.toml): a record gets the step and
// follow-up actions the policy says and keeps the policy version in force;
// the policy's refusals and bad input are 4xx naming the field; safeguarding
// records are hidden from roles the policy does not name and their reads are
// audited; actions, restorative conversations and contacts close the loop.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../support/server');

let server;
const tokens = {};
let pupils = [];  // demo pupils without SEN support, so no SENCO advice is added
test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'support', 'dsl', 'senior', 'pastoral']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
  }
  const list = await (await api('/api/v1/pupils?limit=100', { as: 'teacher' })).json();
  pupils = list.pupils.filter((p) => p.sen_status === 'N').map((p) => p.id);
  assert.ok(pupils.length >= 12, 'enough demo pupils without SEN support');
});
test.after(async () => { await server.stop(); });

function api(path, { as, method = 'GET', json, raw } = {}) {
  const headers = { authorization: `Bearer ${tokens[as]}` };
  let body;
  if (json !== undefined || raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = raw !== undefined ? raw : JSON.stringify(json);
  }
  return fetch(server.base + path, { method, headers, body });
}

async function record(as, body) {
  const res = await api('/api/v1/incidents', { as, method: 'POST', json: body });
  return { status: res.status, body: await res.json() };
}

// Each test takes its own pupils, so one test's history does not move the
// steps another test expects.
let nextPupil = 0;
const takePupil = () => pupils[nextPupil++];

test('hurting someone is recorded at Zone 6 with a call home and a restorative conversation', async () => {
  const pupil = takePupil();
  const { status, body } = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }],
    category: 'hurting_others',
    location: 'Playground',
    notes: 'Pushed another child over during tag.',
    perceived_function: 'avoid_sensation',
    others_involved: ['peers'],
  });
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal(body.step, 'zone_6');
  assert.equal(body.step_name, 'Restorative conversation in Zone 6');
  const kinds = body.actions.map((a) => a.kind).sort();
  assert.deepEqual(kinds, ['phone_call_home', 'restorative_conversation']);
  for (const a of body.actions) {
    assert.equal(a.pupil_id, pupil);
    assert.equal(a.status, 'open');
    assert.ok(a.due_at, `${a.kind} has a deadline`);
  }
  assert.deepEqual(body.pupils.map((p) => [p.id, p.step]), [[pupil, 'zone_6']]);

  // The row keeps the id of the policy version in force, and the rows agree.
  const inForce = server.sql(
    'SELECT id FROM policy_versions WHERE school_id = 1 AND active_from IS NOT NULL ' +
    `AND active_from <= '${new Date().toISOString().slice(0, 10)}' ORDER BY active_from DESC, version DESC LIMIT 1`);
  assert.ok(Number(inForce) > 0);
  assert.equal(server.sql(`SELECT policy_version_id FROM incidents WHERE id = ${body.id}`), inForce);
  assert.equal(server.sql(`SELECT version FROM policy_versions WHERE id = ${inForce}`), String(body.policy_version));
  assert.equal(server.sql(`SELECT pupil_id || ':' || role || ':' || step FROM incident_pupils WHERE incident_id = ${body.id}`),
    `${pupil}:involved:zone_6`);
  assert.equal(server.sql(`SELECT COUNT(*) FROM actions WHERE incident_id = ${body.id} AND status = 'open'`), '2');
  assert.equal(server.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'incident.record' AND subject_id = ${body.id}`), '1');

  const read = await api(`/api/v1/incidents/${body.id}`, { as: 'teacher' });
  assert.equal(read.status, 200);
  const incident = await read.json();
  assert.equal(incident.category, 'hurting_others');
  assert.equal(incident.location, 'Playground');
  assert.equal(incident.closed_at, null);
  assert.equal(incident.actions.length, 2);
});

test('a record made before a newer policy version took effect keeps the older version', async () => {
  // A second version, in force from yesterday: a record made now takes it, a
  // record of something that happened last month keeps version 1.
  const v1 = server.sql('SELECT id FROM policy_versions WHERE school_id = 1 AND version = 1');
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  server.sql('INSERT INTO policy_versions (school_id, version, source_text, school_name, uploaded_at, active_from) ' +
    `SELECT school_id, 2, source_text, school_name, uploaded_at, '${yesterday}' FROM policy_versions WHERE id = ${v1}`);
  const v2 = server.sql('SELECT id FROM policy_versions WHERE school_id = 1 AND version = 2');
  try {
    const now = await record('teacher', { pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others' });
    assert.equal(now.status, 201, JSON.stringify(now.body));
    assert.equal(now.body.policy_version, 2);
    assert.equal(server.sql(`SELECT policy_version_id FROM incidents WHERE id = ${now.body.id}`), v2);
    const d = new Date(Date.now() - 30 * 86400e3).toISOString().slice(0, 10);
    const earlier = await record('teacher', {
      pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others', occurred_at: `${d}T10:00:00Z`,
    });
    assert.equal(earlier.status, 201, JSON.stringify(earlier.body));
    assert.equal(earlier.body.policy_version, 1);
    assert.equal(server.sql(`SELECT policy_version_id FROM incidents WHERE id = ${earlier.body.id}`), v1);
  } finally {
    // Policies are cached per version id; a deleted future version is not read again.
    server.sql(`UPDATE policy_versions SET active_from = NULL WHERE id = ${v2}`);
  }
});

test('low-level disruption must start at attunement: asking time in first is refused with the policy\'s reason', async () => {
  const pupil = takePupil();
  const jump = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'low_level_disruption', step: 'time_in',
  });
  assert.equal(jump.status, 422);
  assert.equal(jump.body.error.code, 'invalid');
  assert.equal(jump.body.error.field, 'step');
  assert.match(jump.body.error.message, /one at a time/);
  assert.match(jump.body.error.message, /"Attunement", not "Time In"/);
  assert.equal(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE pupil_id = ${pupil}`), '0');
  // The step the policy allows is accepted.
  const first = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'low_level_disruption', step: 'attunement',
  });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.step, 'attunement');
});

test('a pupil who has left: what happened after is refused, naming the day; what happened before is recorded', async () => {
  const id = takePupil();
  const day = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
  server.sql(`UPDATE pupils SET left_on = '${day(2)}' WHERE id = ${id}`);
  const after = await record('teacher', { pupils: [{ id, role: 'involved' }], category: 'hurting_others' });
  assert.equal(after.status, 422);
  assert.equal(after.body.error.field, 'pupils');
  assert.match(after.body.error.message, /left the school on [A-Z][a-z]+ \d{1,2} [A-Z][a-z]+ \d{4}; a record is of what happened while they were on roll/);
  const before = await record('teacher', {
    pupils: [{ id, role: 'involved' }], category: 'hurting_others', occurred_at: `${day(5)}T10:00:00Z`,
  });
  assert.equal(before.status, 201, JSON.stringify(before.body));
});

test('an unknown category is 422 on "category"', async () => {
  const { status, body } = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'chewing_gum',
  });
  assert.equal(status, 422);
  assert.equal(body.error.field, 'category');
  assert.match(body.error.message, /chewing_gum/);
});

test('malformed JSON is 400; wrong types are 422 naming the field', async () => {
  const broken = await api('/api/v1/incidents', { as: 'teacher', method: 'POST', raw: '{"pupils": [' });
  assert.equal(broken.status, 400);
  assert.match((await broken.json()).error.message, /not valid JSON/);
  const notObject = await api('/api/v1/incidents', { as: 'teacher', method: 'POST', raw: '[1, 2]' });
  assert.equal(notObject.status, 400);

  const id = takePupil();
  const good = { pupils: [{ id, role: 'involved' }], category: 'hurting_others' };
  const cases = [
    [{ ...good, pupils: 'Ama' }, 'pupils'],
    [{ ...good, pupils: [{ id: '12', role: 'involved' }] }, 'pupils'],
    [{ ...good, pupils: [{ id, role: 'bystander' }] }, 'pupils'],
    [{ ...good, pupils: [] }, 'pupils'],
    [{ ...good, category: 7 }, 'category'],
    [{ ...good, step: ['zone_6'] }, 'step'],
    [{ ...good, notes: { text: 'x' } }, 'notes'],
    [{ ...good, safeguarding: 'yes' }, 'safeguarding'],
    [{ ...good, consequences: 'safe_space' }, 'consequences'],
    [{ ...good, others_involved: [1] }, 'others_involved'],
    [{ ...good, occurred_at: 'yesterday' }, 'occurred_at'],
    [{ ...good, occurred_at: '2099-01-01 09:00' }, 'occurred_at'],
    [{ ...good, consequence_date: '31/12/2026' }, 'consequence_date'],
    [{ ...good, physical_intervention: 'yes' }, 'physical_intervention'],
    [{ ...good, physical_intervention: { hold: 'single elbow', reason: 'safety', duration_minutes: 'five' } },
      'physical_intervention.duration_minutes'],
    [{ ...good, physical_intervention: { reason: 'safety', duration_minutes: 3 } }, 'physical_intervention.hold'],
    [{ ...good, perceived_function: 'attention seeking' }, 'perceived_function'],
  ];
  for (const [body, field] of cases) {
    const res = await record('teacher', body);
    assert.equal(res.status, 422, `${JSON.stringify(body)} gave ${res.status}`);
    assert.equal(res.body.error.field, field, JSON.stringify(body));
    assert.ok(res.body.error.message.length > 5);
  }
  assert.equal(server.sql(`SELECT COUNT(*) FROM incident_pupils WHERE pupil_id = ${id}`), '0');
});

test('a protective consequence alone is refused; with an educational one it is recorded', async () => {
  const pupil = takePupil();
  const alone = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others', consequences: ['safe_space'],
  });
  assert.equal(alone.status, 422);
  assert.equal(alone.body.error.field, 'consequences');
  assert.match(alone.body.error.message, /educational/);
  const paired = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others',
    consequences: ['safe_space', 'learning_about_safety'],
  });
  assert.equal(paired.status, 201, JSON.stringify(paired.body));
  assert.equal(server.sql(`SELECT group_concat(consequence || ':' || protective, ',') FROM ` +
    `(SELECT * FROM consequences WHERE incident_id = ${paired.body.id} ORDER BY id) AS c`),
  'safe_space:1,learning_about_safety:0');
});

test('a praise point on a prosocial note is awarded', async () => {
  const pupil = takePupil();
  const { status, body } = await record('support', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'kindness', reward: 'praise_point',
  });
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal(body.pupils[0].reward.reward, 'praise_point');
  assert.ok(body.pupils[0].reward.awarded > 0);
  assert.equal(server.sql(`SELECT reward FROM incidents WHERE id = ${body.id}`), 'praise_point');
});

test('a safeguarding record is 404 and unlisted for a teacher, readable by the DSL, and the read is audited', async () => {
  const pupil = takePupil();
  const made = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'peer_on_peer_abuse', notes: 'Disclosure at break.',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;
  assert.equal(server.sql(`SELECT restricted || ':' || visible_to FROM incidents WHERE id = ${id}`), '1:dsl,senior');

  const asTeacher = await api(`/api/v1/incidents/${id}`, { as: 'teacher' });
  assert.equal(asTeacher.status, 404);
  assert.equal((await asTeacher.json()).error.code, 'not_found');
  const teacherList = await (await api(`/api/v1/incidents?pupil=${pupil}`, { as: 'teacher' })).json();
  assert.deepEqual(teacherList.incidents.map((i) => i.id), []);
  const teacherAll = await (await api('/api/v1/incidents?limit=200', { as: 'teacher' })).json();
  assert.ok(teacherAll.incidents.length > 0, 'the teacher sees other records');
  assert.ok(!teacherAll.incidents.some((i) => i.id === id), 'but not the restricted one');
  assert.equal((await api(`/api/v1/incidents/${id}`, { as: 'pastoral' })).status, 404);

  const audited = async () => {
    await server.settle();
    return Number(server.sql(
      `SELECT COUNT(*) FROM audit_log WHERE action = 'incident.read_restricted' AND subject_id = ${id}`));
  };
  assert.equal(await audited(), 0, 'refused reads are not restricted reads');
  const asDsl = await api(`/api/v1/incidents/${id}`, { as: 'dsl' });
  assert.equal(asDsl.status, 200);
  const seen = await asDsl.json();
  assert.equal(seen.restricted, true);
  assert.equal(seen.notes, 'Disclosure at break.');
  assert.equal(await audited(), 1);
  const dslStaff = server.sql("SELECT id FROM staff WHERE email = 'dsl@demo.attune.school'");
  assert.equal(server.sql(`SELECT staff_id FROM audit_log WHERE action = 'incident.read_restricted' AND subject_id = ${id}`), dslStaff);
  const dslList = await (await api(`/api/v1/incidents?pupil=${pupil}`, { as: 'dsl' })).json();
  assert.deepEqual(dslList.incidents.map((i) => i.id), [id]);
});

test('the call home is on the teacher\'s list; completing needs an outcome; a repaired restorative conversation closes the record', async () => {
  const pupil = takePupil();
  const made = await record('teacher', { pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;

  const mine = await (await api(`/api/v1/actions?pupil=${pupil}`, { as: 'teacher' })).json();
  const call = mine.actions.find((a) => a.kind === 'phone_call_home' && a.incident_id === id);
  assert.ok(call, JSON.stringify(mine));
  assert.equal(call.status, 'open');
  const supportList = await (await api(`/api/v1/actions?pupil=${pupil}`, { as: 'support' })).json();
  assert.deepEqual(supportList.actions, [], 'the recorder\'s actions are not on another adult\'s list');

  for (const json of [{}, { outcome: '   ' }]) {
    const empty = await api(`/api/v1/actions/${call.id}/complete`, { as: 'teacher', method: 'POST', json });
    assert.equal(empty.status, 422);
    assert.equal((await empty.json()).error.field, 'outcome');
  }
  const notTheirs = await api(`/api/v1/actions/${call.id}/complete`, {
    as: 'support', method: 'POST', json: { outcome: 'Spoke to mum' },
  });
  assert.equal(notTheirs.status, 403);
  const done = await api(`/api/v1/actions/${call.id}/complete`, {
    as: 'teacher', method: 'POST', json: { outcome: 'Spoke to mum; she will talk it through at home.' },
  });
  assert.equal(done.status, 200);
  const completed = await done.json();
  assert.equal(completed.status, 'done');
  assert.match(completed.outcome, /Spoke to mum/);
  assert.ok(completed.completed_at);
  const openNow = await (await api(`/api/v1/actions?pupil=${pupil}`, { as: 'teacher' })).json();
  assert.deepEqual(openNow.actions.map((a) => a.kind), ['restorative_conversation']);
  assert.equal(server.sql(`SELECT closed_at IS NULL FROM incidents WHERE id = ${id}`), '1', 'still open');

  const noWords = await api('/api/v1/restorative', {
    as: 'teacher', method: 'POST', json: { incident_id: id, pupil_id: pupil, repaired: true },
  });
  assert.equal(noWords.status, 422);
  const held = await api('/api/v1/restorative', {
    as: 'teacher', method: 'POST',
    json: {
      incident_id: id, pupil_id: pupil, repaired: true,
      pupil_answers: ['We were playing tag and I got cross.'], agreement: 'Will ask an adult when a game gets rough.',
    },
  });
  assert.equal(held.status, 201, await held.clone().text());
  const conversation = await held.json();
  assert.equal(conversation.repaired, true);
  assert.equal(conversation.incident_id, id);

  const after = await (await api(`/api/v1/incidents/${id}`, { as: 'teacher' })).json();
  assert.ok(after.closed_at, 'closed once nothing is left open');
  assert.ok(after.repaired_at);
  assert.ok(after.actions.every((a) => a.status === 'done'), JSON.stringify(after.actions));
  assert.equal(server.sql(`SELECT closed_at IS NOT NULL FROM incidents WHERE id = ${id}`), '1');
  const listed = await (await api(`/api/v1/restorative?incident=${id}`, { as: 'teacher' })).json();
  assert.equal(listed.restorative.length, 1);
});

test('a repaired conversation does not close a record while another action is open', async () => {
  const pupil = takePupil();
  const made = await record('teacher', { pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others' });
  assert.equal(made.status, 201);
  const held = await api('/api/v1/restorative', {
    as: 'teacher', method: 'POST',
    json: { incident_id: made.body.id, pupil_id: pupil, repaired: true, agreement: 'Put it right at lunch.' },
  });
  assert.equal(held.status, 201);
  assert.equal(server.sql(`SELECT closed_at IS NULL FROM incidents WHERE id = ${made.body.id}`), '1',
    'the call home is still open');
});

test('contacts with home are logged and listed, and can complete the call home', async () => {
  const pupil = takePupil();
  const made = await record('teacher', { pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others' });
  assert.equal(made.status, 201);
  const call = made.body.actions.find((a) => a.kind === 'phone_call_home');

  const badKind = await api('/api/v1/contacts', {
    as: 'teacher', method: 'POST', json: { pupil_id: pupil, kind: 'carrier_pigeon' },
  });
  assert.equal(badKind.status, 422);
  assert.equal((await badKind.json()).error.field, 'kind');
  const badPupil = await api('/api/v1/contacts', {
    as: 'teacher', method: 'POST', json: { pupil_id: 99999999, kind: 'phone_call' },
  });
  assert.equal(badPupil.status, 422);
  assert.equal((await badPupil.json()).error.field, 'pupil_id');

  const logged = await api('/api/v1/contacts', {
    as: 'teacher', method: 'POST',
    json: {
      pupil_id: pupil, incident_id: made.body.id, action_id: call.id, kind: 'phone_call',
      note: 'Dad thanked us for letting him know.', complete_action: true,
    },
  });
  assert.equal(logged.status, 201, await logged.clone().text());
  const entry = await logged.json();
  assert.equal(entry.kind, 'phone_call');
  assert.equal(entry.incident_id, made.body.id);

  const listed = await (await api(`/api/v1/contacts?pupil=${pupil}`, { as: 'teacher' })).json();
  assert.deepEqual(listed.contacts.map((c) => [c.id, c.note]), [[entry.id, 'Dad thanked us for letting him know.']]);
  const byIncident = await (await api(`/api/v1/contacts?incident=${made.body.id}`, { as: 'pastoral' })).json();
  assert.equal(byIncident.contacts.length, 1);
  assert.equal((await api('/api/v1/contacts', { as: 'teacher' })).status, 422);
  assert.equal(server.sql(`SELECT status FROM actions WHERE id = ${call.id}`), 'done');
});

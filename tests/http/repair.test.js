// The rupture–repair closing rule, against the demo school's policy (seed
// 004, policies/004_blue_sky_learning.toml): "all incidents will conclude
// with a restorative conversation with the member of staff in which the
// rupture occurred", and "It is important that the repair takes place with
// the member of staff involved in the incident, in order to complete the
// rupture – repair cycle." So:
//   - a restorative conversation or repair action is never marked done with
//     a note, on "My actions" (422, the message beside the action with a
//     link to the record's restorative section) or through
//     POST /api/v1/actions/{id}/complete (422 naming `outcome`, saying what
//     to record instead); nor by a contact that claims to complete it;
//   - recording the conversation completes its action, but the record stays
//     open until the repair is recorded; recording the repair closes it;
//   - only a senior leader may record why a repair will not happen (a
//     reason from a short list and a note, on the record page or through
//     POST /api/v1/incidents/{id}/no-repair); others are refused (403); it
//     closes the cycle, is audited, and counts as not repaired on the
//     record, in the pupil's chronology and figures, and in the API.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');

let server;
const tokens = {};
const pages = {};  // signed-in page sessions by role
let pupils = [];   // demo pupils without SEN support, so no SENCO advice is added

function api(path, { as, method = 'GET', json } = {}) {
  const headers = { authorization: `Bearer ${tokens[as]}` };
  let body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  }
  return fetch(server.base + path, { method, headers, body });
}

async function call(path, as, json) {
  const res = await api(path, { as, method: 'POST', json });
  return { status: res.status, body: await res.json() };
}

// "YYYY-MM-DD HH:MM" in London, a minute ago: two records made with it
// fall in the same lesson, so the second climbs to the next step.
function aMinuteAgo() {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - 60 * 1000));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

// "Hurting someone" (Zone 6): a call home and a restorative conversation,
// both for the teacher who made the record. With `repairStep`, a second
// record in the same lesson reaches the Repair step and its repair action.
async function hurtingRecord({ repairStep = false } = {}) {
  const pupil = pupils.shift();
  const at = aMinuteAgo();
  const first = await call('/api/v1/incidents', 'teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others', occurred_at: at,
    notes: 'Pushed a classmate over during a game at break.',
  });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.step, 'zone_6');
  const kinds = first.body.actions.map((a) => a.kind).sort();
  assert.deepEqual(kinds, ['phone_call_home', 'restorative_conversation']);
  const out = {
    pupil,
    id: first.body.id,
    call: first.body.actions.find((a) => a.kind === 'phone_call_home'),
    talk: first.body.actions.find((a) => a.kind === 'restorative_conversation'),
  };
  if (repairStep) {
    const second = await call('/api/v1/incidents', 'teacher', {
      pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others', occurred_at: at,
    });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.step, 'repair');
    out.repairId = second.body.id;
    out.repair = second.body.actions.find((a) => a.kind === 'repair');
    assert.ok(out.repair, JSON.stringify(second.body.actions));
  }
  return out;
}

const status = (actionId) => server.sql(`SELECT status FROM actions WHERE id = ${actionId}`);
const closed = (id) => server.sql(`SELECT closed_at IS NOT NULL FROM incidents WHERE id = ${id}`) === '1';

async function completeCall(r) {
  const done = await call(`/api/v1/actions/${r.call.id}/complete`, 'teacher', { outcome: 'Spoke to mum.' });
  assert.equal(done.status, 200, JSON.stringify(done.body));
}

test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
  }
  for (const role of ['teacher', 'pastoral', 'senior']) {
    pages[role] = new Browser(server.base);
    const signed = await pages[role].signIn(`${role}@demo.attune.school`);
    assert.equal(signed.status, 303);
  }
  const list = await (await api('/api/v1/pupils?limit=100', { as: 'teacher' })).json();
  pupils = list.pupils.filter((p) => p.sen_status === 'N').map((p) => p.id);
  assert.ok(pupils.length >= 12, 'enough demo pupils without SEN support');
});
test.after(async () => { await server.stop(); });

test('the API refuses a restorative conversation or repair marked done with a note, saying what to record', async () => {
  const r = await hurtingRecord({ repairStep: true });
  await completeCall(r);
  for (const as of ['teacher', 'pastoral']) {  // the assignee, and the pastoral team
    const talk = await call(`/api/v1/actions/${r.talk.id}/complete`, as, { outcome: 'Had a chat with him.' });
    assert.equal(talk.status, 422, JSON.stringify(talk.body));
    assert.equal(talk.body.error.field, 'outcome');
    assert.match(talk.body.error.message, /not marked done with a note\. Record the conversation on the record, and that completes it/);
    assert.match(talk.body.error.message, /a senior leader records why/);
    assert.match(talk.body.error.message, new RegExp(`POST /api/v1/restorative with incident_id ${r.id} and pupil_id ${r.pupil}`));
    assert.match(talk.body.error.message, new RegExp(`POST /api/v1/incidents/${r.id}/no-repair`));
  }
  const repair = await call(`/api/v1/actions/${r.repair.id}/complete`, 'teacher', { outcome: 'Said sorry.' });
  assert.equal(repair.status, 422, JSON.stringify(repair.body));
  assert.equal(repair.body.error.field, 'outcome');
  assert.match(repair.body.error.message, /A repair is not marked done with a note\. Record the repair with the adult involved, on the record's restorative conversation/);
  assert.match(repair.body.error.message, /POST \/api\/v1\/restorative\/\{conversation id\}\/repair/);
  assert.equal(status(r.talk.id), 'open');
  assert.equal(status(r.repair.id), 'open');
  assert.ok(!closed(r.id), 'the first record is still open');
  assert.ok(!closed(r.repairId), 'the repair record is still open');

  // A contact that claims to complete the conversation is refused whole:
  // neither the contact nor the completion is saved.
  const before = server.sql(`SELECT COUNT(*) FROM contact_log WHERE pupil_id = ${r.pupil}`);
  const contact = await call('/api/v1/contacts', 'teacher', {
    pupil_id: r.pupil, incident_id: r.id, action_id: r.talk.id, kind: 'phone_call',
    note: 'Talked it over with dad.', complete_action: true,
  });
  assert.equal(contact.status, 422, JSON.stringify(contact.body));
  assert.match(contact.body.error.message, /Record the conversation/);
  assert.equal(server.sql(`SELECT COUNT(*) FROM contact_log WHERE pupil_id = ${r.pupil}`), before);
  assert.equal(status(r.talk.id), 'open');
});

test('"My actions" refuses the note beside the action, with a link to record the conversation or repair', async () => {
  const r = await hurtingRecord({ repairStep: true });
  const teacher = pages.teacher;
  const list = await teacher.get('/actions');
  assert.equal(list.status, 200);
  // No note form is offered for them; the way to record them is.
  assert.doesNotMatch(list.text, new RegExp(`action="/actions/${r.talk.id}/complete"`));
  assert.doesNotMatch(list.text, new RegExp(`action="/actions/${r.repair.id}/complete"`));
  assert.match(list.text, new RegExp(`href="/incidents/${r.id}#restorative">Record the conversation on the record`));
  assert.match(list.text, new RegExp(`href="/incidents/${r.repairId}#restorative">Record the repair on the record`));

  // A note sent anyway (a page open from before, or a crafted form).
  const cases = [
    [r.talk.id, r.id, /A restorative conversation is not marked done with a note/, /Record the conversation on the record/],
    [r.repair.id, r.repairId, /A repair is not marked done with a note/, /Record the repair on the record/],
  ];
  for (const [actionId, incidentId, message, link] of cases) {
    const res = await teacher.post(`/actions/${actionId}/complete`, {
      multipart: { csrf_token: teacher.csrf, outcome: 'Sorted it out at lunch.', back: '/actions' },
    });
    assert.equal(res.status, 422);
    const item = res.text.slice(res.text.indexOf(`id="action-${actionId}"`));
    const beside = item.slice(0, item.indexOf('</li>'));
    assert.match(beside, /class="field__error" role="alert"/);
    assert.match(beside, message);
    assert.match(beside, new RegExp(`href="/incidents/${incidentId}#restorative">${link.source}`));
    assert.equal(status(actionId), 'open');
  }
  assert.ok(!closed(r.id));

  // The pastoral lead, from their own queue, which does not hold it: the
  // message and the link at the top.
  const pastoral = pages.pastoral;
  await pastoral.get('/actions?queue=mine');
  const res = await pastoral.post(`/actions/${r.talk.id}/complete`, {
    multipart: { csrf_token: pastoral.csrf, outcome: 'Talked.', back: '/actions?queue=mine' },
  });
  assert.equal(res.status, 422);
  assert.match(res.text, /role="alert">A restorative conversation is not marked done with a note[^<]*<a href="\/incidents\/\d+#restorative">Record the conversation on the record/);
  assert.equal(status(r.talk.id), 'open');
  // Other follow-ups are still done with a note.
  const done = await teacher.post(`/actions/${r.call.id}/complete`, {
    multipart: { csrf_token: teacher.csrf, outcome: 'Spoke to dad.', back: '/actions' },
  });
  assert.equal(done.status, 303);
  assert.equal(status(r.call.id), 'done');
});

test('recording the conversation completes it; the record closes only when the repair is recorded', async () => {
  const r = await hurtingRecord();
  await completeCall(r);
  const held = await call('/api/v1/restorative', 'pastoral', {
    incident_id: r.id, pupil_id: r.pupil,
    pupil_answers: ['We were playing tag and I got cross.'], agreement: 'Say sorry to Sam at lunch.',
  });
  assert.equal(held.status, 201, JSON.stringify(held.body));
  assert.equal(status(r.talk.id), 'done');
  assert.equal(server.sql(`SELECT outcome FROM actions WHERE id = ${r.talk.id}`), 'Restorative conversation held');
  assert.ok(!closed(r.id), 'nothing is left to do but the repair, and the cycle is still open');
  let page = await pages.teacher.get(`/incidents/${r.id}`);
  assert.match(page.text, /<strong>Open:<\/strong> the repair is still to be recorded\./);
  assert.match(page.text, /Repair not yet done/);
  let record = await (await api(`/api/v1/incidents/${r.id}`, { as: 'teacher' })).json();
  assert.equal(record.repaired_in_time, false);

  const repaired = await call(`/api/v1/restorative/${held.body.id}/repair`, 'teacher', {});
  assert.equal(repaired.status, 200, JSON.stringify(repaired.body));
  assert.ok(closed(r.id), 'the repair closes the cycle and the record');
  record = await (await api(`/api/v1/incidents/${r.id}`, { as: 'teacher' })).json();
  assert.equal(record.repaired_in_time, true);
  assert.ok(record.repaired_at);
  page = await pages.teacher.get(`/incidents/${r.id}`);
  assert.match(page.text, /<strong>Closed\.<\/strong>/);
  assert.match(page.text, /Repaired within time/);
  const again = await call(`/api/v1/restorative/${held.body.id}/repair`, 'teacher', {});
  assert.equal(again.status, 409);
});

test('a repair recorded with the adult involved completes the repair action and closes its record', async () => {
  const r = await hurtingRecord({ repairStep: true });
  const held = await call('/api/v1/restorative', 'teacher', {
    incident_id: r.repairId, pupil_id: r.pupil, repaired: true,
    pupil_answers: ['I pushed Sam.'], agreement: 'We shook hands and played again.',
  });
  assert.equal(held.status, 201, JSON.stringify(held.body));
  assert.equal(held.body.repaired, true);
  // The adult involved: the teacher who made the record, unless another is chosen.
  assert.equal(held.body.adult, server.sql("SELECT name FROM staff WHERE email = 'teacher@demo.attune.school'"));
  assert.equal(status(r.repair.id), 'done');
  assert.match(server.sql(`SELECT outcome FROM actions WHERE id = ${r.repair.id}`), /^Repair done with .+/);
  assert.ok(closed(r.repairId));
});

test('with two pupils each cycle closes on its own; the record is repaired only when both are', async () => {
  const [a, b] = [pupils.shift(), pupils.shift()];
  const made = await call('/api/v1/incidents', 'teacher', {
    pupils: [{ id: a, role: 'involved' }, { id: b, role: 'involved' }], category: 'hurting_others',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;
  for (const action of made.body.actions.filter((x) => x.kind === 'phone_call_home')) {
    assert.equal((await call(`/api/v1/actions/${action.id}/complete`, 'teacher', { outcome: 'Rang home.' })).status, 200);
  }
  const talks = made.body.actions.filter((x) => x.kind === 'restorative_conversation');
  assert.deepEqual(talks.map((x) => x.pupil_id).sort(), [a, b].sort());

  const first = await call('/api/v1/restorative', 'teacher', {
    incident_id: id, pupil_id: a, repaired: true, agreement: 'Shook hands and played again.',
  });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.ok(!closed(id), 'the second pupil\'s cycle is still open');
  let record = await (await api(`/api/v1/incidents/${id}`, { as: 'teacher' })).json();
  assert.equal(record.repaired_in_time, false, 'one pupil of two is not the record repaired');
  let page = await pages.teacher.get(`/incidents/${id}`);
  // The pupil's name as the page writes it, ready for a regular expression.
  const nameOf = (p) => server.sql(`SELECT COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || last_name FROM pupils WHERE id = ${p}`)
    .replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(page.text, new RegExp(`${nameOf(a)}: Repaired within time`));
  assert.match(page.text, new RegExp(`${nameOf(b)}: Repair not yet done`));

  const why = await call(`/api/v1/incidents/${id}/no-repair`, 'senior', {
    pupil_id: b, reason: 'pupil_left', note: 'Moved to another school on Friday.',
  });
  assert.equal(why.status, 201, JSON.stringify(why.body));
  assert.equal(why.body.reason, 'pupil_left');
  assert.ok(closed(id));
  record = await (await api(`/api/v1/incidents/${id}`, { as: 'teacher' })).json();
  assert.equal(record.repaired_in_time, false);
  assert.equal(record.repaired_at, null);
  page = await pages.teacher.get(`/incidents/${id}`);
  assert.match(page.text, new RegExp(`${nameOf(a)}: Repaired within time`));
  assert.match(page.text, new RegExp(`${nameOf(b)}: Not repaired: the child has left the school`));
  // Each pupil's page counts their own cycle.
  assert.match((await pages.teacher.get(`/pupils/${a}`)).text, /1 of 1 record repaired within the policy&apos;s time\./);
  assert.match((await pages.teacher.get(`/pupils/${b}`)).text, /0 of 1 record repaired within the policy&apos;s time\./);
});

test('only a senior leader records why a repair will not happen; bad input is 422 naming the field', async () => {
  const r = await hurtingRecord();
  await completeCall(r);
  const url = `/api/v1/incidents/${r.id}/no-repair`;
  const good = { pupil_id: r.pupil, reason: 'pupil_declined', note: 'Offered on Monday and Wednesday; he did not want to talk.' };
  for (const as of ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'admin']) {
    const refused = await call(url, as, good);
    assert.equal(refused.status, 403, `${as}: ${JSON.stringify(refused.body)}`);
    assert.equal(refused.body.error.code, 'forbidden');
  }
  const other = pupils.shift();
  const cases = [
    [{ ...good, reason: '' }, 'reason', /Choose why the repair will not happen/],
    [{ ...good, reason: 'too_busy' }, 'reason', /pupil_declined, adult_left, pupil_left or not_appropriate/],
    [{ ...good, note: '   ' }, 'note', /Say in a sentence or two what happened/],
    [{ ...good, note: 'x'.repeat(4001) }, 'note', /too long/],
    [{ ...good, pupil_id: other }, 'pupil_id', /Choose a pupil whose repair this record asks for/],
    [{ ...good, pupil_id: 'seven' }, 'pupil_id', /./],
    [{ ...good, reason: ['pupil_declined'] }, 'reason', /./],
  ];
  for (const [json, field, message] of cases) {
    const bad = await call(url, 'senior', json);
    assert.equal(bad.status, 422, JSON.stringify([json, bad.body]));
    assert.equal(bad.body.error.field, field, JSON.stringify(bad.body));
    assert.match(bad.body.error.message, message);
  }
  assert.equal((await call('/api/v1/incidents/99999999/no-repair', 'senior', good)).status, 404);
  assert.equal(server.sql(`SELECT COUNT(*) FROM no_repairs WHERE incident_id = ${r.id}`), '0');
  assert.equal(status(r.talk.id), 'open');

  // The page form: refused to the pastoral lead, and without the CSRF token.
  const pastoral = pages.pastoral;
  const seen = await pastoral.get(`/incidents/${r.id}`);
  assert.doesNotMatch(seen.text, /action="\/incidents\/\d+\/no-repair"/);
  assert.match(seen.text, /a senior leader records why on this page/);
  const form = { csrf_token: pastoral.csrf, pupil_id: String(r.pupil), reason: 'pupil_declined', note: 'He said no.' };
  assert.equal((await pastoral.post(`/incidents/${r.id}/no-repair`, { form })).status, 403);
  const senior = pages.senior;
  await senior.get(`/incidents/${r.id}`);
  const noToken = await senior.post(`/incidents/${r.id}/no-repair`, { form: { ...form, csrf_token: 'wrong' } });
  assert.equal(noToken.status, 403);
  // A mistake on the page is shown beside the form, what was typed kept.
  const noReason = await senior.post(`/incidents/${r.id}/no-repair`, {
    form: { csrf_token: senior.csrf, pupil_id: String(r.pupil), note: 'Offered twice; he declined.' },
  });
  assert.equal(noReason.status, 422);
  assert.match(noReason.text, /id="no-repair-error">Choose why the repair will not happen</);
  assert.match(noReason.text, /<details class="form-panel" id="no-repair" open>/);
  assert.match(noReason.text, />Offered twice; he declined\.<\/textarea>/);
  assert.equal(server.sql(`SELECT COUNT(*) FROM no_repairs WHERE incident_id = ${r.id}`), '0');
});

test('a senior leader records why the repair will not happen: the cycle closes, not repaired, everywhere', async () => {
  const r = await hurtingRecord();
  await completeCall(r);
  const senior = pages.senior;
  const page = await senior.get(`/incidents/${r.id}`);
  assert.match(page.text, /<summary>The repair will not happen<\/summary>/);
  assert.match(page.text, /<legend>Why it will not happen<\/legend>/);
  // In the school's words: seed 004's policy says "child".
  assert.match(page.text, /<label for="nr-pupil_declined">The child declined, though it was offered more than once<\/label>/);
  const saved = await senior.post(`/incidents/${r.id}/no-repair`, {
    form: {
      csrf_token: senior.csrf, pupil_id: String(r.pupil), reason: 'pupil_declined',
      note: 'Offered on Monday and again on Wednesday; he did not want to talk about it.',
    },
  });
  assert.equal(saved.status, 303, saved.text.slice(0, 400));
  assert.equal(saved.headers.get('location'), `/incidents/${r.id}#restorative`);

  // The actions are done with the reason; the record is closed, not repaired.
  assert.equal(status(r.talk.id), 'done');
  assert.equal(server.sql(`SELECT outcome FROM actions WHERE id = ${r.talk.id}`),
    'Not repaired: the child declined, though it was offered more than once. Offered on Monday and again on Wednesday; he did not want to talk about it.');
  assert.ok(closed(r.id));
  assert.equal(server.sql(`SELECT repaired_at IS NULL FROM incidents WHERE id = ${r.id}`), '1');
  assert.equal(server.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'restorative.no_repair' AND subject_id = ${r.id}`), '1');
  const twice = await call(`/api/v1/incidents/${r.id}/no-repair`, 'senior', {
    pupil_id: r.pupil, reason: 'adult_left', note: 'Again.',
  });
  assert.equal(twice.status, 409);

  // The record page, for the teacher too: not repaired, with the reason.
  const shown = await pages.teacher.get(`/incidents/${r.id}`);
  assert.match(shown.text, /<strong>Closed\.<\/strong>/);
  assert.match(shown.text, /status-line--warn">.*Not repaired: the child declined, though it was offered more than once<\/p>/);
  assert.doesNotMatch(shown.text, /Repaired within time/);
  assert.match(shown.text, /: the repair will not happen<\/h3>/);
  assert.match(shown.text, /This counts as not repaired\./);

  // The API: not repaired in time, and listed with the reason.
  const record = await (await api(`/api/v1/incidents/${r.id}`, { as: 'teacher' })).json();
  assert.equal(record.repaired_in_time, false);
  assert.equal(record.repaired_at, null);
  const listed = await (await api(`/api/v1/restorative?incident=${r.id}`, { as: 'teacher' })).json();
  assert.deepEqual(listed.no_repairs.map((n) => [n.pupil_id, n.reason]), [[r.pupil, 'pupil_declined']]);
  assert.match(listed.no_repairs[0].note, /Offered on Monday/);
  const byPupil = await (await api(`/api/v1/restorative?pupil=${r.pupil}`, { as: 'pastoral' })).json();
  assert.equal(byPupil.no_repairs.length, 1);

  // The pupil's page: the chronology and this term's figure count it as
  // not repaired.
  const pupilPage = await pages.teacher.get(`/pupils/${r.pupil}`);
  assert.equal(pupilPage.status, 200);
  const chronology = pupilPage.text.slice(pupilPage.text.indexOf('id="chronology"'));
  const entry = chronology.slice(chronology.indexOf(`href="/incidents/${r.id}"`));
  assert.match(entry.slice(0, entry.indexOf('</li>')), /Not repaired: the child declined/);
  assert.match(pupilPage.text, /0 of 1 record repaired within the policy&apos;s time\./);
  assert.match(pupilPage.text, /1 not repaired: a senior leader recorded why it will not happen/);
});

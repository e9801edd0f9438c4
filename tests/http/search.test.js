// Finding records by their words (/records and GET /api/v1/incidents?q=,
// decision 0016): a restricted record is never found, counted or betrayed
// for a role that may not read it, even when its words are found nowhere
// else; the DSL finds it and the read is audited; "What I recorded" holds
// only the signer's records; paging clamps; what is typed is never search
// syntax (never a 500); the index follows every write; the download is
// audited.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser, PG } = require('../support/server');

let server;
const tokens = {};
let pupils = [];
test.before(async () => {
  server = await startServer({ pupils: 60 });
  for (const role of ['teacher', 'support', 'dsl', 'senior', 'pastoral']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
  }
  const list = await (await api('/api/v1/pupils?limit=100', { as: 'teacher' })).json();
  pupils = list.pupils.filter((p) => p.sen_status === 'N').map((p) => p.id);
  assert.ok(pupils.length >= 12);
});
test.after(async () => { await server.stop(); });

function api(path, { as, method = 'GET', json } = {}) {
  const headers = { authorization: `Bearer ${tokens[as]}` };
  let body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  }
  return fetch(server.base + path, { method, headers, body });
}

async function record(as, body) {
  const res = await api('/api/v1/incidents', { as, method: 'POST', json: body });
  const out = await res.json();
  assert.equal(res.status, 201, JSON.stringify(out));
  return out.id;
}

let nextPupil = 0;
const takePupil = () => pupils[nextPupil++];

async function signedIn(role) {
  const b = new Browser(server.base);
  assert.equal((await b.signIn(`${role}@demo.attune.school`)).status, 303);
  return b;
}

// The audit entries naming record `id` as a restricted read.
async function restrictedReads(id) {
  await server.settle();
  return Number(server.sql(
    `SELECT COUNT(*) FROM audit_log a WHERE a.action = 'incident.read_restricted' AND (a.subject_id = ${id} ` +
    `OR EXISTS (SELECT 1 FROM audit_subjects s WHERE s.audit_id = a.id AND s.subject_id = ${id}))`));
}

const hrefs = (html) => [...html.matchAll(/href="\/incidents\/(\d+)"/g)].map((m) => Number(m[1]));

test('a restricted record is never found by a teacher, even by a word only it holds; the DSL finds it, audited', async () => {
  const secret = await record('pastoral', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'peer_on_peer_abuse',
    notes: 'Disclosure about zanzibarite at break.',
  });
  assert.equal(server.sql(`SELECT restricted FROM incidents WHERE id = ${secret}`), '1');
  const open = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others',
    notes: 'Pushed past in the corridor near the quasarville display.',
  });

  // Pages: nothing found, nothing counted, no sign of it.
  const teacher = await signedIn('teacher');
  for (const q of ['zanzibarite', 'zanzib', 'Disclosure zanzibarite']) {
    const page = await teacher.get(`/records?view=all&q=${encodeURIComponent(q)}`);
    assert.equal(page.status, 200, q);
    assert.deepEqual(hrefs(page.text), [], q);
    assert.match(page.text, /0 records with/, q);
    assert.doesNotMatch(page.text, /zanzibarite at break/i, q);
  }
  const found = await teacher.get('/records?view=all&q=quasarville');
  assert.deepEqual(hrefs(found.text), [open]);
  assert.match(found.text, /<mark>quasarville<\/mark>/);
  // The API alike.
  const teacherApi = await (await api('/api/v1/incidents?q=zanzibarite', { as: 'teacher' })).json();
  assert.deepEqual(teacherApi.incidents, []);
  // A CSV download neither.
  const csv = await teacher.get('/records.csv?view=all&q=zanzibarite');
  assert.equal(csv.status, 200);
  assert.doesNotMatch(csv.text, /zanzibarite/);
  assert.equal(await restrictedReads(secret), 0);

  // The DSL finds it on the page, and that read is audited.
  // (Signing in shows the DSL's My day, which lists new concerns: counted
  // from after it.)
  const dsl = await signedIn('dsl');
  const before = await restrictedReads(secret);
  const dslPage = await dsl.get('/records?view=all&q=zanzibarite');
  assert.deepEqual(hrefs(dslPage.text), [secret]);
  assert.match(dslPage.text, /<mark>zanzibarite<\/mark>/);
  assert.match(dslPage.text, /Safeguarding/);
  assert.equal(await restrictedReads(secret), before + 1);
  // And through the API, audited again.
  const dslApi = await (await api('/api/v1/incidents?q=zanzibarite', { as: 'dsl' })).json();
  assert.deepEqual(dslApi.incidents.map((i) => i.id), [secret]);
  assert.equal(await restrictedReads(secret), before + 2);
  const dslStaff = server.sql("SELECT id FROM staff WHERE email = 'dsl@demo.attune.school'");
  assert.equal(server.sql(
    `SELECT COUNT(DISTINCT staff_id) || ':' || MAX(staff_id) FROM audit_log WHERE action = 'incident.read_restricted' ` +
    `AND (subject_id = ${secret} OR id IN (SELECT audit_id FROM audit_subjects WHERE subject_id = ${secret}))`),
  `1:${dslStaff}`);
});

test('"What I recorded" shows only the signer\'s records, and is where a teacher lands', async () => {
  const mine = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others', notes: 'Threw a ruler at the marmalade table.',
  });
  const theirs = await record('support', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others', notes: 'Marmalade spilt on purpose at lunch.',
  });
  const teacher = await signedIn('teacher');
  const landing = await teacher.get('/records');
  assert.equal(landing.status, 200);
  assert.match(landing.text, /<h1>What I recorded<\/h1>/);
  const teacherStaff = server.sql("SELECT id FROM staff WHERE email = 'teacher@demo.attune.school'");
  const shown = hrefs(landing.text);
  assert.ok(shown.includes(mine));
  assert.ok(!shown.includes(theirs));
  for (const id of shown) {
    assert.equal(server.sql(`SELECT recorded_by_staff_id FROM incidents WHERE id = ${id}`), teacherStaff);
  }
  const mineWords = await teacher.get('/records?view=mine&q=marmalade');
  assert.deepEqual(hrefs(mineWords.text), [mine]);
  const allWords = await teacher.get('/records?view=all&q=marmalade');
  assert.deepEqual(hrefs(allWords.text).sort(), [mine, theirs].sort());
  // A leader lands on everyone's.
  const pastoral = await signedIn('pastoral');
  assert.match((await pastoral.get('/records')).text, /<h1>Records<\/h1>/);
});

test('paging: 25 a page, the most recently recorded first, a page outside the range shows the nearest', async () => {
  const pupil = takePupil();
  const made = [];
  // Made in the opposite order to when they happened (a week written up
  // late, newest day first): the list follows the order they were made.
  for (let k = 29; k >= 0; k--) {
    const day = String(1 + (k % 28)).padStart(2, '0');
    made.push(await record('support', {
      pupils: [{ id: pupil, role: 'involved' }], category: 'kindness', reward: 'praise_point',
      occurred_at: `2026-${k < 28 ? '09' : '10'}-${day}T10:${String(k).padStart(2, '0')}:00Z`,
      notes: `Helped tidy the xylophones, time ${k}.`,
    }));
  }
  const support = await signedIn('support');
  const first = await support.get('/records?view=all&q=xylophones');
  assert.equal(first.status, 200);
  assert.match(first.text, /30 records with/);
  assert.match(first.text, /1–25 of 30/);
  const firstIds = hrefs(first.text);
  assert.equal(firstIds.length, 25);
  for (let k = 1; k < firstIds.length; k++) assert.ok(Number(firstIds[k - 1]) > Number(firstIds[k]), 'the most recently recorded first');
  assert.equal(firstIds[0], made[made.length - 1]);
  assert.match(first.text, /the most recently recorded first/);
  const second = await support.get('/records?view=all&q=xylophones&page=2');
  assert.equal(hrefs(second.text).length, 5);
  assert.deepEqual([...firstIds, ...hrefs(second.text)].sort(), [...made].sort());
  for (const [page, expect] of [['-1', 25], ['0', 25], ['abc', 25], ['99999', 5], ['1e9', 25],
    ['99999999999999999999', 5], ['2.5', 25]]) {
    const res = await support.get(`/records?view=all&q=xylophones&page=${page}`);
    assert.equal(res.status, 200, page);
    assert.equal(hrefs(res.text).length, expect, `page=${page}`);
  }
  // Between dates: September only.
  const sept = await support.get('/records?view=all&q=xylophones&from=2026-09-01&to=2026-09-30');
  assert.match(sept.text, /28 records with/);
  const bad = await support.get('/records?view=all&q=xylophones&from=yesterday');
  assert.equal(bad.status, 200);
  assert.match(bad.text, /was left out/);
  // The API's offset pages the same matches.
  const apiPage = await (await api('/api/v1/incidents?q=xylophones&limit=25&offset=25', { as: 'support' })).json();
  assert.equal(apiPage.incidents.length, 5);
});

test('a word in more records than are worth counting says "more than 1,000", and every page is reached', async () => {
  // 1,060 records holding "quokka", copied from one the demo made.
  server.sql(`WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1060)
    INSERT INTO incidents (school_id, policy_version_id, category, behaviour_class, occurred_at, recorded_at,
                           recorded_by_staff_id, behaviour)
    SELECT i.school_id, i.policy_version_id, i.category, i.behaviour_class, i.occurred_at - k * 60, i.recorded_at,
           i.recorded_by_staff_id, 'Fed the quokka, number ' || k
    FROM n, (SELECT * FROM incidents WHERE restricted = 0 ORDER BY id LIMIT 1) i`);
  const support = await signedIn('support');
  const first = await support.get('/records?view=all&q=quokka');
  assert.equal(first.status, 200);
  assert.match(first.text, /More than 1,000 records with “quokka”/);
  assert.match(first.text, /1–25 of more than 1,000/);
  assert.match(first.text, /Download up to 2,000 \(CSV\)/);
  assert.match(first.text, /number 1060\)?</);
  // Page 42 is past the first count: it is shown, and the count reaches the end.
  const page42 = await support.get('/records?view=all&q=quokka&page=42');
  assert.match(page42.text, /1,026–1,050 of 1,060/);
  assert.match(page42.text, /rel="next"/);
  const page43 = await support.get('/records?view=all&q=quokka&page=43');
  assert.match(page43.text, /1,051–1,060 of 1,060/);
  assert.doesNotMatch(page43.text, /rel="next"/);
  assert.match(page43.text, /number 1</);
});

test('a word is found whatever its accents or case, and the excerpt marks it, on either store', async () => {
  // As SQLite's index reads words (unicode61 remove_diacritics 2), so
  // PostgreSQL's (attune_fold, decision 0036).
  const accented = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others',
    notes: 'Zoë left the café with a naïve grin by the orangery.',
  });
  const plain = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others',
    notes: 'Zoe said the cafe mess by the orangery was a naive slip.',
  });
  const both = [accented, plain].sort();
  const teacher = await signedIn('teacher');
  for (const [q, marked] of [
    ['zoe orangery', ['Zoë', 'Zoe']], ['Zoë orangery', ['Zoë', 'Zoe']], ['ZOË orangery', ['Zoë', 'Zoe']],
    ['CAFE orangery', ['café', 'cafe']], ['café orangery', ['café', 'cafe']],
    ['naive orangery', ['naïve', 'naive']], ['NAÏVE orangery', ['naïve', 'naive']],
    ['orangery caf', ['café', 'cafe']], ['orangery zo', ['Zoë', 'Zoe']],
  ]) {
    const page = await teacher.get(`/records?view=all&q=${encodeURIComponent(q)}`);
    assert.equal(page.status, 200, q);
    assert.deepEqual(hrefs(page.text).sort(), both, q);
    for (const word of marked) assert.match(page.text, new RegExp(`<mark>${word}</mark>`), `${q}: ${word}`);
    const res = await (await api(`/api/v1/incidents?q=${encodeURIComponent(q)}`, { as: 'teacher' })).json();
    assert.deepEqual(res.incidents.map((i) => i.id).sort(), both, `api ${q}`);
  }
  // A letter of its own is not an accented one, as on SQLite: ł is not l.
  await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others',
    notes: 'Łukasz waited by the orangery.',
  });
  const lukasz = await teacher.get(`/records?view=all&q=${encodeURIComponent('lukasz orangery')}`);
  assert.deepEqual(hrefs(lukasz.text), []);
  assert.equal(hrefs((await teacher.get(`/records?view=all&q=${encodeURIComponent('Łukasz')}`)).text).length, 1);
});

test('what is typed is never search syntax: hostile queries give 200 or 422, never 500', async () => {
  await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others',
    notes: 'Said "no" OR shouted NEAR the door - then <script>alert(1)</script> calmed.',
  });
  const teacher = await signedIn('teacher');
  const hostile = ['"', '""', '"unbalanced', '*', '**', 'door*', 'NEAR(', 'NEAR(door calmed)', 'OR', 'a OR b',
    '-', '-door', 'NOT', 'AND', '(', ')', '{door}', 'behaviour:door', '^door', '\u0000', '\u0001door\u0002',
    '\u0002\u0003', 'door\u0003', "'; DROP TABLE incidents; --", '%', '%25', '\\', 'é', '“door”', '😀',
    'x'.repeat(200), 'x'.repeat(201), 'door '.repeat(60)];
  for (const q of hostile) {
    const page = await teacher.get(`/records?view=all&q=${encodeURIComponent(q)}`);
    assert.ok(page.status === 200 || page.status === 422, `page ${JSON.stringify(q)} gave ${page.status}`);
    assert.doesNotMatch(page.text, /<script>alert/);
    const res = await api(`/api/v1/incidents?q=${encodeURIComponent(q)}`, { as: 'teacher' });
    assert.ok(res.status === 200 || res.status === 422, `api ${JSON.stringify(q)} gave ${res.status}`);
    if (res.status === 422) assert.equal((await res.json()).error.field, 'q');
  }
  // Punctuation alone has no word to look for: one message saying what to
  // type, not also "no records have those words".
  const marks = await teacher.get(`/records?view=all&q=${encodeURIComponent('?!--')}`);
  assert.equal(marks.status, 422);
  assert.match(marks.text, /Type a word from the notes to search for/);
  assert.doesNotMatch(marks.text, /No records you may read have those words/);
  const tooLong = await teacher.get(`/records?q=${'x'.repeat(201)}`);
  assert.equal(tooLong.status, 422);
  assert.match(tooLong.text, /at most 200 characters/);
  // The words still match as words; the note's own markup comes out escaped.
  const found = await teacher.get(`/records?view=all&q=${encodeURIComponent('NEAR( "door" OR')}`);
  assert.equal(hrefs(found.text).length, 1);
  const script = await teacher.get('/records?view=all&q=script+alert');
  assert.equal(hrefs(script.text).length, 1);
  assert.match(script.text, /&lt;<mark>script<\/mark>&gt;<mark>alert<\/mark>\(1\)/);
  assert.doesNotMatch(script.text, /<script>alert/);
});

test('the index follows every write: amends are found, an undone note is gone', async () => {
  const pupil = takePupil();
  const id = await record('teacher', {
    pupils: [{ id: pupil, role: 'involved' }], category: 'hurting_others', notes: 'Knocked the tray.',
  });
  const res = await api(`/api/v1/incidents/${id}/amends`, {
    as: 'teacher', method: 'POST', json: { pupil_id: pupil, words: 'I will rebuild the periwinkle model.' },
  });
  assert.equal(res.status, 201);
  const found = await (await api('/api/v1/incidents?q=periwinkle', { as: 'teacher' })).json();
  assert.deepEqual(found.incidents.map((i) => i.id), [id]);
  assert.deepEqual((await (await api('/api/v1/incidents?q=knocked+tray', { as: 'teacher' })).json())
    .incidents.map((i) => i.id), [id]);
  // A change of the notes, by any path, is followed (triggers).
  server.sql(`UPDATE incidents SET behaviour = 'Moved the chair loudly.' WHERE id = ${id}`);
  assert.deepEqual((await (await api('/api/v1/incidents?q=knocked', { as: 'teacher' })).json()).incidents, []);
  assert.deepEqual((await (await api('/api/v1/incidents?q=periwinkle+chair', { as: 'teacher' })).json())
    .incidents.map((i) => i.id), [id]);
  server.sql(`DELETE FROM incidents WHERE id = ${id}`);
  assert.equal(server.sql(`SELECT COUNT(*) FROM record_words WHERE ${PG ? 'incident_id' : 'rowid'} = ${id}`), '0');
});

test('the download holds the search\'s records and writes an export.csv audit entry', async () => {
  const id = await record('teacher', {
    pupils: [{ id: takePupil(), role: 'involved' }], category: 'hurting_others', notes: '=HYPERLINK("x") by the bandstand.',
  });
  const teacher = await signedIn('teacher');
  const page = await teacher.get('/records?view=all&q=bandstand');
  assert.match(page.text, /href="\/records\.csv\?view=all&amp;q=bandstand"/);
  const before = Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'"));
  const csv = await teacher.get('/records.csv?view=all&q=bandstand');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="records.csv"/);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^Record,When,Pupils,Category,Kind,Recorded by,Safeguarding,Excerpt$/);
  assert.ok(lines[1].startsWith(`${id},`));
  assert.match(lines[1], /"'=HYPERLINK\(""x""\) by the bandstand\."$/);
  await server.settle();
  assert.equal(Number(server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'export.csv'")), before + 1);
  assert.match(server.sql("SELECT detail FROM audit_log WHERE action = 'export.csv' ORDER BY id DESC LIMIT 1"),
    /records with "bandstand": 1 rows/);
});

test('only those who may view records reach the page; it is in the navigation', async () => {
  const anon = await fetch(`${server.base}/records`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  const teacher = await signedIn('teacher');
  assert.match((await teacher.get('/')).text, /href="\/records"[^>]*>Records</);
});

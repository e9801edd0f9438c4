// A pupil's chronology (GET /pupils/{id}/chronology): filtered by kind,
// class, category and dates, 50 to a page, with what is not understood
// dropped rather than refused; the whole filtered list to print
// (/chronology/print) and as CSV (/chronology.csv, audited as export.csv).
// Restricted records (a safeguarding concern, visible to the DSL and senior
// leaders only, seed 004) never reach a teacher by any of the three, and
// the DSL's reads of them are audited.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');

let server;
const tokens = {};
const pages = {};
let pupil;
let concern;  // the restricted record's id
const made = [];  // { id, category, cls, at }

async function record(category, at, as = 'teacher') {
  const res = await fetch(`${server.base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      pupils: [{ id: pupil, role: 'involved' }], category, occurred_at: at,
      notes: `Noted on ${at}.`,
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

// "YYYY-MM-DD HH:MM" in London, `days` ago at 10:30.
function daysAgo(days) {
  const d = new Date(Date.now() - days * 86400 * 1000);
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

const ids = (text) => [...text.matchAll(/<li class="chronology__item[^"]*">[\s\S]*?href="\/incidents\/(\d+)"/g)]
  .map((m) => Number(m[1]));
const classes = (text) => [...text.matchAll(/chronology__item--(\w+)/g)].map((m) => m[1]);
const count = (text) => Number(/ · (\d+) records?<\/p>/.exec(text)?.[1]);

test.before(async () => {
  server = await startServer({ pupils: 20 });
  for (const role of ['teacher', 'dsl', 'senior', 'pastoral']) {
    const out = server.cli(['token', 'create', '--email', `${role}@demo.attune.school`]);
    tokens[role] = out.trim().split('\n').pop();
    pages[role] = new Browser(server.base);
    const signed = await pages[role].signIn(`${role}@demo.attune.school`);
    assert.equal(signed.status, 303);
  }
  pupil = Number(server.sql('SELECT id FROM pupils WHERE school_id = 1 AND sen_status = \'N\' ORDER BY id LIMIT 1'));
  // 60 positive notes over the last 200 days, two low-level, one difficult,
  // and one safeguarding concern 30 days ago.
  for (let k = 0; k < 60; ++k) {
    const at = `${daysAgo(200 - 3 * k)} 10:${String(10 + (k % 40)).padStart(2, '0')}`;
    made.push({ id: await record('kindness', at), cls: 'prosocial', at });
  }
  for (const [category, cls, days] of [['low_level_disruption', 'low_level', 100],
    ['routines', 'low_level', 40], ['belongings_environment', 'difficult', 20]]) {
    const at = `${daysAgo(days)} 13:20`;
    made.push({ id: await record(category, at), cls, at });
  }
  concern = await record('peer_on_peer_abuse', `${daysAgo(30)} 14:05`, 'dsl');
});
test.after(async () => { await server.stop(); });

const chronology = (as, query = '') => pages[as].get(`/pupils/${pupil}/chronology${query}`);

test('the chronology lists everything newest first, 50 to a page, and paging clamps', async () => {
  const first = await chronology('dsl');
  assert.equal(first.status, 200);
  assert.equal(count(first.text), 64);
  const shown = ids(first.text);
  assert.equal(shown.length, 50);
  assert.match(first.text, /Page 1 of 2/);
  const second = await chronology('dsl', '?page=2');
  assert.equal(ids(second.text).length, 14);
  // Past the end: the last page; nonsense: the first.
  const beyond = await chronology('dsl', '?page=999');
  assert.equal(beyond.status, 200);
  assert.deepEqual(ids(beyond.text), ids(second.text));
  for (const bad of ['?page=-3', '?page=abc', '?page=1e9', '?page=']) {
    const res = await chronology('dsl', bad);
    assert.equal(res.status, 200, bad);
    assert.deepEqual(ids(res.text), shown, bad);
  }
  // Newest first across both pages.
  const all = [...shown, ...ids(second.text)];
  const at = (id) => server.sql(`SELECT occurred_at FROM incidents WHERE id = ${id}`);
  for (let k = 1; k < all.length; k += 7) assert.ok(Number(at(all[k - 1])) >= Number(at(all[k])));
});

test('filters by kind, class, category and dates narrow the list', async () => {
  const positive = await chronology('dsl', '?kind=positive');
  assert.equal(count(positive.text), 60);
  assert.ok(classes(positive.text).every((c) => c === 'prosocial'));

  const difficult = await chronology('dsl', '?kind=difficult');
  assert.equal(count(difficult.text), 3);
  assert.deepEqual(classes(difficult.text).sort(), ['difficult', 'low_level', 'low_level']);
  assert.ok(!ids(difficult.text).includes(concern), 'a concern is not among "difficult"');

  const concerns = await chronology('dsl', '?kind=safeguarding');
  assert.deepEqual(ids(concerns.text), [concern]);

  const low = await chronology('dsl', '?class=low_level');
  assert.equal(count(low.text), 2);
  const routines = await chronology('dsl', '?category=routines');
  assert.equal(ids(routines.text).length, 1);

  // From and to are whole days, both included.
  const day = made[10].at.slice(0, 10);
  const oneDay = await chronology('dsl', `?from=${day}&to=${day}`);
  assert.deepEqual(ids(oneDay.text), [made[10].id]);
  const since = await chronology('dsl', `?from=${daysAgo(45)}`);
  const expected = made.filter((m) => m.at.slice(0, 10) >= daysAgo(45)).length + 1;  // + the concern
  assert.equal(count(since.text), expected);
  // The wrong way round is read the right way round.
  const swapped = await chronology('dsl', `?from=${daysAgo(45)}&to=${daysAgo(0)}`);
  const reversed = await chronology('dsl', `?from=${daysAgo(0)}&to=${daysAgo(45)}`);
  assert.deepEqual(ids(reversed.text), ids(swapped.text));
  // Together: positive in the last 45 days.
  const both = await chronology('dsl', `?kind=positive&from=${daysAgo(45)}`);
  assert.equal(count(both.text), expected - 1 - 2);  // less the concern, routines and belongings
  assert.ok(classes(both.text).every((c) => c === 'prosocial'));
});

test('values not understood are dropped, never a 500', async () => {
  const all = await chronology('dsl');
  for (const q of ['?from=2026-13-45', '?to=banana', '?from=2026-1-5', '?kind=everything',
    '?class=rude', '?category=no_such_thing', '?from=%27%3B--', '?kind=&class=&category=&from=&to=',
    '?from=99999-01-01']) {
    const res = await chronology('dsl', q);
    assert.equal(res.status, 200, q);
    assert.equal(count(res.text), 64, q);
    assert.deepEqual(ids(res.text), ids(all.text), q);
  }
  // A broken escape is dropped with the rest of what is not understood.
  const broken = await chronology('dsl', '?from=%ZZ&kind=%E0%A4');
  assert.equal(broken.status, 200);
  assert.equal(count(broken.text), 64);
  const missing = await pages.dsl.get('/pupils/99999999/chronology');
  assert.equal(missing.status, 404);
});

test('a teacher never sees the restricted record, on the page, to print or in the CSV', async () => {
  const page = await chronology('teacher');
  assert.equal(page.status, 200);
  assert.equal(count(page.text), 63);
  // Asking for concerns is dropped: the teacher sees what they may.
  const asked = await chronology('teacher', '?kind=safeguarding&category=peer_on_peer_abuse');
  assert.equal(count(asked.text), 63);
  assert.doesNotMatch(asked.text, /Safeguarding concerns|peer on peer/);
  const everyPage = [...ids(page.text), ...ids((await chronology('teacher', '?page=2')).text)];
  assert.equal(everyPage.length, 63);
  assert.ok(!everyPage.includes(concern));
  const print = await pages.teacher.get(`/pupils/${pupil}/chronology/print`);
  assert.equal(ids(print.text).length, 63);
  assert.ok(!ids(print.text).includes(concern));
  const csv = await pages.teacher.get(`/pupils/${pupil}/chronology.csv`);
  assert.ok(!csv.text.split('\n').some((line) => line.startsWith(`${concern},`)));
  const pupilPage = await pages.teacher.get(`/pupils/${pupil}?period=all`);
  assert.ok(!ids(pupilPage.text).includes(concern));
  await server.settle();
  assert.equal(server.sql(
    `SELECT COUNT(*) FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE s.email = 'teacher@demo.attune.school' AND a.action = 'incident.read_restricted'`), '0');
});

test('the DSL reads the concern, and each read (page, print, CSV) is audited', async () => {
  const dslReads = () => Number(server.sql(
    `SELECT COUNT(*) FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE s.email = 'dsl@demo.attune.school' AND a.action = 'incident.read_restricted' AND a.detail LIKE '%/chronology%'`));
  await server.settle();
  const before = dslReads();
  const page = await chronology('dsl', '?kind=safeguarding');
  assert.match(page.text, /Restricted/);
  const print = await pages.dsl.get(`/pupils/${pupil}/chronology/print?kind=safeguarding`);
  assert.deepEqual(ids(print.text), [concern]);
  const csv = await pages.dsl.get(`/pupils/${pupil}/chronology.csv?kind=safeguarding`);
  assert.ok(csv.text.split('\n').some((line) => line.startsWith(`${concern},`)));
  await server.settle();
  assert.equal(dslReads(), before + 3);
  const printed = server.sql(
    `SELECT detail FROM audit_log WHERE action = 'incident.read_restricted' AND detail LIKE '%/chronology/print%' ORDER BY id DESC LIMIT 1`);
  assert.match(printed, /print/);
});

test('the print view is the whole filtered list, headed with the pupil and the dates', async () => {
  const print = await pages.dsl.get(`/pupils/${pupil}/chronology/print?kind=positive&from=${daysAgo(400)}`);
  assert.equal(print.status, 200);
  assert.equal(ids(print.text).length, 60, 'no paging in print');
  assert.doesNotMatch(print.text, /class="paging"/);
  assert.match(print.text, /<link rel="stylesheet" href="\/static\/css\/print.css" media="print">/);
  assert.match(print.text, /class="print-stamp">[^<]*Printed by [^<]+ on [^<]+/);
  assert.match(print.text, /From [^<]* on<\/strong> · Positive records · 60 records/);
  const css = await fetch(`${server.base}/static/css/print.css`);
  assert.equal(css.status, 200);
  assert.match(await css.text(), /@page \{ size: A4/);
});

test('the CSV has the header and one row per filtered record, and is audited as export.csv', async () => {
  const csv = await pages.senior.get(`/pupils/${pupil}/chronology.csv?class=low_level`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), new RegExp(`attachment; filename="chronology-${pupil}.csv"`));
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'Record,Date,Time,Pupil,What,Class,Part,Step,Points,Place,Recorded by,Before,What happened,Response,Repair,Restricted');
  assert.equal(lines.length, 3);
  assert.ok(lines.slice(1).every((l) => /Low-level/i.test(l)), lines.join('\n'));
  await server.settle();
  const entry = server.sql(
    `SELECT a.detail FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE s.email = 'senior@demo.attune.school' AND a.action = 'export.csv' ORDER BY a.id DESC LIMIT 1`);
  assert.equal(entry, `chronology of pupil ${pupil}: 2 rows`);
});

test('the pupil page links to the chronology and reads the same records', async () => {
  const page = await pages.dsl.get(`/pupils/${pupil}?period=all`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`href="/pupils/${pupil}/chronology"`));
  // The newest 50 of the pupil's 64, with the way to the rest.
  assert.equal(ids(page.text).length, 50);
  assert.match(page.text, /Showing the newest 50\./);
  const shown = ids(page.text);
  const chronology = await pages.dsl.get(`/pupils/${pupil}/chronology`);
  assert.deepEqual(ids(chronology.text).slice(0, 50), shown, 'the same records, newest first');
  const term = await pages.dsl.get(`/pupils/${pupil}?class=prosocial&period=all`);
  assert.ok(classes(term.text).every((c) => c === 'prosocial'));
});

// Where a record's repair stands is read from the conversations about the
// records a page shows, not the pupil's whole history: the pupil page lists
// those about this term's records only, and the chronology still shows an
// old record's repair.
test("the pupil page's conversations are about the records it shows; the chronology keeps an old record's repair", async () => {
  const post = async (url, as, json) => {
    const res = await fetch(server.base + url, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    const body = await res.json();
    assert.ok([200, 201].includes(res.status), JSON.stringify(body));
    return body;
  };
  const talk = async (incident) => {
    const held = await post('/api/v1/restorative', 'pastoral', {
      incident_id: incident, pupil_id: pupil, pupil_answers: ['I was cross.'], agreement: 'Say sorry.',
    });
    await post(`/api/v1/restorative/${held.id}/repair`, 'teacher', {});
  };
  const old = await record('hurting_others', `${daysAgo(150)} 11:00`);
  const recent = await record('hurting_others', `${daysAgo(1)} 11:00`);
  await talk(old);
  await talk(recent);
  const page = await pages.teacher.get(`/pupils/${pupil}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`href="/incidents/${recent}#restorative"`));
  assert.doesNotMatch(page.text, new RegExp(`href="/incidents/${old}#restorative"`));
  const day = daysAgo(150);
  const back = await chronology('teacher', `?from=${day}&to=${day}`);
  assert.deepEqual(ids(back.text), [old]);
  assert.match(back.text, /Repaired, after the time the policy gives/);
});

// The teacher with a phone in one hand (issue 12), over HTTP against the
// real binary on a temporary SQLite file: a class's seating plan is saved
// only with the form's token, only for pupils of that class, inside the
// room's grid and one pupil to a seat (a clear 422 otherwise), and shown
// back in place; and the difficult record works without script: a search
// result is a link that chooses the pupil, finding pupils then folds away,
// and "Show what our policy suggests" answers without saving anything.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser } = require('../support/server');

let server;
test.before(async () => { server = await startServer({ pupils: 120 }); });
test.after(async () => { await server.stop(); });

async function signedIn(role) {
  const b = new Browser(server.base);
  const res = await b.signIn(`${role}@demo.attune.school`);
  assert.equal(res.status, 303);
  return b;
}

function decode(text) {
  return text.replace(/&amp;/g, '&').replace(/&#x2F;|&#47;/g, '/').replace(/&#39;|&#x27;/g, "'");
}

test('a class seating plan: saved with the token, checked on the server, shown where the pupils sit', async () => {
  const group = Number(server.sql('SELECT group_id FROM teaching_group_members GROUP BY group_id HAVING COUNT(*) > 3 ORDER BY group_id LIMIT 1'));
  const members = server.sql(`SELECT pupil_id FROM teaching_group_members WHERE group_id = ${group} ORDER BY pupil_id`).split('\n').map(Number);
  const outsider = Number(server.sql(`SELECT id FROM pupils WHERE id NOT IN (SELECT pupil_id FROM teaching_group_members WHERE group_id = ${group}) LIMIT 1`));
  const teacher = await signedIn('teacher');
  const page = await teacher.get(`/classes/${group}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<form id="class-seats" method="post" action="/classes/${group}/seats"`));
  assert.doesNotMatch(page.text, /tiles--seated/, 'no plan yet: the tiles are a plain list');
  const path = `/classes/${group}/seats`;
  const post = (b, seats, extra = []) => b.post(path, { form: [['csrf_token', b.csrf], ...extra, ...seats.map((s) => ['seat', s])] });
  const rows = () => server.sql(`SELECT pupil_id || ':' || seat_row || ':' || seat_column FROM seating_plans WHERE group_id = ${group} ORDER BY seat_row, seat_column`);

  // Without the form's token, or from another site, nothing changes.
  const noToken = await teacher.post(path, { form: [['seat', `${members[0]}:1:1`]] });
  assert.equal(noToken.status, 403);
  const wrongToken = await teacher.post(path, { form: [['csrf_token', 'x'.repeat(43)], ['seat', `${members[0]}:1:1`]] });
  assert.equal(wrongToken.status, 403);
  const crossSite = await teacher.post(path, { form: [['csrf_token', teacher.csrf], ['seat', `${members[0]}:1:1`]], headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(crossSite.status, 403);
  assert.equal(rows(), '');
  // Signed out: sent to sign in, nothing saved.
  const anonymous = await new Browser(server.base).post(path, { form: [['seat', `${members[0]}:1:1`]] });
  assert.ok([303, 401, 403].includes(anonymous.status), `signed out gets ${anonymous.status}`);
  assert.equal(rows(), '');

  // Bad plans are refused with the reason.
  const refused = [
    [[`${outsider}:1:1`], /is not in this class/],
    [[`${members[0]}:9:1`], /outside the room: rows go from 1 to 8 and seats from 1 to 6/],
    [[`${members[0]}:1:7`], /outside the room/],
    [[`${members[0]}:0:1`], /outside the room/],
    [[`${members[0]}:1:1`, `${members[1]}:1:1`], /Two pupils are given row 1, seat 1/],
    [[`${members[0]}:1:1`, `${members[0]}:2:2`], /is given two seats/],
    [['front row'], /Each seat is sent as pupil, row and seat/],
    [[`${members[0]}:1:99999999999999999999`], /Each seat is sent as pupil, row and seat/],
    [[`${members[0]}:-1:2`], /Each seat is sent|outside the room/],
  ];
  for (const [seats, message] of refused) {
    const res = await post(teacher, seats);
    assert.equal(res.status, 422, `${seats.join(' ')} is refused`);
    assert.match(decode(res.text), message);
  }
  assert.equal(rows(), '', 'nothing saved by a refused plan');
  assert.equal((await teacher.post('/classes/999999/seats', { form: [['csrf_token', teacher.csrf]] })).status, 404);

  // A good plan is saved, replaces the last and is shown in the room's order.
  const plan = [`${members[0]}:2:3`, `${members[1]}:1:6`, `${members[2]}:1:1`];
  const saved = await post(teacher, plan, [['back', `/classes/${group}?lesson=P1`]]);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `/classes/${group}?lesson=P1`);
  assert.equal(rows(), [`${members[2]}:1:1`, `${members[1]}:1:6`, `${members[0]}:2:3`].join('\n'));
  assert.equal(server.sql(`SELECT DISTINCT updated_by_staff_id FROM seating_plans WHERE group_id = ${group}`),
    server.sql("SELECT id FROM staff WHERE email = 'teacher@demo.attune.school'"));
  const shown = await teacher.get(`/classes/${group}`);
  assert.match(shown.text, /Seats saved\./);
  const seated = [...shown.text.matchAll(/<li data-pupil="(\d+)" data-row="(\d+)" data-column="(\d+)" class="seat-r\2 seat-c\3">/g)].map((m) => `${m[1]}:${m[2]}:${m[3]}`);
  assert.deepEqual(seated, [`${members[2]}:1:1`, `${members[1]}:1:6`, `${members[0]}:2:3`]);
  const unseated = [...shown.text.matchAll(/<li data-pupil="(\d+)"><input/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.deepEqual(unseated, members.slice(3), 'the rest are listed as without a seat');
  // Every pupil still has a tile to tap for recording.
  const boxes = [...shown.text.matchAll(/<input type="checkbox" name="pupil" value="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.deepEqual(boxes, members);
  // A back address elsewhere is not followed.
  const elsewhere = await post(teacher, plan, [['back', 'https://example.org/']]);
  assert.equal(elsewhere.headers.get('location'), `/classes/${group}`);

  // One plan per class: support staff in the room see and change the same one.
  const support = await signedIn('support');
  await support.get(`/classes/${group}`);
  const moved = await post(support, [`${members[0]}:1:1`]);
  assert.equal(moved.status, 303);
  assert.equal(rows(), `${members[0]}:1:1`);
  // No seats clears the plan.
  const cleared = await post(support, []);
  assert.equal(cleared.status, 303);
  assert.equal(rows(), '');
  assert.doesNotMatch((await support.get(`/classes/${group}`)).text, /tiles--seated/);
});

test('without script: a difficult record chooses a pupil by link, folds the search away and shows the suggestion before saving', async () => {
  const teacher = await signedIn('teacher');
  const [id, first, last] = server.sql("SELECT id || '|' || first_name || '|' || last_name FROM pupils ORDER BY id LIMIT 1").split('|');
  const found = await teacher.get(`/record?kind=difficult&q=${encodeURIComponent(last)}`);
  assert.equal(found.status, 200);
  assert.match(found.text, /<details class="record-find" open>/, 'finding is open while no one is chosen');
  const link = new RegExp(`<a class="record-pick" href="(/record\\?kind=difficult&amp;pupil=${id})"`);
  assert.match(found.text, link);
  const chosen = await teacher.get(decode(link.exec(found.text)[1]));
  assert.equal(chosen.status, 200);
  assert.match(chosen.text, new RegExp(`<input type="checkbox" name="pupil" value="${id}" form="record-form" checked>`));
  assert.match(chosen.text, /<details class="record-find">/, 'finding folds away once someone is chosen');
  assert.match(chosen.text, /Change or add a [a-z]+<\/summary>/);
  // A second search keeps the first pupil in its links.
  assert.match(chosen.text, new RegExp(`<input type="hidden" name="pupil" value="${id}">`));
  const again = await teacher.get(`/record?kind=difficult&pupil=${id}&q=${encodeURIComponent(first.slice(0, 3))}`);
  assert.match(again.text, new RegExp(`href="/record\\?kind=difficult&amp;pupil=${id}&amp;pupil=\\d+"`));

  // Asking for the policy's suggestion saves nothing and shows it, with why.
  const before = server.sql('SELECT COUNT(*) FROM incidents');
  const body = new FormData();
  for (const [k, v] of [['csrf_token', teacher.csrf], ['pupil', id], [`role_${id}`, 'involved'], ['category', 'hurting_others'], ['step', ''], ['check', '1']]) body.append(k, v);
  const checked = await teacher.post('/record', { body });
  assert.equal(checked.status, 200);
  assert.equal(server.sql('SELECT COUNT(*) FROM incidents'), before, 'nothing saved');
  const text = decode(checked.text);
  assert.match(text, /Our policy suggests/);
  assert.match(text, /Restorative conversation in Zone 6/);
  assert.match(text, /<strong>Why:<\/strong> Our policy starts “Hurting someone” at this step\./);
  assert.match(text, /Phrases that help/);
  // The suggestion comes before the save button in the page.
  assert.ok(text.indexOf('Phrases that help') < text.indexOf('Save the record'));
  assert.match(text, /<input type="radio" name="category" value="hurting_others" checked>/);
});

// No acknowledged record is lost when the server is killed (DESIGN.md §7):
// eight clients record incidents as fast as they can, the server is killed
// with SIGKILL while requests are in flight, and after a restart on the same
// database every incident that was answered 201 is there, with its pupils,
// its actions and its audit entry. Three rounds of load, kill and restart,
// since a kill lands at a random point of the writer's cycle. Requests cut
// off by the kill may or may not have been saved; they were never
// acknowledged, so either is correct.
//
// What this cannot show: SIGKILL ends the process, not the machine, so data
// written to the operating system survives it whether or not it was fsynced.
// It catches acknowledging before the write reached the database file (a
// queue, a timer, a write-behind cache), not a missing fsync.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, PG } = require('../support/server');

const LOOPS = 8;
const ROUNDS = 3;
const LOAD_MS = 1500;  // how long the clients record before each kill

let server;
let token;
test.before(async () => {
  server = await startServer({ pupils: 60 });
  token = server.cli(['token', 'create', '--email', 'teacher@demo.attune.school']).trim().split('\n').pop();
});
test.after(async () => { await server.stop(); });

const post = (body) => fetch(server.base + '/api/v1/incidents', {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const column = (query) => server.sql(query).split('\n').filter(Boolean).map(Number);

// Records from LOOPS clients until the server dies; kills it after LOAD_MS.
// Returns what was acknowledged and how many requests the kill cut off.
async function loadAndKill(pupilIds, round) {
  const acked = new Map();  // incident id -> { pupils: [[pupil, role], ...], actions: n }
  const state = { inFlight: 0, cutOff: 0, refused: [], killed: false, inFlightAtKill: 0 };
  async function loop(k) {
    for (let n = 0; !state.killed; n++) {
      // Two pupils per record, involved and affected, different for each loop.
      const involved = pupilIds[(round * 13 + k * 7 + n) % pupilIds.length];
      const affected = pupilIds[(round * 13 + k * 7 + n + 1 + k) % pupilIds.length];
      const pupils = [[involved, 'involved'], [affected, 'affected']];
      state.inFlight++;
      try {
        const res = await post({
          pupils: pupils.map(([id, role]) => ({ id, role })),
          category: n % 2 ? 'kindness' : 'hurting_others',
          notes: `round ${round} loop ${k} record ${n}`,
        });
        const json = await res.json();
        if (res.status === 201) acked.set(json.id, { pupils, actions: json.actions.length });
        else state.refused.push(`${res.status} ${JSON.stringify(json)}`);
      } catch {
        state.cutOff++;
      } finally {
        state.inFlight--;
      }
    }
  }
  const loops = Array.from({ length: LOOPS }, (_, k) => loop(k));
  await new Promise((r) => setTimeout(r, LOAD_MS));
  state.inFlightAtKill = state.inFlight;
  await server.kill('SIGKILL');
  state.killed = true;
  await Promise.all(loops);
  return { acked, ...state };
}

test('every incident answered 201 before a kill -9 is there after the restart', async (t) => {
  const pupilIds = column('SELECT id FROM pupils WHERE school_id = 1 ORDER BY id');
  const acked = new Map();
  let cutOff = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const r = await loadAndKill(pupilIds, round);
    t.diagnostic(`round ${round}: ${r.acked.size} acknowledged, ${r.cutOff} cut off, ` +
      `${r.inFlightAtKill} in flight at the kill`);
    assert.deepEqual(r.refused, [], 'no refusals while the server was up');
    assert.ok(r.acked.size >= 10, `records were acknowledged before the kill (${r.acked.size})`);
    assert.ok(r.inFlightAtKill > 0, 'requests were in flight at the kill');
    for (const [id, made] of r.acked) acked.set(id, made);
    cutOff += r.cutOff;

    await server.restart();
    // SQLite checks its file; PostgreSQL's own recovery stands for it.
    if (!PG) assert.equal(server.sql('PRAGMA integrity_check'), 'ok');
    const saved = new Map();
    for (const line of server.sql(
      "SELECT incident_id || ' ' || pupil_id || ' ' || role FROM incident_pupils",
    ).split('\n').filter(Boolean)) {
      const [incident, pupil, role] = line.split(' ');
      if (!saved.has(Number(incident))) saved.set(Number(incident), []);
      saved.get(Number(incident)).push([Number(pupil), role]);
    }
    const audited = new Set(column("SELECT subject_id FROM audit_log WHERE action = 'incident.record'"));
    const actions = new Map();
    for (const line of server.sql('SELECT incident_id, COUNT(*) FROM actions GROUP BY incident_id').split('\n').filter(Boolean)) {
      const [incident, n] = line.split('|').map(Number);
      actions.set(incident, n);
    }
    const sorted = (list) => [...list].sort((a, b) => a[1].localeCompare(b[1]));
    const lost = [...acked.keys()].filter((id) => !saved.has(id));
    assert.deepEqual(lost, [], `round ${round}: acknowledged incidents missing after the restart (of ${acked.size})`);
    for (const [id, made] of acked) {
      assert.deepEqual(sorted(saved.get(id)), sorted(made.pupils), `incident ${id} has the pupils it was recorded with`);
      assert.equal(actions.get(id) || 0, made.actions, `incident ${id} has the actions it was answered with`);
      assert.ok(audited.has(id), `incident ${id} has its audit entry`);
    }
  }

  // Nothing half-written: every incident has its pupils and its audit
  // entry, and no more were saved than were sent.
  assert.equal(server.sql('SELECT COUNT(*) FROM incidents WHERE id NOT IN (SELECT incident_id FROM incident_pupils)'), '0');
  assert.equal(server.sql("SELECT COUNT(*) FROM incidents WHERE id NOT IN (SELECT subject_id FROM audit_log WHERE action = 'incident.record')"), '0');
  assert.ok([...acked.values()].some((made) => made.actions > 0), 'some records had follow-up actions');
  const total = Number(server.sql('SELECT COUNT(*) FROM incidents'));
  assert.ok(total >= acked.size && total <= acked.size + cutOff,
    `${total} saved, ${acked.size} acknowledged, ${cutOff} cut off`);

  // The restarted server reads them and records new ones.
  for (const id of [...acked.keys()].slice(-5)) {
    const res = await fetch(`${server.base}/api/v1/incidents/${id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `GET incident ${id}`);
  }
  const again = await post({ pupils: [{ id: pupilIds[0], role: 'involved' }], category: 'kindness' });
  assert.equal(again.status, 201);
});

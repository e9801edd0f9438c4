// Pupils' voice in their profile and their plans (issue 15, decision 0028),
// against the real binary:
//   - the personal profile records which parts are in the pupil's own words
//     and the day they last went through it with an adult, apart from the
//     last save; the review cycle counts that day;
//   - the pupil's turn: a teacher who may write a plan starts it for the
//     plan's section of the pupil's own questions and gets a one-time code
//     (stored hashed, shown once, no-store); on a shared device that is
//     not signed in the pupil types it at /voice, sees only their own
//     questions with their first name, writes, and their words go into the
//     plan marked as written by them; the code is then spent and the pages
//     keep nothing for the next pupil;
//   - seed 004's Daily Positive Reporting "Pupil Views" (a review) and seed
//     003's Reflection Day workbook (an entry, merged with what adults
//     wrote that day; an adult may write the pupil's words down with them);
//   - deny by default: wrong, spent, replaced and expired codes open
//     nothing; a code shows one pupil only; roles the policy does not give
//     the plan are refused; the forms need their CSRF token; many wrong
//     codes from one address are refused (429).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, Browser } = require('../support/server');
const { apiAs, tokensFor } = require('../support/api');
const { schoolDays, londonToday } = require('../support/school_days');

const root = path.resolve(__dirname, '../..');
let server, days, api;
let pupils;  // [{ id, first }]
test.before(async () => {
  server = await startServer({ pupils: 30 });
  days = schoolDays(server);
  api = apiAs(server, tokensFor(server, ['teacher', 'support', 'senior', 'senco', 'admin', 'pastoral']));
  pupils = server.sql(
    "SELECT id || '|' || CASE WHEN preferred_name <> '' THEN preferred_name ELSE first_name END " +
    'FROM pupils WHERE school_id = 1 ORDER BY id LIMIT 8')
    .split('\n').map((r) => { const [id, first] = r.split('|'); return { id: Number(id), first }; });
});
test.after(async () => { await server.stop(); });

const n = (q) => Number(server.sql(q));

async function staff(role) {
  const b = new Browser(server.base);
  assert.equal((await b.signIn(`${role}@demo.attune.school`)).status, 303);
  return b;
}

// Starts the pupil's turn from the plan's page; resolves with the code.
async function startTurn(b, planId, section, on) {
  const page = await b.get(`/plans/${planId}`);
  assert.equal(page.status, 200);
  const res = await b.post(`/plans/${planId}/pupil-turn`, { form: { csrf_token: b.csrf, section, on } });
  assert.equal(res.status, 200, res.text.slice(0, 600));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const code = /<p class="turn-code"[^>]*>([A-Z2-9]{4} [A-Z2-9]{4})<\/p>/.exec(res.text);
  assert.ok(code, 'the code is shown');
  return code[1];
}

// A shared device: not signed in; its own pre-sign-in CSRF token.
async function device() {
  const d = new Browser(server.base);
  const res = await d.get('/voice');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return d;
}

const open = (d, code) => d.post('/voice', { form: { csrf_token: d.csrf, code } });
const answer = (d, code, words) => d.post('/voice/answers', {
  form: { csrf_token: d.csrf, code: code.replace(' ', ''), ...Object.fromEntries(Object.entries(words).map(([k, v]) => [`a.${k}`, v])) },
});

function dprStart() {
  // Strictly before today, so that a policy brought into force today (the
  // Reflection Day test) does not change the plan's type.
  return days.previous(londonToday());
}

async function startDpr(pupil) {
  const made = await api('senior', '/api/v1/plans', {
    pupil_id: pupil.id, type: 'daily_positive_reporting', starts_on: dprStart(), fields: { slt: 'Mrs Hale' },
  });
  assert.equal(made.status, 201, made.text);
  return made.json.id;
}

test('the profile says which parts are in the pupil\'s own words and when they last went through it', async () => {
  const p = pupils[0];
  const put = (body, as = 'teacher') => fetch(`${server.base}/api/v1/pupils/${p.id}/profile`, {
    method: 'PUT', headers: { authorization: `Bearer ${tokensFor(server, [as])[as]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const with_ = await put({ what_helps: 'A quiet job to do', strengths: 'I am good at drawing', own_words: ['strengths', 'strengths'], reviewed_with_pupil: true });
  const body = await with_.json();
  assert.equal(with_.status, 200, JSON.stringify(body));
  assert.deepEqual(body.profile.own_words, ['strengths']);
  assert.equal(body.profile.reviewed_with_pupil_on, londonToday());
  // Saved again without the pupil: the day they went through it is kept.
  server.sql(`UPDATE pupil_profiles SET reviewed_with_pupil_on = '2026-01-05' WHERE pupil_id = ${p.id}`);
  const without = await (await put({ what_helps: 'A quiet job, and a warning before changes', own_words: [] })).json();
  assert.equal(without.profile.reviewed_with_pupil_on, '2026-01-05');
  assert.deepEqual(without.profile.own_words, []);
  // Bad input names its field.
  for (const [bad, field] of [[{ own_words: ['feelings'] }, 'own_words'], [{ own_words: 'strengths' }, 'own_words'], [{ reviewed_with_pupil: 'yes' }, 'reviewed_with_pupil']]) {
    const res = await put(bad);
    assert.equal(res.status, 422, JSON.stringify(bad));
    assert.equal((await res.json()).error.field, field);
  }

  // The page's form: ticked parts are the pupil's own words; the box says
  // the pupil went through it today.
  const t = await staff('teacher');
  await t.get(`/pupils/${p.id}`);
  const saved = await t.post(`/pupils/${p.id}/profile`, { multipart: {
    csrf_token: t.csrf, what_helps: 'When you tell me what is next', triggers: 'Loud noises', strengths: 'Drawing',
    own_words: 'what_helps', reviewed_with_pupil: 'yes' } });
  assert.equal(saved.status, 303, saved.text.slice(0, 400));
  const page = await t.get(`/pupils/${p.id}`);
  const profile = page.text.slice(page.text.indexOf('id="profile-heading"'), page.text.indexOf('id="about-heading"'));
  assert.match(profile, new RegExp(`<h3>What helps</h3>\\s*<p class="profile-words small profile-words--own">In ${p.first}’s own words</p>`));
  assert.match(profile, /<h3>Triggers and worries<\/h3>\s*<p class="profile-words small ">Written by staff<\/p>/);
  assert.match(profile, new RegExp(`Last gone through with ${p.first} on [A-Za-z]+ \\d+ [A-Za-z]+ \\d{4} by `));
  assert.equal(server.sql(`SELECT own_words FROM pupil_profiles WHERE pupil_id = ${p.id}`), 'what_helps');
  assert.equal(server.sql(`SELECT reviewed_with_pupil_on FROM pupil_profiles WHERE pupil_id = ${p.id}`), londonToday());
});

test('a profile saved without the pupil is still due for review with them', async () => {
  const p = pupils[1];
  server.sql(`DELETE FROM pupil_profiles WHERE pupil_id = ${p.id}`);
  const t = await staff('teacher');
  await t.get(`/pupils/${p.id}`);
  const saved = await t.post(`/pupils/${p.id}/profile`, { multipart: { csrf_token: t.csrf, what_helps: 'Time to think' } });
  assert.equal(saved.status, 303);
  const page = await t.get(`/pupils/${p.id}`);
  assert.match(page.text, new RegExp(`Not yet gone through with ${p.first}\\.`));
  assert.equal(server.sql(`SELECT COALESCE(reviewed_with_pupil_on, 'none') FROM pupil_profiles WHERE pupil_id = ${p.id}`), 'none');
});

test('Daily Positive Reporting: the pupil writes their own views on a shared device, and they go into the plan', async () => {
  const a = pupils[2];
  const plan = await startDpr(a);
  const t = await staff('teacher');
  const page = await t.get(`/plans/${plan}`);
  assert.match(page.text, new RegExp(`<h2 id="turn-heading">${a.first}’s turn</h2>`));
  assert.match(page.text, /<strong>Pupil Views<\/strong> \(What am I doing well\? What could I improve further\? What could help me\?\)/);
  // In the staff form, the pupil's wording beside each of their fields.
  assert.match(page.text, new RegExp(`Ask ${a.first}: “What am I doing well\\?”`));
  const reviewBefore = server.sql(`SELECT review_on FROM plans WHERE id = ${plan}`);

  const code = await startTurn(t, plan, 'pupil_views', days.latest());
  assert.equal(n(`SELECT COUNT(*) FROM audit_log WHERE action = 'plan.pupil_turn' AND subject_id = ${plan}`), 1);
  // Only the code's hash is kept.
  const plain = code.replace(' ', '');
  assert.equal(n(`SELECT COUNT(*) FROM pupil_turns WHERE plan_id = ${plan} AND code_hash <> '${plain}' AND length(code_hash) = 64`), 1);
  assert.equal(server.dump().includes(plain), false, 'the code is nowhere in the database');

  const d = await device();
  const questions = await open(d, code.toLowerCase());  // typed as a child might
  assert.equal(questions.status, 200, questions.text.slice(0, 400));
  assert.equal(questions.headers.get('cache-control'), 'no-store');
  assert.match(questions.text, new RegExp(`Hello, ${a.first}!`));
  for (const q of ['What am I doing well?', 'What could I improve further?', 'What could help me?']) {
    assert.ok(questions.text.includes(q), q);
  }
  // Nothing else of the plan: not the adults' questions, not the surname.
  assert.doesNotMatch(questions.text, /What do others think|pleased to notice|Mrs Hale|Next Steps/);
  const surname = server.sql(`SELECT last_name FROM pupils WHERE id = ${a.id}`);
  assert.ok(!questions.text.includes(surname), 'no surname');
  assert.doesNotMatch(questions.text, /<nav|sign out/i);

  const saved = await answer(d, code, { pupil_doing_well: 'I helped Sam with his reading.', pupil_help: 'A quiet place to start my work.' });
  assert.equal(saved.status, 303, saved.text.slice(0, 400));
  assert.equal(saved.headers.get('location'), '/voice/thanks');
  const thanks = await d.get('/voice/thanks');
  assert.equal(thanks.headers.get('cache-control'), 'no-store');
  assert.ok(!thanks.text.includes(a.first) && !thanks.text.includes('Sam'), 'nothing of the pupil on the next page');
  // Spent: the same code opens nothing.
  const again = await open(d, code);
  assert.equal(again.status, 422);
  assert.match(again.text, /That code did not work\. Check it with your teacher\./);
  assert.ok(!again.text.includes(a.first));

  const fields = JSON.parse(server.sql(`SELECT fields FROM plan_entries WHERE plan_id = ${plan} AND kind = 'review'`));
  assert.deepEqual(fields.pupil_doing_well, { text: 'I helped Sam with his reading.', given_by: 'pupil', written: 'pupil' });
  assert.equal(fields.pupil_improve, undefined, 'a question left out is left out');
  assert.equal(n(`SELECT COUNT(*) FROM audit_log WHERE action = 'plan.pupil_words' AND subject_id = ${plan} AND school_id = 1`), 1);
  // The pupil's words are not the review: it is still due, its action open.
  assert.equal(server.sql(`SELECT review_on FROM plans WHERE id = ${plan}`), reviewBefore);
  assert.equal(n(`SELECT COUNT(*) FROM actions WHERE plan_id = ${plan} AND kind = 'plan_review' AND status = 'open'`), 1);
  // Staff see them, marked as written by the pupil.
  const after = await t.get(`/plans/${plan}`);
  assert.match(after.text, new RegExp(`I helped Sam with his reading\\.</span> <span class="voice-mark tag">Written by ${a.first}</span>`));
  // ... and over the API.
  const read = await api('teacher', `/api/v1/plans/${plan}`);
  assert.equal(read.status, 200);
  assert.ok(JSON.stringify(read.json).includes('"written":"pupil"'), 'the API says who wrote it');
});

test('a code opens one pupil\'s questions only, once; a new turn, time or a wrong code close it', async () => {
  const [a, b] = [pupils[3], pupils[4]];
  const planA = await startDpr(a);
  const planB = await startDpr(b);
  const t = await staff('support');  // the policy gives DPR reviews to support staff too
  const codeA = await startTurn(t, planA, 'pupil_views', days.latest());
  const codeB = await startTurn(t, planB, 'pupil_views', days.latest());
  const d = await device();
  const seenA = await open(d, codeA);
  assert.match(seenA.text, new RegExp(`Hello, ${a.first}!`));
  assert.ok(!seenA.text.includes(`Hello, ${b.first}!`));
  // An answer to a question that is not the pupil's is refused, saving nothing;
  // the words typed stay on the page to put right, and the code still works.
  const wrong = await answer(d, codeA, { pupil_help: 'Kept words', others_help: 'Sneaky' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /That is not one of your questions\./);
  assert.match(wrong.text, />Kept words<\/textarea>/);
  const empty = await answer(d, codeA, { pupil_help: '   ' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Please write an answer to at least one question\./);
  assert.equal(n(`SELECT COUNT(*) FROM plan_entries WHERE plan_id = ${planA}`), 0);
  // Starting another turn for the plan stops the first code.
  const codeA2 = await startTurn(t, planA, 'pupil_views', days.latest());
  assert.equal((await open(d, codeA)).status, 422);
  assert.equal((await open(d, codeA2)).status, 200);
  // A turn runs out.
  server.sql(`UPDATE pupil_turns SET expires_at = ${Math.floor(Date.now() / 1000) - 1} WHERE plan_id = ${planB}`);
  const late = await open(d, codeB);
  assert.equal(late.status, 422);
  assert.ok(!late.text.includes(b.first));
  // Typed nonsense, or nothing.
  for (const typed of ['', 'ABCD', 'ABCD-EFGH', '<script>']) {
    const res = await open(d, typed);
    assert.equal(res.status, 422, typed);
    assert.match(res.text, typed ? /That code did not work/ : /Type the code your teacher gave you\./);
  }
  // The forms need their CSRF token, as every form does.
  const noCsrf = await d.post('/voice', { form: { code: codeA2 } });
  assert.equal(noCsrf.status, 403);
  const noCsrfAnswer = await d.post('/voice/answers', { form: { code: codeA2.replace(' ', ''), 'a.pupil_help': 'x' } });
  assert.equal(noCsrfAnswer.status, 403);
});

test('only adults the policy gives the plan may start a turn, and a day the plan cannot take is named', async () => {
  const a = pupils[5];
  const plan = await startDpr(a);
  // The SENCO may write plans, but Blue Sky gives DPR reviews to teachers, LSAs and SLT.
  const senco = await staff('senco');
  await senco.get(`/plans/${plan}`);
  const refused = await senco.post(`/plans/${plan}/pupil-turn`, { form: { csrf_token: senco.csrf, section: 'pupil_views', on: days.latest() } });
  assert.equal(refused.status, 403);
  // The office does not work with plans at all.
  const admin = await staff('admin');
  await admin.get('/');
  const office = await admin.post(`/plans/${plan}/pupil-turn`, { form: { csrf_token: admin.csrf, section: 'pupil_views', on: days.latest() } });
  assert.equal(office.status, 403);
  const t = await staff('teacher');
  await t.get(`/plans/${plan}`);
  const cases = [
    [{ section: 'views_of_others', on: days.latest() }, /Choose a part of the plan with the pupil(&apos;|&#39;)s own questions/],
    [{ section: 'pupil_views', on: '2020-01-06' }, /The plan starts on/],
    [{ section: 'pupil_views', on: 'soon' }, /date/i],
  ];
  for (const [form, message] of cases) {
    const res = await t.post(`/plans/${plan}/pupil-turn`, { form: { csrf_token: t.csrf, ...form } });
    assert.equal(res.status, 422, JSON.stringify(form));
    assert.match(res.text, message);
    assert.match(res.text, /id="turn-heading"/, 'shown beside the turn form');
  }
  assert.equal(n(`SELECT COUNT(*) FROM pupil_turns WHERE plan_id = ${plan}`), 0);
  const missing = await t.post('/plans/99999999/pupil-turn', { form: { csrf_token: t.csrf, section: 'pupil_views', on: days.latest() } });
  assert.equal(missing.status, 404);
});

test('Reflection Day: the workbook in the learner\'s own words, merged with what adults wrote that day', async () => {
  const c = pupils[6];
  // Seed 003's policy in force from the latest school day.
  const senior = await staff('senior');
  const text = fs.readFileSync(path.join(root, 'policies/003_learning_partnership_west.toml'), 'utf8');
  await senior.get('/policies');
  const up = await senior.post('/policies', { multipart: { csrf_token: senior.csrf, policy: text, note: 'LPW' } });
  assert.equal(up.status, 303, up.text.slice(0, 500));
  const version = up.headers.get('location').split('/').pop();
  await senior.get(`/policies/${version}`);
  const on = await senior.post(`/policies/${version}/activate`, { form: { csrf_token: senior.csrf, active_from: londonToday() } });
  assert.equal(on.status, 303);
  const day = days.latest();
  server.sql(`UPDATE policy_versions SET active_from = '${day}' WHERE id = ${version}`);
  // A Reflection Day needs its notice the day before: started for a coming
  // day, then dated back to the latest school day, as if that day had come.
  const made = await api('pastoral', '/api/v1/plans', {
    pupil_id: c.id, type: 'reflection_day', starts_on: days.next(days.next(londonToday())),
    fields: { key_adult: 'Mr Obi', reason: 'Reflecting after Tuesday', goals: 'Understand what happened' },
  });
  assert.equal(made.status, 201, made.text);
  const plan = made.json.id;
  server.sql(`UPDATE plans SET started_on = '${day}', ends_on = '${day}' WHERE id = ${plan}`);

  // An adult writes the day's entry with the learner: their words written down.
  const t = await staff('teacher');
  const page = await t.get(`/plans/${plan}`);
  assert.match(page.text, new RegExp(`Ask ${c.first}: “What were you feeling at the time\\?”`));
  assert.match(page.text, new RegExp(`I am writing ${c.first}’s own words down with them`));
  const first = await t.post(`/plans/${plan}/entries`, { form: {
    csrf_token: t.csrf, on: day, with_pupil: 'yes', 'f.what_happened': 'I shouted at Miss.',
    'f.differently': 'Ask for a break.', 'f.restorative_discussion': 'Ready to talk to Miss tomorrow.' } });
  assert.equal(first.status, 303, first.text.slice(0, 600));
  let fields = JSON.parse(server.sql(`SELECT fields FROM plan_entries WHERE plan_id = ${plan} AND kind = 'entry'`));
  assert.deepEqual(fields.what_happened, { text: 'I shouted at Miss.', given_by: 'pupil', written: 'scribed' });
  assert.equal(fields.restorative_discussion, 'Ready to talk to Miss tomorrow.');

  // Then the learner's own turn on the workbook.
  const code = await startTurn(t, plan, 'guided_reflection', day);
  const d = await device();
  const q = await open(d, code);
  for (const asked of ['What happened?', 'What were you feeling at the time?', 'How did what you did affect other people?', 'What could you do differently next time?']) {
    assert.ok(q.text.includes(asked), asked);
  }
  assert.doesNotMatch(q.text, /What were they feeling|Psychoeducation|Restorative discussion/);
  assert.equal((await answer(d, code, { feeling: 'Angry and tired.', impact: 'Miss was upset.' })).status, 303);
  fields = JSON.parse(server.sql(`SELECT fields FROM plan_entries WHERE plan_id = ${plan} AND kind = 'entry'`));
  assert.equal(n(`SELECT COUNT(*) FROM plan_entries WHERE plan_id = ${plan} AND kind = 'entry'`), 1, 'one entry for the day');
  assert.deepEqual(fields.feeling, { text: 'Angry and tired.', given_by: 'pupil', written: 'pupil' });
  assert.equal(fields.what_happened.written, 'scribed', 'what the adult wrote down stays');
  assert.equal(fields.restorative_discussion, 'Ready to talk to Miss tomorrow.', 'the adults\' fields stay');

  // The adult writes the day again without the learner's answers: theirs are kept.
  const again = await t.post(`/plans/${plan}/entries`, { form: {
    csrf_token: t.csrf, on: day, 'f.what_happened': 'Shouted in maths.', 'f.differently': 'Use the break card.', 'f.psychoeducation': 'Breathing' } });
  assert.equal(again.status, 303, again.text.slice(0, 600));
  fields = JSON.parse(server.sql(`SELECT fields FROM plan_entries WHERE plan_id = ${plan} AND kind = 'entry'`));
  assert.equal(fields.feeling.text, 'Angry and tired.');
  assert.equal(fields.feeling.written, 'pupil');
  assert.equal(fields.what_happened.text, 'Shouted in maths.');
  const shown = await t.get(`/plans/${plan}`);
  assert.match(shown.text, new RegExp(`Angry and tired\\.</span> <span class="voice-mark tag">Written by ${c.first}</span>`));
  // A staff token may not claim the learner wrote words themselves.
  const claimed = await api('teacher', `/api/v1/plans/${plan}/entries`, {
    on: day, fields: { what_happened: { text: 'Typed by staff', written: 'pupil' }, differently: 'x' },
  });
  assert.equal(claimed.status, 422, claimed.text);
  assert.equal(claimed.json.error.field, 'fields.what_happened');
});

test('after many wrong codes from one address, codes are refused for a while (429)', async () => {
  const d = await device();
  let last;
  for (let i = 0; i < 60; i++) {
    last = await open(d, 'ZZZZ ZZZZ');
    if (last.status === 429) break;
  }
  assert.equal(last.status, 429);
  assert.equal(last.headers.get('retry-after'), '900', 'says how long at most');
  assert.match(last.text, /Too many codes did not work on this device\. Ask your teacher to help you\./);
  assert.ok(n("SELECT COUNT(*) FROM audit_log WHERE action = 'plan.pupil_code_throttled'") >= 1);
});

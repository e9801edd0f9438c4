// Pupil voice surveys (issue 15; seed 000 plans "a Student Voice Panel ...
// to gather feedback directly from pupils", seed 001 wants to "gather more
// pupil feedback to measure impact"), against the real binary:
//   - a pastoral lead writes a survey (a bad one comes back naming the field
//     to put right), runs it for a form and gets one code per pupil, once,
//     on the sheet of slips;
//   - pupils answer with the codes on a shared device, no sign-in: each
//     code once; a used or a wrong code gets a message a child can read;
//   - no survey table names a pupil, and a response names no code;
//   - results only once the run is closed, with counts of 1 and 2 shown as
//     "fewer than 3" (never the number), a second run side by side;
//   - teacher, support, admin and DSL get 403 on every staff route; the
//     pupils' forms and the staff's need their CSRF token;
//   - after many wrong codes from one address, codes are refused (429).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startServer, Browser, PG } = require('../support/server');

let server;
let form;  // { id, name, pupils }
test.before(async () => {
  server = await startServer({ pupils: 200 });  // forms of 10
  const [id, name, pupils] = server.sql(
    'SELECT f.id, f.name, COUNT(*) FROM forms f JOIN pupils p ON p.form_id = f.id ' +
    'GROUP BY f.id ORDER BY COUNT(*) DESC, f.id LIMIT 1').split('|');
  form = { id: Number(id), name, pupils: Number(pupils) };
});
test.after(async () => { await server.stop(); });

const QUESTIONS = {
  title: 'How is playtime?',
  q1_prompt: 'How do you feel at playtime?', q1_kind: 'faces3', q1_options: '',
  q2_prompt: 'Which place helps you calm down?', q2_kind: 'choice', q2_options: 'Library\nRainbow Room\nOutside',
  q3_prompt: 'Anything else you want to tell us?', q3_kind: 'words', q3_options: '',
};

async function staff(role = 'pastoral') {
  const b = new Browser(server.base);
  assert.equal((await b.signIn(`${role}@demo.attune.school`)).status, 303);
  return b;
}

async function writeSurvey(b) {
  await b.get('/surveys/new');
  const res = await b.post('/surveys', { form: { csrf_token: b.csrf, ...QUESTIONS } });
  assert.equal(res.status, 303, res.text.slice(0, 400));
  return Number(/\/surveys\/(\d+)$/.exec(res.headers.get('location'))[1]);
}

// Starts a run for the form; resolves with the codes from the slips page.
async function startRun(b, surveyId) {
  await b.get(`/surveys/${surveyId}`);
  const res = await b.post(`/surveys/${surveyId}/runs`, { form: { csrf_token: b.csrf, group: `form:${form.id}` } });
  assert.equal(res.status, 200, res.text.slice(0, 400));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const codes = [...res.text.matchAll(/<span class="slip__code">([A-Z2-9 ]+)<\/span>/g)].map((m) => m[1]);
  return { codes, text: res.text };
}

// A pupil on the shared device: the code page, the code, the answers.
async function answer(code, { face = '3', place = '2', words = '' } = {}) {
  const device = new Browser(server.base);
  const page = await device.get('/survey');
  assert.equal(page.status, 200);
  const opened = await device.post('/survey', { form: { csrf_token: device.csrf, code } });
  if (opened.status !== 200) return { status: opened.status, text: opened.text };
  const ids = [...opened.text.matchAll(/name="(q\d+)"/g)].map((m) => m[1]);
  const names = [...new Set(ids)];
  const sent = await device.post('/survey/answers', {
    form: { csrf_token: device.csrf, code: /name="code" value="([^"]+)"/.exec(opened.text)[1],
      [names[0]]: face, [names[1]]: place, [names[2]]: words },
  });
  return { status: sent.status, text: sent.text, location: sent.headers.get('location'), opened };
}

let surveyId;
let codes;

test('a pastoral lead writes a survey; a bad one names the field to put right', async () => {
  const b = await staff();
  await b.get('/surveys/new');
  let res = await b.post('/surveys', { form: { csrf_token: b.csrf, ...QUESTIONS, title: '' } });
  assert.equal(res.status, 422);
  assert.match(res.text, /id="title-error">Give the survey a title</);
  res = await b.post('/surveys', { form: { csrf_token: b.csrf, ...QUESTIONS, q2_options: 'Only one' } });
  assert.equal(res.status, 422);
  assert.match(res.text, /id="q2_options-error">Question 2: give between 2 and 6 answers/);
  assert.match(res.text, /href="#q2_options"/);
  assert.match(res.text, /value="How is playtime\?"/, 'what was typed is kept');
  res = await b.post('/surveys', { form: { csrf_token: b.csrf, ...QUESTIONS, title: 'x'.repeat(121) } });
  assert.equal(res.status, 422);
  assert.match(res.text, /120 characters or fewer/);
  surveyId = await writeSurvey(b);
  const list = await b.get('/surveys');
  assert.equal(list.status, 200);
  assert.match(list.text, /How is playtime\?/);
});

test('a run for a form gives one code per pupil on the slips, once, and is audited', async () => {
  const b = await staff();
  const run = await startRun(b, surveyId);
  codes = run.codes;
  assert.equal(codes.length, form.pupils);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.match(c, /^[A-HJ-NP-Z2-9]{4} [A-HJ-NP-Z2-9]{4}$/);
  assert.match(run.text, /shown only this once/);
  // Only hashes are stored.
  const stored = server.sql('SELECT code_hash FROM survey_codes').split('\n');
  assert.equal(stored.length, codes.length);
  for (const c of codes) assert.ok(!stored.includes(c.replace(' ', '')));
  await server.settle();
  assert.match(server.sql("SELECT action || ' ' || detail FROM audit_log WHERE action = 'survey.codes_issued'"),
    new RegExp(`Form ${form.name}: ${codes.length} codes shown once`));
});

test('pupils answer with their codes, each once; used and wrong codes are refused kindly', async () => {
  assert.ok(codes.length >= 6, 'the form has enough pupils');
  // Five say "Good", one alone says "Not good"; two write words.
  for (let i = 0; i < 6; i++) {
    const r = await answer(codes[i], { face: i === 5 ? '1' : '3', words: i < 2 ? `Words from pupil ${i}` : '' });
    assert.equal(r.status, 303, r.text && r.text.slice(0, 300));
    assert.equal(r.location, '/survey/thanks');
    assert.equal(r.opened.headers.get('cache-control'), 'no-store');
    assert.match(r.opened.text, /How do you feel at playtime\?/);
    assert.match(r.opened.text, /<span class="face__word">Not good<\/span>/);
  }
  // Lower case with a dash works as well as the slip's form: a fresh code.
  const typed = codes[6].toLowerCase().replace(' ', '-');
  assert.equal((await answer(typed)).status, 303);
  const used = await answer(codes[0]);
  assert.equal(used.status, 422);
  assert.match(used.text, /That code did not work\. Check it with your teacher\./);
  const wrong = await answer('ZZZZ ZZZZ');
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /That code did not work\. Check it with your teacher\./);
  const thanks = await new Browser(server.base).get('/survey/thanks');
  assert.equal(thanks.status, 200);
  assert.match(thanks.text, /Thank you!/);
  assert.match(thanks.text, /href="\/survey"/);
  assert.doesNotMatch(thanks.text, /site-nav/);
});

test('no survey table names a pupil, and a response names no code', () => {
  // Each table's columns, and the tables it refers to, on either store.
  const columnsOf = (table) => server.sql(PG
    ? `SELECT column_name FROM information_schema.columns WHERE table_name = '${table}'`
    : `SELECT name FROM pragma_table_info('${table}')`).split('\n');
  const refsOf = (table) => server.sql(PG
    ? `SELECT ccu.table_name FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = '${table}'`
    : `SELECT "table" FROM pragma_foreign_key_list('${table}')`).split('\n');
  for (const table of ['surveys', 'survey_questions', 'survey_runs', 'survey_codes', 'survey_responses', 'survey_answers']) {
    const columns = columnsOf(table);
    assert.ok(!columns.some((c) => /pupil/.test(c)), `${table}: ${columns}`);
    const refs = refsOf(table);
    assert.ok(!refs.includes('pupils'), `${table} references pupils`);
  }
  for (const table of ['survey_responses', 'survey_answers']) {
    const columns = columnsOf(table);
    assert.ok(!columns.some((c) => /code/.test(c)), `${table}: ${columns}`);
  }
  assert.equal(server.sql('SELECT COUNT(*) FROM survey_responses'), '7');
  assert.equal(server.sql('SELECT COUNT(*) FROM survey_codes WHERE used = 1'), '7');
});

test('results only for a closed run; a count of 1 or 2 never shows as a number', async () => {
  const b = await staff('senco');
  let res = await b.get(`/surveys/${surveyId}/results`);
  assert.equal(res.status, 200);
  assert.match(res.text, /No run is closed yet/);
  const page = await b.get(`/surveys/${surveyId}`);
  const runId = /\/surveys\/runs\/(\d+)\/close/.exec(page.text)[1];
  res = await b.post(`/surveys/runs/${runId}/close`, { form: { csrf_token: b.csrf } });
  assert.equal(res.status, 303);
  // Closed: its unused codes stop working.
  assert.equal((await answer(codes[10] || codes[codes.length - 1])).status, 422);
  res = await b.get(`/surveys/${surveyId}/results`);
  assert.equal(res.status, 200);
  const cells = [...res.text.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1].trim());
  assert.ok(cells.length > 0);
  for (const cell of cells) assert.ok(!['1', '2'].includes(cell), `a cell shows ${cell}`);
  assert.ok(cells.includes('fewer than 3'), cells.join(','));
  // 6 said Good and 1 Not good: Good is withheld, else 7 - 1... shows it.
  assert.ok(cells.includes('withheld'), cells.join(','));
  assert.match(res.text, /Words from pupil 0/);
  // Words come in alphabetical order, not the order given.
  assert.ok(res.text.indexOf('Words from pupil 0') < res.text.indexOf('Words from pupil 1'));
});

test('a second run with too few answers shows nothing, side by side with the first', async () => {
  const b = await staff('senior');
  const run = await startRun(b, surveyId);
  for (let i = 0; i < 2; i++) assert.equal((await answer(run.codes[i], { face: '2', words: 'Secret words' })).status, 303);
  const page = await b.get(`/surveys/${surveyId}`);
  assert.match(page.text, /fewer than 3/, 'the open run says how many answered without a 1 or 2');
  // While it is open, the same form cannot be given a second set of codes.
  const twice = await b.post(`/surveys/${surveyId}/runs`, { form: { csrf_token: b.csrf, group: `form:${form.id}` } });
  assert.equal(twice.status, 422);
  assert.match(twice.text, /is answering this survey already: close that run first/);
  const runId = /\/surveys\/runs\/(\d+)\/close/.exec(page.text)[1];
  assert.equal((await b.post(`/surveys/runs/${runId}/close`, { form: { csrf_token: b.csrf } })).status, 303);
  const res = await b.get(`/surveys/${surveyId}/results`);
  const headings = [...res.text.matchAll(/<th scope="col">Form [^<]+<br>/g)];
  assert.ok(headings.length >= 2, 'two runs side by side');
  assert.match(res.text, /not shown/);
  assert.doesNotMatch(res.text, /Secret words/);
  const cells = [...res.text.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1].trim());
  for (const cell of cells) assert.ok(!['1', '2'].includes(cell), `a cell shows ${cell}`);
});

test('teacher, support, admin and the DSL get 403 on every staff survey route', async () => {
  for (const role of ['teacher', 'support', 'admin', 'dsl']) {
    const b = await staff(role);
    for (const [method, path] of [['GET', '/surveys'], ['GET', '/surveys/new'], ['POST', '/surveys'],
      ['GET', `/surveys/${surveyId}`], ['POST', `/surveys/${surveyId}/runs`], ['POST', '/surveys/runs/1/close'],
      ['GET', `/surveys/${surveyId}/results`]]) {
      const res = await b.request(method, path, { form: method === 'POST' ? { csrf_token: b.csrf, ...QUESTIONS } : undefined });
      assert.equal(res.status, 403, `${role} ${method} ${path}`);
    }
    assert.doesNotMatch((await b.get('/')).text, /href="\/surveys"/, `${role} has no Surveys link`);
  }
  const p = await staff('pastoral');
  assert.match((await p.get('/')).text, /href="\/surveys"/);
});

test('the forms need their CSRF token: staff and pupils alike', async () => {
  const b = await staff();
  await b.get('/surveys/new');
  let res = await b.post('/surveys', { form: { csrf_token: 'forged', ...QUESTIONS } });
  assert.equal(res.status, 403);
  res = await b.post(`/surveys/${surveyId}/runs`, { form: { group: `form:${form.id}` } });
  assert.equal(res.status, 403);
  const device = new Browser(server.base);
  await device.get('/survey');
  res = await device.post('/survey', { form: { csrf_token: 'forged', code: 'ABCD EFGH' } });
  assert.equal(res.status, 403);
  res = await new Browser(server.base).post('/survey/answers', { form: { code: 'ABCD EFGH' } });
  assert.equal(res.status, 403);
});

test('after many wrong codes from one address, codes are refused for a while (429)', async () => {
  const device = new Browser(server.base);
  await device.get('/survey');
  let last;
  for (let i = 0; i < 60; i++) {
    last = await device.post('/survey', { form: { csrf_token: device.csrf, code: `WRNG ${String(i).padStart(4, 'A')}` } });
    if (last.status === 429) break;
  }
  assert.equal(last.status, 429);
  assert.match(last.text, /Too many codes did not work on this device\. Ask your teacher to help you\./);
  // A real code is refused too, while it lasts.
  const b = await staff();
  const run = await startRun(b, surveyId);
  const res = await device.post('/survey', { form: { csrf_token: device.csrf, code: run.codes[0] } });
  assert.equal(res.status, 429);
});

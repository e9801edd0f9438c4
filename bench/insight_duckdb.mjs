// DuckDB's side of bench/insight_bench.sh: loads the CSV files insight_bench
// wrote into FOLDER (the same incidents, incident_pupils and pupils as the
// SQLite file, column for column), asks the six insight questions for each
// filter in FOLDER/filters.tsv, and writes the answers as
// FOLDER/duckdb_<filter>.txt in the form of insight_answer.h.
//
// DuckDB (npm @duckdb/node-api, installed by insight_bench.sh into
// bench/.duckdb) runs in memory on every core. It is given what attune's
// engine is given: at load, the involved pupils joined to their records in
// one table, `facts`, with each record's London date, weekday and hour
// worked out once from occurred_at by DuckDB's ICU time zones (TimeZone =
// 'Europe/London'), as the server works them out once when it loads the
// engine. The `engine=duckdb` lines ask `facts`. The `peer=duckdb_store`
// lines ask the tables as the store has them, joined and converted in every
// query, as the SQLite lines do; their answers are compared too
// (FOLDER/duckdb_store_<filter>.txt).
//
// Times: the warm median after one untimed run, of 21 runs or as many as fit
// in 30 s (the store's tables: 20 s), at least 3; the six queries one after
// another.
//
// Usage: node bench/insight_duckdb.mjs RECORDS FOLDER
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./.duckdb/', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');

const [records, folder] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run("SET TimeZone = 'Europe/London'");
const rowsOf = async (sql) => (await db.runAndReadAll(sql)).getRows();

// What each question groups by, in each shape.
const local = 'to_timestamp(i.occurred_at)';
const store = {
  day: `CAST(${local} AS DATE)`,
  weekday: `CAST(isodow(${local}) - 1 AS TINYINT)`,  // 0 Monday
  hour: `CAST(hour(${local}) AS TINYINT)`,
  category: 'i.category',
  place: 'i.place',
  pupil: 'ip.pupil_id',
};
const facts = { day: 'day', weekday: 'weekday', hour: 'hour', category: 'category', place: 'place', pupil: 'pupil_id' };

let start = performance.now();
// Quoted "" is the empty place, not NULL.
const csv = (name, columns) =>
  `read_csv('${folder}/${name}.csv', header = true, quote = '"', ` +
  `allow_quoted_nulls = false, columns = {${columns}})`;
await db.run(`CREATE TABLE pupils AS SELECT * FROM ${csv('pupils',
  "'id': 'BIGINT', 'school_id': 'BIGINT', 'year_group': 'INTEGER'")}`);
await db.run(`CREATE TABLE incidents AS SELECT * FROM ${csv('incidents',
  "'id': 'BIGINT', 'school_id': 'BIGINT', 'category': 'VARCHAR', " +
  "'behaviour_class': 'VARCHAR', 'occurred_at': 'BIGINT', " +
  "'recorded_by_staff_id': 'BIGINT', 'place': 'VARCHAR', 'restricted': 'INTEGER'")}`);
await db.run(`CREATE TABLE incident_pupils AS SELECT * FROM ${csv('incident_pupils',
  "'incident_id': 'BIGINT', 'pupil_id': 'BIGINT', 'school_id': 'BIGINT', " +
  "'role': 'VARCHAR', 'occurred_at': 'BIGINT', 'category': 'VARCHAR'")}`);
const loaded = performance.now();
await db.run(`CREATE TABLE facts AS SELECT i.school_id, i.behaviour_class, ` +
  `${store.day} AS day, ${store.weekday} AS weekday, ${store.hour} AS hour, ` +
  `i.category, i.place, ip.pupil_id, i.restricted ` +
  `FROM incident_pupils ip JOIN incidents i ON i.id = ip.incident_id WHERE ip.role = 'involved'`);
const seconds = (ms) => (ms / 1000).toFixed(1);
console.log(`load engine=duckdb records=${records} s=${seconds(performance.now() - start)} ` +
  `csv_s=${seconds(loaded - start)} facts_s=${seconds(performance.now() - loaded)} ` +
  `resident_mb=${Math.round(process.memoryUsage().rss / 2 ** 20)}`);

// The six questions as SQL over `from`, grouping by `by`'s expressions.
async function ask(from, by) {
  const a = { total: 0, day: [], category: [], place: [], hour: [], heatmap: [], pupil: [] };
  // Grouped by the date, then written as text: once a day, not once a row.
  const days = `SELECT ${by.day} AS d, count(*) AS n${from} GROUP BY d`;
  for (const [d, n] of await rowsOf(`SELECT strftime(d, '%Y-%m-%d'), n FROM (${days})`)) {
    a.day.push([d, n]);
    a.total += Number(n);
  }
  a.category = await rowsOf(`SELECT ${by.category} AS c, count(*)${from} GROUP BY c`);
  a.place = await rowsOf(`SELECT ${by.place} AS p, count(*)${from} GROUP BY p`);
  a.hour = await rowsOf(`SELECT ${by.hour} AS h, count(*)${from} GROUP BY h`);
  a.pupil = await rowsOf(`SELECT ${by.pupil} AS p, count(*) AS n${from} GROUP BY p ORDER BY n DESC, p LIMIT 20`);
  a.heatmap = await rowsOf(`SELECT ${by.weekday} AS w, ${by.hour} AS h, count(*)${from} GROUP BY w, h`);
  return a;
}

// insight_answer.h's text form.
function answerText(a) {
  const byCount = (v) => [...v].sort((x, y) => Number(y[1] - x[1]) || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const byNumber = (v) => [...v].sort((x, y) => Number(x[0]) - Number(y[0]) || Number(x[1]) - Number(y[1]));
  const lines = [`total\t${a.total}`];
  for (const [d, n] of [...a.day].sort((x, y) => (x[0] < y[0] ? -1 : 1))) lines.push(`day\t${d}\t${n}`);
  for (const [c, n] of byCount(a.category)) lines.push(`category\t${c}\t${n}`);
  for (const [p, n] of byCount(a.place)) lines.push(`place\t${p}\t${n}`);
  for (const [h, n] of byNumber(a.hour)) lines.push(`hour\t${h}\t${n}`);
  for (const [w, h, n] of byNumber(a.heatmap)) lines.push(`heatmap\t${w}\t${h}\t${n}`);
  for (const [p, n] of a.pupil) lines.push(`pupil\t${p}\t${n}`);
  return lines.join('\n') + '\n';
}

async function warmMedian(run, maxRuns = 21, budgetMs = 60_000, minRuns = 3) {
  await run();
  const t = [];
  let spent = 0;
  while (t.length < maxRuns && (t.length < minRuns || spent < budgetMs)) {
    const s = performance.now();
    await run();
    t.push(performance.now() - s);
    spent += t.at(-1);
  }
  t.sort((x, y) => x - y);
  return { ms: t[Math.floor(t.length / 2)], runs: t.length };
}

const filters = readFileSync(`${folder}/filters.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
// label, answer file, rows asked about, what to group by, time budget (ms).
const shapes = [
  ['engine=duckdb', 'duckdb', (condition) => ` FROM facts WHERE ${condition}`, facts, 30_000],
  ['peer=duckdb_store', 'duckdb_store', (condition, storeRows) => storeRows, store, 20_000],
];
for (const [label, file, from, by, budget] of shapes) {
  for (const [name, condition, storeRows] of filters) {
    let answer;
    const { ms, runs } = await warmMedian(async () => { answer = await ask(from(condition, storeRows), by); }, 21, budget);
    console.log(`${label} filter=${name} records=${records} ms=${ms.toFixed(2)}`);
    console.log(`runs ${label} filter=${name} warm_runs=${runs}`);
    writeFileSync(`${folder}/${file}_${name}.txt`, answerText(answer));
  }
}

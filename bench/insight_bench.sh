#!/usr/bin/env bash
# Insight (issue 14), for docs/performance.md: attune's engine, SQLite and
# DuckDB side by side in one run on the same synthetic local authority
# (200 schools, 150,000 pupils, five school years, RECORDS involved-pupil
# rows with weekday and hour peaks and a few pupils with many records), the
# same six questions (the SWIS Big 5 and the weekday × hour heatmap in
# London time) with "every class but prosocial" over every school
# (all_but_prosocial) and over one school's five years (one_school).
#
# build/bench/insight_bench makes the authority, loads the engine and a
# SQLite file made by attune's own migrations, and writes the CSV files
# bench/insight_duckdb.mjs loads into DuckDB (npm @duckdb/node-api, installed
# here into the git-ignored bench/.duckdb). SQLite is asked on the store's
# own tables, joined and turned into London time in every query; DuckDB on
# one table of involved pupils with London date, weekday and hour worked out
# at load, as the engine is (and, on `peer=duckdb_store` lines, on the
# store's tables as SQLite is). Each engine's answers are written in one
# text form and compared whole: every day, category, place, hour, heatmap
# cell and the 20 pupils with most, not just the totals. How each engine
# gets London time, and how many runs each median is of: the comments at
# the top of insight_bench.cpp and insight_duckdb.mjs.
#
# Prints, besides load times, the engine's resident memory, the
# memory-bandwidth floor and the server's start-up on the SQLite file (from
# its start to every record in its insight engine), one line per engine and
# filter:
#   engine=attune filter=all_but_prosocial records=10000000 ms=41.2
# (ms: the warm median of the six questions; the engine answers all six in
# one query), then identical=yes or identical=no (with the first
# differences).
# Usage: bench/insight_bench.sh [RECORDS, default 10000000]
# Environment: INSIGHT_BENCH_DIR the working folder (Default: a new one
# under /tmp, removed at the end; about 4 GB at 10 M records).
# REQUIRES: cmake and a C++ toolchain (make deps), node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-10000000}
DUCKDB_VERSION=1.5.6-r.1
if [ -n "${INSIGHT_BENCH_DIR:-}" ]; then
  WORK=$INSIGHT_BENCH_DIR
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi

[ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j2 --target insight_bench > /dev/null
if [ ! -d bench/.duckdb/node_modules/@duckdb/node-api ]; then
  npm install --prefix bench/.duckdb --no-audit --no-fund --loglevel=error \
    "@duckdb/node-api@$DUCKDB_VERSION" > /dev/null
fi

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# sqlite $(sqlite3 --version | cut -d' ' -f1) ; duckdb (npm @duckdb/node-api) $DUCKDB_VERSION ; node $(node --version)"
build/bench/insight_bench "$RECORDS" "$WORK"

# Start-up: the server itself on the SQLite file just made (attune's own
# schema), from its start to the insight engine holding every record (its
# log line), and its memory then.
cmake --build build -j2 --target attune > /dev/null
LOG="$WORK/serve.log"
started=$(date +%s.%N)
ATTUNE_LOG_LEVEL=info build/attune serve --db "$WORK/attune.db" --port "${PORT:-18498}" > "$LOG" 2>&1 &
SERVER=$!
until grep -q 'insight: .* rows loaded' "$LOG"; do
  kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.02
done
ready=$(date +%s.%N)
echo "startup engine=attune records=$RECORDS s=$(awk "BEGIN {printf \"%.1f\", $ready - $started}") $(grep -o 'rows loaded in [0-9]* ms' "$LOG") resident_mb=$(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) own_mb=$(( $(awk '/RssAnon/ {print $2}' /proc/$SERVER/status) / 1024 ))"
kill $SERVER
wait $SERVER 2>/dev/null || true

node bench/insight_duckdb.mjs "$RECORDS" "$WORK"

identical=yes
for filter in all_but_prosocial one_school; do
  for engine in sqlite duckdb duckdb_store; do
    if ! cmp -s "$WORK/attune_$filter.txt" "$WORK/${engine}_$filter.txt"; then
      identical=no
      echo "# $engine differs from attune on $filter:"
      diff "$WORK/attune_$filter.txt" "$WORK/${engine}_$filter.txt" | head -10 || true
    fi
  done
done
echo "identical=$identical"

#!/usr/bin/env bash
# "Recording on PostgreSQL" in docs/performance.md: the same fixed-rate load
# as bench/incident_load.sh (a), POST /api/v1/incidents at 500/s through
# bench/open_loop, against attune on a fresh demo school in SQLite and then
# in PostgreSQL 15 (a throw-away cluster on a Unix socket, fsync on, the
# server's defaults otherwise), and in the same run the peer: PostgreSQL
# alone inserting one row per transaction with pgbench (its ceiling for
# single durable writes on this disk) and the same rows in one transaction;
# then attune's writer alone (bench/pg_write_floor), each statement waiting
# for its answer and pipelined.
# Each store's server is started on a freshly generated school whose
# writes are flushed first; its first two seconds are shown apart from the
# measured run.
# Usage: bench/pg_incident_load.sh [seconds per run, Default: 10] [rate, Default: 500]
# REQUIRES: built attune and bench targets (make build), PostgreSQL 15.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
BENCH=${BENCH_DIR:-$(dirname "$BIN")/bench}
SECONDS_PER_RUN=${1:-10}
RATE=${2:-500}
PORT=${PORT:-18491}
WORK=$(mktemp -d /tmp/attune-pgbench-XXXXXX)
chmod 755 "$WORK"
PGDIR="$WORK/pg"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
SERVER=
finish() {
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
  scripts/pg-cluster.sh stop "$PGDIR" || true
  rm -rf "$WORK"
}
trap finish EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# attune $($BIN --version) ; $("$PGBIN/postgres" --version)"
scripts/pg-cluster.sh start "$PGDIR" > /dev/null
psql() { command psql -h "$PGDIR" -U attune "$@"; }
createdb -h "$PGDIR" -U attune attune_bench
URL="postgresql://attune@/attune_bench?host=$PGDIR"

# CPU time (user and system, in hundredths of a second) of the processes given.
cpu_ticks() {
  local total=0 p
  for p in "$@"; do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

run_store() {  # $1: label, $2: --db value, $3: how to count incidents
  local db=$2
  $BIN demo generate --db "$db" > /dev/null
  # What the generation wrote is on the disk before the clock starts: a
  # school's server is not writing out 70 MB of new history when a
  # teacher records (PostgreSQL keeps it in its buffers until a checkpoint).
  if [[ $db == postgresql://* ]]; then psql -d attune_bench -qc CHECKPOINT; fi
  sync
  local token
  token=$($BIN token create --db "$db" --email teacher@demo.attune.school | tail -1)
  ATTUNE_LOG_LEVEL=warn $BIN serve --db "$db" --port "$PORT" > "$WORK/serve.log" 2>&1 &
  SERVER=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.01; done
  local before
  before=$(eval "$3")
  echo
  echo "## $1: $RATE/s, open loop, 16 workers ($before incidents of history)"
  # The first seconds after the server starts, apart: each pooled
  # connection prepares each statement the first time it meets it (on
  # PostgreSQL a few milliseconds each while its caches are cold).
  echo "first 2 s after start:"
  "$BENCH/open_loop" 127.0.0.1 "$PORT" /api/v1/incidents "$RATE" 2 16 \
    "$WORK/bodies.jsonl" "$token" | grep -E "^(answers|latency from due)" | sed 's/^/  /'
  before=$(eval "$3")
  echo "then ${SECONDS_PER_RUN}s:"
  local cpu_attune cpu_pg
  cpu_attune=$(cpu_ticks "$SERVER"); cpu_pg=$(cpu_ticks $(pgrep -x postgres || true))
  "$BENCH/open_loop" 127.0.0.1 "$PORT" /api/v1/incidents "$RATE" "$SECONDS_PER_RUN" 16 \
    "$WORK/bodies.jsonl" "$token" | sed 's/^/  /'
  local records=$(( RATE * SECONDS_PER_RUN ))
  awk -v a=$(( $(cpu_ticks "$SERVER") - cpu_attune )) \
    -v p=$(( $(cpu_ticks $(pgrep -x postgres || true)) - cpu_pg )) -v n="$records" \
    'BEGIN { printf "CPU a record in the measured run: attune %.2f ms, PostgreSQL'"'"'s processes %.2f ms\n", a * 10 / n, p * 10 / n }'
  echo "incidents saved: $(( $(eval "$3") - before ))"
  echo "resident memory: $(awk '/VmRSS/ {print $2" kB"}' /proc/$SERVER/status)"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
}

# One request body per pupil of the demo school (the same ids in both stores).
$BIN demo generate --db "$WORK/ids.db" > /dev/null
sqlite3 "$WORK/ids.db" 'SELECT id FROM pupils WHERE school_id = 1 ORDER BY id' |
  awk '{printf "{\"pupils\":[{\"id\":%d,\"role\":\"involved\"}],\"category\":\"hurting_others\",\"location\":\"Playground\",\"notes\":\"Pushed another child over during a game of tag; kicked out when an adult came over.\",\"perceived_function\":\"avoid_sensation\",\"others_involved\":[\"peers\"]}\n", $1}' \
  > "$WORK/bodies.jsonl"

run_store "SQLite (WAL, synchronous=FULL, group commit)" "$WORK/attune.db" \
  "sqlite3 '$WORK/attune.db' 'SELECT COUNT(*) FROM incidents'"
run_store "PostgreSQL 15 (fsync on, synchronous_commit on, group commit)" "$URL" \
  "psql -d attune_bench -Atc 'SELECT COUNT(*) FROM incidents'"

echo
echo "## peer: PostgreSQL alone, one INSERT per transaction (pgbench, 1 and 16 clients, ${SECONDS_PER_RUN}s)"
psql -d attune_bench -qc "CREATE TABLE floor (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, school_id BIGINT NOT NULL, category TEXT NOT NULL, occurred_at BIGINT NOT NULL, notes TEXT NOT NULL)"
echo "INSERT INTO floor (school_id, category, occurred_at, notes) VALUES (1, 'hurting_others', 1765000000, 'Pushed another child over during a game of tag; kicked out when an adult came over.');" > "$WORK/floor.sql"
for clients in 1 16; do
  "$PGBIN/pgbench" -h "$PGDIR" -U attune -n -f "$WORK/floor.sql" -c "$clients" -j 2 -T "$SECONDS_PER_RUN" attune_bench |
    grep -E "^(latency average|tps|number of transactions actually)" | sed "s/^/  $clients clients: /"
done
echo "## peer: the same row 10,000 times in one transaction"
start=$(date +%s%N)
psql -d attune_bench -qc "INSERT INTO floor (school_id, category, occurred_at, notes) SELECT 1, 'hurting_others', 1765000000 + k, 'Pushed another child over.' FROM generate_series(1, 10000) k"
echo "  $(( ($(date +%s%N) - start) / 1000000 )) ms for 10,000 rows"
echo
echo "## the writer alone: attune's group commit of the same record from 16 threads, no HTTP (bench/pg_write_floor)"
createdb -h "$PGDIR" -U attune attune_floor
"$BENCH/pg_write_floor" "postgresql://attune@/attune_floor?host=$PGDIR" "$SECONDS_PER_RUN" 16 2>/dev/null |
  sed 's/^/  /'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Load figures for "Recording an incident" in docs/performance.md: POST
# /api/v1/incidents with a teacher's bearer token against `attune serve` on a
# fresh demo school (400 pupils, the default 60 school days of history),
# every record durable (WAL, synchronous=FULL, group commit).
#   (a) a fixed rate, 500/s by default, for the latency distribution:
#       bench/open_loop (wrk cannot hold a rate; wrk2 is not in Debian)
#   (b) the most the server takes: wrk with 32 and 64 connections
# and, in the same run, the peer: bench/sqlite_insert_floor, SQLite alone
# writing the same rows (naive, batched, group commit).
# Each record is "hurting someone" for one pupil, in turn over the school:
# the policy decides the step (Zone 6 the first time in a lesson), two
# follow-up actions and any escalation, and the audit entry is written.
# Usage: bench/incident_load.sh [seconds per run, Default: 10] [rate, Default: 500]
# REQUIRES: built attune and bench targets (make build), wrk, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
BENCH=${BENCH_DIR:-$(dirname "$BIN")/bench}
SECONDS_PER_RUN=${1:-10}
RATE=${2:-500}
PORT=${PORT:-18490}
WORK=$(mktemp -d)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# attune $($BIN --version) ; $(wrk --version 2>&1 | head -1)"

start_server() {
  rm -f "$WORK"/attune.db*
  $BIN demo generate --db "$WORK/attune.db" > /dev/null
  TOKEN=$($BIN token create --db "$WORK/attune.db" --email teacher@demo.attune.school | tail -1)
  export TOKEN  # read by post.lua
  ATTUNE_LOG_LEVEL=warn $BIN serve --db "$WORK/attune.db" --port "$PORT" > "$WORK/serve.log" 2>&1 &
  SERVER=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.01; done
  echo "fresh demo school: $(sqlite3 "$WORK/attune.db" 'SELECT COUNT(*) FROM pupils') pupils," \
    "$(sqlite3 "$WORK/attune.db" 'SELECT COUNT(*) FROM incidents') incidents of history"
}
stop_server() {
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
}
incidents() { sqlite3 "$WORK/attune.db" 'SELECT COUNT(*) FROM incidents'; }
# The server's CPU time (user + system) in milliseconds, and per record
# since `cpu_mark`: steadier than requests/s on a shared machine.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$SERVER/stat"; }
cpu_mark() { CPU0=$(cpu_ms); N0=$(incidents); }
cpu_per_record() {
  echo "server CPU per record: $(awk -v a="$CPU0" -v b="$(cpu_ms)" -v n="$(( $(incidents) - N0 ))" 'BEGIN {printf "%.2f ms (%d records)", (b - a) / n, n}')"
}
# This disk's fsync time drifts (a shared virtual disk): one durable commit,
# measured next to each server run.
disk() { echo "disk now: $("$BENCH/sqlite_insert_floor" 2 "$WORK" naive | tail -1)"; }

# One request body per pupil, one line each.
start_server
sqlite3 "$WORK/attune.db" 'SELECT id FROM pupils WHERE school_id = 1 ORDER BY id' |
  awk '{printf "{\"pupils\":[{\"id\":%d,\"role\":\"involved\"}],\"category\":\"hurting_others\",\"location\":\"Playground\",\"notes\":\"Pushed another child over during a game of tag; kicked out when an adult came over.\",\"perceived_function\":\"avoid_sensation\",\"others_involved\":[\"peers\"]}\n", $1}' \
  > "$WORK/bodies.jsonl"
cat > "$WORK/post.lua" <<LUA
-- POST the bodies in turn, each wrk thread from its own place; count answers.
local bodies = {}
for line in io.lines("$WORK/bodies.jsonl") do bodies[#bodies + 1] = line end
local threads = {}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  n = id * 7919
  created, other = 0, 0
end
function request()
  n = n + 1
  return wrk.format(nil, "/api/v1/incidents", nil, bodies[n % #bodies + 1])
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); o = o + t:get("other") end
  io.write(string.format("answers: 201: %d  other: %d\n", c, o))
end
LUA

echo
echo "## (a) fixed rate: $RATE/s for ${SECONDS_PER_RUN}s, open loop, 16 workers"
disk
cpu_mark
echo "\$ open_loop 127.0.0.1 $PORT /api/v1/incidents $RATE $SECONDS_PER_RUN 16 bodies.jsonl TOKEN"
"$BENCH/open_loop" 127.0.0.1 "$PORT" /api/v1/incidents "$RATE" "$SECONDS_PER_RUN" 16 "$WORK/bodies.jsonl" "$TOKEN"
echo "incidents saved: $(( $(incidents) - N0 ))"
cpu_per_record
echo "resident memory: $(awk '/VmRSS/ {print $2" kB"}' /proc/$SERVER/status)"

for connections in 32 64; do
  stop_server; start_server  # each run on a fresh school, same history
  echo
  echo "## (b) most the server takes: wrk, $connections connections"
  disk
  cpu_mark
  echo "\$ wrk -t2 -c$connections -d${SECONDS_PER_RUN}s --latency -s post.lua http://127.0.0.1:$PORT"
  wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/post.lua" "http://127.0.0.1:$PORT"
  echo "incidents saved: $(( $(incidents) - N0 ))"
  cpu_per_record
done
echo "resident memory: $(awk '/VmRSS/ {print $2" kB"}' /proc/$SERVER/status)"
stop_server

echo
echo "## peer: SQLite alone, the same rows, same disk"
echo "\$ sqlite_insert_floor 3 $WORK"
"$BENCH/sqlite_insert_floor" 3 "$WORK"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# A pupil with five years of history, for docs/performance.md: a 2,000-pupil
# demo school with five school years of history (`demo generate --years 5`;
# a Year 11 pupil's began when they joined Year 7), then the pupil page and
# the chronology of the Year 11 pupil with the most records, and of one with
# few, each asked for one request at a time and timed by the server itself
# (the "ms=" of its request log line), with /healthz in the same run as the
# floor. With PEER_BIN set (an attune built before this change), the same
# pages are then asked of it, on the same database, as the peer.
# Usage: bench/pupil_load.sh [requests per page, default 200]
# Environment: DB=file to reuse a generated database (made there if absent);
# PEER_BIN=path of another attune binary to measure on the same data.
# REQUIRES: a built binary (make build), sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-200}
WORK=$(mktemp -d)
PORT=${PORT:-18491}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
source bench/page_timing.sh
five_year_school
# The Year 11 pupil with the most records, and a Year 7 pupil with few.
busiest=$(sqlite3 "$DB" "SELECT ip.pupil_id FROM incident_pupils ip JOIN pupils p ON p.id = ip.pupil_id
  WHERE p.year_group = 11 GROUP BY ip.pupil_id ORDER BY COUNT(*) DESC LIMIT 1")
quiet=$(sqlite3 "$DB" "SELECT ip.pupil_id FROM incident_pupils ip JOIN pupils p ON p.id = ip.pupil_id
  WHERE p.year_group = 7 GROUP BY ip.pupil_id ORDER BY COUNT(*) LIMIT 1")
records() { sqlite3 "$DB" "SELECT COUNT(*) || ' records since ' || date(MIN(occurred_at), 'unixepoch') FROM incident_pupils WHERE pupil_id = $1"; }
echo "school: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM pupils') pupils, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents') records since $(sqlite3 "$DB" "SELECT date(MIN(occurred_at), 'unixepoch') FROM incidents")"
echo "pupil $busiest (Year 11): $(records "$busiest"); pupil $quiet (Year 7): $(records "$quiet")"

LOG="$WORK/serve.log"
start_server() {
  : > "$LOG"
  ATTUNE_LOG_LEVEL=info $1 serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
  SERVER=$!
  wait_for_server
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

run() {
  local bin=$1 name=$2
  start_server "$bin"
  echo "## $name ($bin)"
  local dsl teacher
  dsl=$(session dsl)
  teacher=$(session teacher)
  measure "/healthz (the floor)" "" "/healthz"
  measure "pupil page, Year 11 (DSL)" "$dsl" "/pupils/$busiest"
  measure "pupil page, Year 11 (teacher)" "$teacher" "/pupils/$busiest"
  measure "pupil page, Year 11, everything (DSL)" "$dsl" "/pupils/$busiest?period=all"
  measure "pupil page, Year 7 (DSL)" "$dsl" "/pupils/$quiet"
  measure "chronology, Year 11, first page" "$dsl" "/pupils/$busiest/chronology"
  measure "chronology, Year 11, page 8" "$dsl" "/pupils/$busiest/chronology?page=8"
  measure "chronology, Year 11, positive, one year" "$dsl" "/pupils/$busiest/chronology?kind=positive&from=2025-09-01&to=2026-08-31"
  measure "chronology to print, Year 11, everything" "$dsl" "/pupils/$busiest/chronology/print"
  stop_server
}

run "$BIN" "this build"
if [ -n "${PEER_BIN:-}" ]; then run "$PEER_BIN" "peer"; fi

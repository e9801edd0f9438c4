#!/usr/bin/env bash
# A local authority's group view (decision 0034) at an authority's scale,
# for docs/performance.md: SCHOOLS demo schools (default 60) of PUPILS
# pupils (default 600) with YEARS school years of history (default 1), all
# in one authority; then the server's own time for /group term by term and
# month by month, beside one school's insight page for its senior leader
# and /healthz as peers in the same run (one request at a time after 20 to
# warm up, timed by the server itself, as bench/insight_page.sh).
# Usage: bench/group_view.sh [requests per page, default 50]
# Environment: DB=file to reuse a generated database (made there if absent);
# SCHOOLS, PUPILS, YEARS.
# REQUIRES: a built binary (make build), sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-50}
SCHOOLS=${SCHOOLS:-60}
PUPILS=${PUPILS:-600}
YEARS=${YEARS:-1}
WORK=$(mktemp -d)
PORT=${PORT:-18498}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
source bench/page_timing.sh
DB=${DB:-$WORK/attune.db}
if [ ! -s "$DB" ]; then
  start=$(date +%s)
  $BIN demo generate --db "$DB" --schools "$SCHOOLS" --pupils "$PUPILS" --years "$YEARS" > /dev/null 2>&1
  echo "generated in $(( $(date +%s) - start )) s"
fi
if [ "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM organisations')" = 0 ]; then
  $BIN organisation create --db "$DB" --kind local_authority --name "Bench County Council" > /dev/null
  $BIN organisation attach --db "$DB" --organisation 1 $(sqlite3 "$DB" 'SELECT id FROM schools' | sed 's/^/--school /') > /dev/null
  $BIN organisation add-person --db "$DB" --organisation 1 --email officer@bench.example \
    --name "Bench Officer" --password attune-bench-2026 > /dev/null
fi
echo "## $(sqlite3 "$DB" 'SELECT COUNT(*) FROM schools') schools, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM pupils') pupils, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents') records, $(sqlite3 "$DB" "SELECT COUNT(*) FROM incident_pupils WHERE role = 'involved'") involved pupils"
LOG="$WORK/serve.log"
ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
SERVER=$!
wait_for_server
until grep -q 'insight: .* rows loaded' "$LOG"; do sleep 0.05; done
grep -o 'insight: .* rows loaded in [0-9]* ms' "$LOG"

officer() {
  local jar="$WORK/cookies-officer" page token
  page=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/sign-in")
  token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<< "$page" | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=officer@bench.example" --data-urlencode "password=attune-bench-2026" \
    "http://127.0.0.1:$PORT/sign-in"
  awk '$6 == "attune_session" {print $7}' "$jar"
}
la=$(officer)
senior=$(session senior)
measure "/healthz (the floor)" "" "/healthz"
measure "one school's insight, this year (senior; peer)" "$senior" "/insight"
measure "the group, term by term, this year (officer)" "$la" "/group"
measure "the group, month by month, this year (officer)" "$la" "/group?by=month"
measure "the group, last year, by month (officer)" "$la" "/group?by=month&year=$(( $(date +%Y) - $( [ "$(date +%m)" -ge 9 ] && echo 1 || echo 2) ))"
measure "the authority's notices, this year (officer)" "$la" "/group/notices"

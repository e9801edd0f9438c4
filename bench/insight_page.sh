#!/usr/bin/env bash
# The insight page (issue 14) at a large school's scale, for
# docs/performance.md: a 2,000-pupil demo school with five school years of
# history (`demo generate --pupils 2000 --years 5`), then how long the
# server takes to read every record into its insight engine at start (its
# log line), its resident memory once it has, and the server's own time for
# the insight page as each kind of reader opens it and with the filters
# leaders use, the outcomes part the page asks for once shown, the pupil
# page with a pupil's pattern, and /healthz as the
# floor in the same run; each asked for one request at a time after 20 to
# warm up, timed by the server itself (the "ms=" of its request log line).
# Usage: bench/insight_page.sh [requests per page, default 100]
# Environment: DB=file to reuse a generated database (made there if absent).
# REQUIRES: a built binary (make build), sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-100}
WORK=$(mktemp -d)
PORT=${PORT:-18497}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
source bench/page_timing.sh
five_year_school
LOG="$WORK/serve.log"
echo "## $(sqlite3 "$DB" 'SELECT COUNT(*) FROM pupils') pupils, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents') records, $(sqlite3 "$DB" "SELECT COUNT(*) FROM incident_pupils WHERE role = 'involved'") involved pupils since $(sqlite3 "$DB" "SELECT date(MIN(occurred_at), 'unixepoch') FROM incidents")"

ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
SERVER=$!
wait_for_server
until grep -q 'insight: .* rows loaded' "$LOG"; do sleep 0.05; done
grep -o 'insight: .* rows loaded in [0-9]* ms' "$LOG"
# The server's own memory (anonymous pages) apart from the database file
# SQLite maps (file pages the kernel shares and can drop).
echo "resident memory once loaded: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB, of which the server's own $(( $(awk '/RssAnon/ {print $2}' /proc/$SERVER/status) / 1024 )) MB and the mapped database file $(( $(awk '/RssFile/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"

senior=$(session senior)
pastoral=$(session pastoral)
teacher=$(session teacher)
busiest=$(sqlite3 "$DB" "SELECT ip.pupil_id FROM incident_pupils ip JOIN pupils p ON p.id = ip.pupil_id WHERE
  p.year_group = 11 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")
measure "/healthz (the floor)" "" "/healthz"
measure "insight, this school year (senior)" "$senior" "/insight"
measure "insight, this school year (pastoral)" "$pastoral" "/insight"
measure "insight, every record, five years (senior)" "$senior" "/insight?period=all&kind=all"
measure "insight, this term, Year 9 and its forms" "$senior" "/insight?period=term&year=9"
measure "insight, one category, five years" "$senior" "/insight?period=all&category=low_level_disruption"
measure "insight, girls on free school meals" "$senior" "/insight?group=fsm"
measure "insight, a teacher's own recording" "$teacher" "/insight?period=all"
measure "insight CSV, weeks of five years" "$senior" "/insight.csv?chart=weeks&period=all"
# The outcomes part each page asks for once shown (GET /insight/outcomes):
# month by month from the store, for this school year and for five years.
today=$(date +%F)
year_start=$(( $(date +%m | sed 's/^0//') >= 9 ? $(date +%Y) : $(date +%Y) - 1 ))-09-01
first_day=$(sqlite3 "$DB" "SELECT date(MIN(occurred_at), 'unixepoch') FROM incidents")
measure "insight outcomes part, this school year" "$senior" "/insight/outcomes?period=year&window=$year_start,$today"
measure "insight outcomes part, five years" "$senior" "/insight/outcomes?period=all&window=$first_day,$today"
measure "pupil page with pattern, busiest Year 11 (teacher)" "$teacher" "/pupils/$busiest"

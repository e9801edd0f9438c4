#!/usr/bin/env bash
# Every page each role opens in a day, on the school the issue measures
# (issue 12: a 2,000-pupil school with 81,000 records, "every page under 5 ms
# of server time at the median"), for docs/performance.md. A demo school of
# 2,000 pupils with 60 school days of history, its own open follow-ups (no
# top-up: bench/queue_load.sh measures the queue at 5,000), then each page
# asked for N times as the role that opens it, one request at a time after
# 20 to warm up, timed by the server itself (the "ms=" of its request log
# line); /healthz in the same run is the floor.
# Usage: bench/every_page.sh [requests per page, default 100]
# Environment: DB=file to reuse a generated database (made there if absent).
# REQUIRES: a built binary (make build), sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-100}
WORK=$(mktemp -d)
PORT=${PORT:-18483}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
DB=${DB:-$WORK/attune.db}
if [ ! -s "$DB" ]; then
  $BIN demo generate --db "$DB" --pupils 2000 --days 60 > /dev/null 2>&1
fi
q() { sqlite3 "$DB" "$1"; }
echo "school: $(q 'SELECT COUNT(*) FROM pupils') pupils, $(q 'SELECT COUNT(*) FROM incidents') records, $(q "SELECT COUNT(*) FROM actions WHERE status = 'open'") open follow-ups, $(q 'SELECT COUNT(*) FROM audit_log') audit entries"
# A pupil with many records, a recent record, the teacher's first class, a
# restricted record.
busiest=$(q "SELECT pupil_id FROM incident_pupils GROUP BY pupil_id ORDER BY COUNT(*) DESC LIMIT 1")
recent=$(q "SELECT id FROM incidents WHERE restricted = 0 ORDER BY id DESC LIMIT 1")
concern=$(q "SELECT id FROM incidents WHERE restricted = 1 ORDER BY id DESC LIMIT 1")
class=$(q "SELECT t.group_id FROM timetable_slots t JOIN staff s ON s.id = t.staff_id
  WHERE s.email = 'teacher@demo.attune.school' ORDER BY t.id LIMIT 1")
echo "pupil $busiest: $(q "SELECT COUNT(*) FROM incident_pupils WHERE pupil_id = $busiest") records; class $class: $(q "SELECT COUNT(*) FROM teaching_group_members WHERE group_id = $class") pupils"

LOG="$WORK/serve.log"
ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
SERVER=$!
source bench/page_timing.sh
wait_for_server
declare -A as
for role in teacher pastoral senco dsl senior admin; do as[$role]=$(session "$role"); done

measure "/healthz (the floor)" "" "/healthz"
measure "teacher: My day" "${as[teacher]}" "/"
measure "teacher: a class as tiles" "${as[teacher]}" "/classes/$class"
measure "teacher: record something positive" "${as[teacher]}" "/record?kind=positive"
measure "teacher: record something difficult" "${as[teacher]}" "/record?kind=difficult"
measure "teacher: find a pupil (fragment)" "${as[teacher]}" "/record/search?kind=difficult&q=sm"
measure "teacher: pupils, first page" "${as[teacher]}" "/pupils"
measure "teacher: a busy pupil's page" "${as[teacher]}" "/pupils/$busiest"
measure "teacher: a record" "${as[teacher]}" "/incidents/$recent"
measure "teacher: what I recorded" "${as[teacher]}" "/records"
measure "teacher: my actions" "${as[teacher]}" "/actions"
measure "teacher: our policy" "${as[teacher]}" "/policy"
measure "teacher: account" "${as[teacher]}" "/account"
measure "teacher: the bell's count (refresh)" "${as[teacher]}" "/notifications/badge"
measure "pastoral lead: My day" "${as[pastoral]}" "/"
measure "pastoral lead: the team's queue" "${as[pastoral]}" "/actions"
measure "pastoral lead: pupils by year" "${as[pastoral]}" "/pupils?sort=year"
measure "pastoral lead: pupils of Year 9" "${as[pastoral]}" "/pupils?year=9"
measure "pastoral lead: notifications" "${as[pastoral]}" "/notifications"
measure "pastoral lead: records, search 'calm'" "${as[pastoral]}" "/records?q=calm"
measure "pastoral lead: chronology, busy pupil" "${as[pastoral]}" "/pupils/$busiest/chronology"
measure "SENCO: My day" "${as[senco]}" "/"
measure "SENCO: profiles to review" "${as[senco]}" "/pupils/reviews"
measure "DSL: My day" "${as[dsl]}" "/"
measure "DSL: a busy pupil's page" "${as[dsl]}" "/pupils/$busiest"
[ -n "$concern" ] && measure "DSL: a safeguarding concern" "${as[dsl]}" "/incidents/$concern"
measure "senior leader: My day" "${as[senior]}" "/"
measure "senior leader: every record" "${as[senior]}" "/records"
measure "senior leader: audit log" "${as[senior]}" "/audit"
measure "senior leader: policy versions" "${as[senior]}" "/policies"
measure "senior leader: training" "${as[senior]}" "/training"
measure "admin: staff" "${as[admin]}" "/staff"

#!/usr/bin/env bash
# Support plans (issue 13), for docs/performance.md: the plans page (every
# active plan, then reviews due this week, overdue, and past their last
# day) and a pupil page with five plans, on the demo school `make run`
# makes (400 pupils) and on a 2,000-pupil school, both with 60 school days
# of history and the demo's plans. The pupil given five plans (one of each
# type of seed 004's policy, started through the JSON API with their forms)
# is measured beside the same page of a pupil of the same year with none,
# and /healthz, in the same run. Each page is asked one request at a time
# and timed by the server itself (the "ms=" of its request log line).
# Then, on the larger school, 2,000 more active plans (a Zone 6 referral
# for each pupil), and the plans page again, first and twentieth page.
# Usage: bench/plans_load.sh [requests per page, default 200]
# Environment: PUPILS="400 2000" the school sizes to measure.
# REQUIRES: a built binary (make build), sqlite3, curl and libfaketime.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-200}
WORK=$(mktemp -d)
PORT=${PORT:-18493}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
LOG="$WORK/serve.log"
FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 | head -1)
source bench/page_timing.sh

# POSTs JSON `$2` to the API path `$1` with the senior leader's token.
api() {
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "$2" "http://127.0.0.1:$PORT$1" > /dev/null || { echo "refused: $1 $2"; exit 1; }
}

for pupils in ${PUPILS:-400 2000}; do
  DB="$WORK/school-$pupils.db"
  $BIN demo generate --db "$DB" --pupils "$pupils" --days 60 > /dev/null 2>&1
  # The last school day of the history, so every plan starts on a school day.
  day=$(sqlite3 "$DB" "SELECT date(MAX(occurred_at), 'unixepoch') FROM incidents")
  # Two Year 9 pupils without plans: one is given five, the other left without.
  read -r five none <<< "$(sqlite3 "$DB" "SELECT id FROM pupils WHERE year_group = 9 AND id NOT IN
    (SELECT pupil_id FROM plans) ORDER BY id LIMIT 2" | tr '\n' ' ')"
  : > "$LOG"
  # The server's clock on that day after school (libfaketime, as the tests
  # move it: decision 0020), so My day shows the day's Daily Positive
  # Reporting whatever day the benchmark runs.
  FAKETIME="@$day 15:30:00" FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC LD_PRELOAD=$FAKETIME_LIB \
    ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
  SERVER=$!
  wait_for_server
  TOKEN=$($BIN token create --db "$DB" --email senior@demo.attune.school | tail -1)
  api /api/v1/plans "{\"pupil_id\": $five, \"type\": \"daily_positive_reporting\", \"starts_on\": \"$day\", \"fields\": {\"slt\": \"Mrs Okafor\"}}"
  api /api/v1/plans "{\"pupil_id\": $five, \"type\": \"wap\", \"starts_on\": \"$day\", \"fields\": {\"date_of_first_meeting\": \"$day\", \"aim\": \"Settled lunchtimes\", \"targets\": [\"Use the calm corner\", \"Tell an adult\"]}}"
  api /api/v1/plans "{\"pupil_id\": $five, \"type\": \"zone_6_referral\", \"starts_on\": \"$day\", \"fields\": {\"time_in\": \"10:40\"}}"
  api /api/v1/plans "{\"pupil_id\": $five, \"type\": \"thrive_action_plan\", \"starts_on\": \"$day\", \"fields\": {\"assessment_date\": \"$day\", \"barriers\": \"Transitions\", \"learning_objectives\": [\"Name the feeling\"]}}"
  api /api/v1/plans "{\"pupil_id\": $five, \"type\": \"risk_reduction_plan\", \"starts_on\": \"$day\", \"fields\": {\"triggers\": \"Crowded corridors\", \"feel_safe\": \"A known adult\", \"actions\": [{\"action\": \"Leave lessons two minutes early\", \"kind\": \"protective\"}, {\"action\": \"Practise asking for space\", \"kind\": \"educational\"}]}}"
  echo "## $pupils pupils: $(sqlite3 "$DB" "SELECT COUNT(*) FROM plans WHERE status = 'active'") active plans ($(sqlite3 "$DB" 'SELECT COUNT(*) FROM plans') in all, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM plan_entries') entries), $(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents') records; pupil $five has $(sqlite3 "$DB" "SELECT COUNT(*) FROM plans WHERE pupil_id = $five") plans"
  senior=$(session senior)
  pastoral=$(session pastoral)
  teacher=$(session teacher)
  measure "/healthz (the floor)" "" "/healthz"
  measure "plans page, every active plan (senior)" "$senior" "/plans"
  measure "plans page, every active plan (pastoral)" "$pastoral" "/plans"
  measure "plans page, reviews due this week" "$senior" "/plans?due=week"
  measure "plans page, overdue" "$senior" "/plans?due=overdue"
  measure "plans page, past their last day" "$senior" "/plans?due=past_end"
  measure "pupil page, five plans (senior)" "$senior" "/pupils/$five"
  measure "pupil page, five plans (teacher)" "$teacher" "/pupils/$five"
  measure "pupil page, no plans (senior, the peer)" "$senior" "/pupils/$none"
  # The demo's first teacher teaches the five-plans pupil at 400 pupils.
  reports=$(curl -s -H "Cookie: attune_session=$teacher" "http://127.0.0.1:$PORT/" | grep -c 'class="daily-report"' || true)
  measure "My day (teacher, $reports daily reports to write)" "$teacher" "/"
  # A large school's years of plans: 2,000 more, ended, through the API.
  if [ "$pupils" -ge 2000 ]; then
    for id in $(sqlite3 "$DB" "SELECT id FROM pupils ORDER BY id LIMIT 2000"); do
      api /api/v1/plans "{\"pupil_id\": $id, \"type\": \"zone_6_referral\", \"starts_on\": \"$day\", \"fields\": {\"time_in\": \"10:40\"}}"
    done
    echo "## $pupils pupils and $(sqlite3 "$DB" "SELECT COUNT(*) FROM plans WHERE status = 'active'") active plans"
    measure "plans page, every active plan, first 50 (senior)" "$senior" "/plans"
    measure "plans page, every active plan, page 20 (senior)" "$senior" "/plans?page=20"
    measure "plans page, Zone 6 referrals, Year 9" "$senior" "/plans?type=zone_6_referral&year=9"
    measure "plans page, reviews due this week" "$senior" "/plans?due=week"
  fi
  kill "$SERVER"
  wait "$SERVER" 2> /dev/null || true
  SERVER=
done

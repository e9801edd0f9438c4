#!/usr/bin/env bash
# The team's follow-up queue at a large school's scale, for docs/performance.md:
# a 2,000-pupil demo school with a term of history, topped up to 5,000 open
# follow-ups, then each page asked for one request at a time and timed by the
# server itself (the "ms=" of its request log line): the team's queue (first
# page, a page deep in it, filtered by year and by kind), the pastoral lead's
# and the senior leader's "My day", and /healthz in the same run as the floor.
# Usage: bench/queue_load.sh [requests per page, default 200]
# REQUIRES: a built binary (make build), sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-200}
WORK=$(mktemp -d)
PORT=${PORT:-18481}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
DB="$WORK/attune.db"
$BIN demo generate --db "$DB" --pupils 2000 --days 60 > /dev/null 2>&1
now=$(date +%s)
open=$(sqlite3 "$DB" "SELECT COUNT(*) FROM actions WHERE status = 'open'")
# Top up to 5,000 open follow-ups over every pupil, due from a week ago to a
# fortnight ahead, of several kinds and assignees, as a busy term leaves them.
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000 - $open)
  INSERT INTO actions (school_id, pupil_id, kind, label, assignee_role, due_at, status, created_at)
  SELECT p.school_id, p.id,
         CASE n.i % 4 WHEN 0 THEN 'phone_call_home' WHEN 1 THEN 'meeting' WHEN 2 THEN 'letter_home' ELSE 'senco_advice' END,
         CASE n.i % 4 WHEN 0 THEN 'Phone call home' WHEN 1 THEN 'Meeting' WHEN 2 THEN 'Letter home' ELSE 'SENCO advice' END,
         CASE n.i % 3 WHEN 0 THEN 'pastoral' WHEN 1 THEN 'teacher' ELSE 'senco' END,
         $now + (n.i % 21 - 7) * 86400 + (n.i % 7) * 3600, 'open', $now
  FROM n JOIN pupils p ON p.id = 1 + (n.i * 7919) % 2000"
echo "school: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM pupils') pupils, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents') records, $(sqlite3 "$DB" "SELECT COUNT(*) FROM actions WHERE status = 'open'") open follow-ups ($(sqlite3 "$DB" "SELECT COUNT(*) FROM actions WHERE status = 'open' AND due_at < $now") overdue), $(sqlite3 "$DB" "SELECT COUNT(*) FROM actions WHERE status = 'done'") done"

# Each follow-up given to the pastoral team is told to every pastoral lead, as
# a record's notices are (decision 0017), and none read: the header's badge
# at its worst.
sqlite3 "$DB" "INSERT INTO notifications (school_id, staff_id, kind, text, action_id, pupil_id, created_at)
  SELECT a.school_id, s.id, 'action', a.label || ' for a pupil', a.id, a.pupil_id, a.created_at
  FROM actions a JOIN staff s ON s.school_id = a.school_id AND s.role = a.assignee_role AND s.active = 1
  WHERE a.status = 'open' AND a.assignee_role = 'pastoral' AND NOT EXISTS
    (SELECT 1 FROM notifications x WHERE x.action_id = a.id AND x.staff_id = s.id)"
pastoral_id=$(sqlite3 "$DB" "SELECT id FROM staff WHERE email = 'pastoral@demo.attune.school'")
echo "notifications: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM notifications') in all, $(sqlite3 "$DB" "SELECT COUNT(*) FROM notifications WHERE staff_id = $pastoral_id AND read_at IS NULL") unread for the pastoral lead; staff $(sqlite3 "$DB" 'SELECT COUNT(*) FROM staff') ($(sqlite3 "$DB" "SELECT group_concat(role || ' ' || n, ', ') FROM (SELECT role, COUNT(*) n FROM staff GROUP BY role)"))"

LOG="$WORK/serve.log"
ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
SERVER=$!
source bench/page_timing.sh
wait_for_server
pastoral=$(session pastoral)
senior=$(session senior)

measure "/healthz (the floor)" "" "/healthz"
measure "team's queue, first page" "$pastoral" "/actions"
measure "team's queue, page 100" "$pastoral" "/actions?queue=all&page=100"
measure "team's queue, year 9" "$pastoral" "/actions?queue=all&year=9"
measure "team's queue, kind meeting" "$pastoral" "/actions?queue=all&kind=meeting"
measure "pastoral lead's My day" "$pastoral" "/"
measure "senior leader's My day" "$senior" "/"
# The notification badge (decision 0017): the same light page with the
# badge counting 99+ unread, and with none (all read); the difference is
# the count's cost. Then the list itself.
measure "Account page, badge at 99+" "$pastoral" "/account"
measure "pastoral lead's notifications, first page" "$pastoral" "/notifications"
sqlite3 "$DB" "UPDATE notifications SET read_at = $now WHERE staff_id = $pastoral_id"
measure "Account page, no badge (all read)" "$pastoral" "/account"

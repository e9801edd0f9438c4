#!/usr/bin/env bash
# The long lists at a large school's scale, for docs/performance.md: a
# 2,000-pupil demo school with a term of history, 300 active plans and an
# audit log topped up to 250,000 entries (a busy school's year of sign-ins,
# reads and writes), then each page asked for one request at a time and
# timed by the server itself (the "ms=" of its request log line): the pupils
# list (first page, deep, filtered, searched, sorted), the staff list, the
# audit log (first page, deep, filtered by kind, person and days) and
# /healthz in the same run as the floor.
# Usage: bench/lists_load.sh [requests per page, default 200]
# REQUIRES: a built binary (make build), sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-200}
WORK=$(mktemp -d)
PORT=${PORT:-18482}
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version)"
DB="$WORK/attune.db"
$BIN demo generate --db "$DB" --pupils 2000 --days 60 > /dev/null 2>&1
now=$(date +%s)
# 300 pupils on an active plan; the audit log topped up to 250,000 entries
# over the last year, of every member of staff and the usual kinds.
sqlite3 "$DB" "INSERT INTO plans (school_id, pupil_id, plan, name, started_on, status, created_at)
  SELECT school_id, id, 'daily_positive_reporting', 'Daily Positive Reporting', '2026-09-07', 'active', $now
  FROM pupils WHERE id % 7 = 3 AND id NOT IN (SELECT pupil_id FROM plans WHERE status = 'active') LIMIT 300"
entries=$(sqlite3 "$DB" 'SELECT COUNT(*) FROM audit_log')
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000 - $entries)
  INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, subject_id, detail, ip)
  SELECT 1, 1 + n.i % (SELECT COUNT(*) FROM staff),
         $now - 365 * 86400 + n.i * 126,
         CASE n.i % 5 WHEN 0 THEN 'sign_in' WHEN 1 THEN 'pupil.read_sensitive' WHEN 2 THEN 'incident.record'
                      WHEN 3 THEN 'action.complete' ELSE 'incident.read_restricted' END,
         CASE n.i % 5 WHEN 1 THEN 'pupil' WHEN 0 THEN '' ELSE 'incident' END,
         n.i % 2000, 'GET /pupils/' || (n.i % 2000), '10.0.0.' || (n.i % 200)
  FROM n"
who=$(sqlite3 "$DB" "SELECT id FROM staff WHERE email = 'pastoral@demo.attune.school'")
surname=$(sqlite3 "$DB" 'SELECT last_name FROM pupils ORDER BY id LIMIT 1 OFFSET 777')
echo "school: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM pupils') pupils, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM staff') staff, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents') records, $(sqlite3 "$DB" "SELECT COUNT(DISTINCT pupil_id) FROM plans WHERE status = 'active'") pupils on a plan, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM audit_log') audit entries"

LOG="$WORK/serve.log"
ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
SERVER=$!
source bench/page_timing.sh
wait_for_server
teacher=$(session teacher)
senior=$(session senior)
today=$(TZ=Europe/London date +%F)
month=$(TZ=Europe/London date -d '30 days ago' +%F)

measure "/healthz (the floor)" "" "/healthz"
measure "pupils, first page" "$teacher" "/pupils"
measure "pupils, page 40 (of 80)" "$teacher" "/pupils?page=40"
measure "pupils, 50 a page, by year, page 20" "$teacher" "/pupils?sort=year&per=50&page=20"
measure "pupils, year 9 on SEN support" "$teacher" "/pupils?year=9&sen=K"
measure "pupils, with an active plan" "$teacher" "/pupils?plan=yes"
measure "pupils, without a plan, page 30" "$teacher" "/pupils?plan=no&page=30"
measure "pupils, search fragment (surname)" "$teacher" "/pupils/search?q=$surname"
measure "staff, first page" "$senior" "/staff"
measure "staff, teachers" "$senior" "/staff?role=teacher"
measure "audit, first page" "$senior" "/audit"
measure "audit, page 5,000 (of 10,000)" "$senior" "/audit?page=5000"
measure "audit, sign-ins" "$senior" "/audit?action=sign_in"
measure "audit, one person" "$senior" "/audit?who=$who"
measure "audit, the last 30 days" "$senior" "/audit?from=$month&to=$today"
measure "audit, one person, sign-ins, 30 days" "$senior" "/audit?who=$who&action=sign_in&from=$month&to=$today"
N=20 measure "CSV: every pupil (2,000 rows)" "$teacher" "/pupils/export.csv"
N=20 measure "CSV: audit, 10,000 newest" "$senior" "/audit/export.csv"

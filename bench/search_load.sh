#!/usr/bin/env bash
# Finding records by their words at a large school's scale, for
# docs/performance.md ("Searching records"): a 2,000-pupil demo school with
# 100 school days of history (80 gave 82,743 records), every record given notes
# in a teacher's words from a fixed phrase list (the demo records few notes),
# so a common word ("calm") is in about a third of the records and a rare one
# ("trampoline") in a few dozen. The index is filled by the migration's
# triggers as the notes are written. Each search is asked for N times, one
# request at a time after 20 to warm up, and timed by the server itself (the
# "ms=" of its request log line): as a teacher (restricted records left out)
# and as the DSL (restricted ones read, and audited), the page /records and
# GET /api/v1/incidents?q=. The peer in the same run, on the same file, is the
# same question in sqlite3: the FTS5 query alone, and the scan an index-less
# search would make (LIKE '%word%' over the notes), each the median of 9 runs.
# Usage: bench/search_load.sh [requests per search, default 200]
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
start=$(date +%s)
$BIN demo generate --db "$DB" --pupils 2000 --days 100 > /dev/null 2>&1
echo "# demo school generated in $(($(date +%s) - start)) s"
# Notes for every record: what happened before, what was seen and heard, how
# the adult responded, chosen from the phrases by the record's id.
start=$(date +%s)
sqlite3 "$DB" <<'SQL'
CREATE TEMP TABLE before_words(k INTEGER PRIMARY KEY, t TEXT);
INSERT INTO before_words(k, t) VALUES
 (0, 'Coming in from break after a disagreement over a football game'),
 (1, 'Asked to start the written task after the register'),
 (2, 'Waiting in the lunch queue, which was long and noisy'),
 (3, 'Moving between lessons along the science corridor'),
 (4, 'A supply teacher was covering the lesson'),
 (5, 'Partner work in maths, sharing one set of equipment'),
 (6, 'Told that the trip form had not come back'),
 (7, 'Reading aloud in front of the group'),
 (8, 'Getting changed for PE in the sports hall'),
 (9, 'Arrived late and missed the start of the explanation'),
 (10, 'Seating plan changed at the start of the lesson'),
 (11, 'Rain at lunch so the field was closed');
CREATE TEMP TABLE seen_words(k INTEGER PRIMARY KEY, t TEXT);
INSERT INTO seen_words(k, t) VALUES
 (0, 'Pushed a chair over and shouted at the pupil next to them'),
 (1, 'Refused to start the task and put their head on the desk'),
 (2, 'Left the classroom without asking and walked the corridor'),
 (3, 'Helped a younger pupil who had fallen and took them to the office'),
 (4, 'Threw a pencil case across the room, nobody was hurt'),
 (5, 'Kept talking over the teacher and laughing with friends'),
 (6, 'Shared their snack with a new pupil who had none'),
 (7, 'Swore at a member of staff when asked to move seats'),
 (8, 'Tore up their work and said it was rubbish'),
 (9, 'Stayed behind to tidy the room without being asked'),
 (10, 'Kicked the door and moved towards another pupil'),
 (11, 'Hid under the table and would not speak'),
 (12, 'Took a ball from the younger children and would not give it back'),
 (13, 'Encouraged the group and kept everyone working together');
CREATE TEMP TABLE response_words(k INTEGER PRIMARY KEY, t TEXT);
INSERT INTO response_words(k, t) VALUES
 (0, 'Calm voice, offered a choice of two tasks and time to think'),
 (1, 'Guided to the calm room with a key adult, then back after ten minutes'),
 (2, 'Praised in front of the class and a postcard home'),
 (3, 'Quiet word at the door, then a restorative chat at break'),
 (4, 'Gave space, kept the others safe, then a calm conversation'),
 (5, 'Phoned home to share how well the day went'),
 (6, 'Moved seat to work near the teacher, checked in every few minutes'),
 (7, 'Used the agreed script from the profile and the sensory break card'),
 (8, 'Time in with the teaching assistant outside the room');
UPDATE incidents SET
  antecedent = (SELECT t FROM before_words WHERE k = (incidents.id * 7) % 12),
  behaviour = (SELECT t FROM seen_words WHERE k = (incidents.id * 11) % 14) ||
              CASE WHEN incidents.id % 3000 = 17 THEN ', then climbed on the trampoline in the hall' ELSE '' END,
  response = (SELECT t FROM response_words WHERE k = (incidents.id * 5) % 9);
SQL
echo "# notes written and indexed in $(($(date +%s) - start)) s"
records=$(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents')
restricted=$(sqlite3 "$DB" 'SELECT COUNT(*) FROM incidents WHERE restricted = 1')
calm=$(sqlite3 "$DB" "SELECT COUNT(*) FROM record_words WHERE record_words MATCH '\"calm\"'")
rare=$(sqlite3 "$DB" "SELECT COUNT(*) FROM record_words WHERE record_words MATCH '\"trampoline\"'")
echo "school: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM pupils') pupils, $records records ($restricted restricted), \"calm\" in $calm, \"trampoline\" in $rare; database $(($(stat -c %s "$DB") / 1048576)) MB"

LOG="$WORK/serve.log"
ATTUNE_LOG_LEVEL=info $BIN serve --db "$DB" --port "$PORT" > "$LOG" 2>&1 &
SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.01; done

session() {
  local jar="$WORK/cookies-$1" page token
  page=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/sign-in")
  token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<< "$page" | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "csrf_token=$token" --data-urlencode "email=$1@demo.attune.school" \
    --data-urlencode "password=attune-demo-2026" "http://127.0.0.1:$PORT/sign-in"
  awk '$6 == "attune_session" {print $7}' "$jar"
}
teacher=$(session teacher)
dsl=$(session dsl)
teacher_token=$($BIN token create --db "$DB" --email teacher@demo.attune.school | tail -1)

# Asks for `path` N times with header `auth` (after 20 to warm up) and prints
# the server's own times: median, 90th percentile, maximum, and the size.
measure() {
  local label=$1 auth=$2 path=$3 size before
  for _ in $(seq 20); do curl -s -o /dev/null -H "$auth" "http://127.0.0.1:$PORT$path"; done
  sleep 0.2
  before=$(wc -l < "$LOG")
  for _ in $(seq "$N"); do curl -s -o /dev/null -H "$auth" "http://127.0.0.1:$PORT$path"; done
  sleep 0.2
  size=$(curl -s -H "$auth" "http://127.0.0.1:$PORT$path" | wc -c)
  tail -n +"$((before + 1))" "$LOG" | grep -o 'status=200 ms=[0-9.]*' | head -n "$N" | sed 's/.*ms=//' | sort -n |
    awk -v label="$label" -v size="$size" '{ v[NR] = $1 } END {
      printf "%-52s n=%d  median %.2f ms  p90 %.2f ms  max %.2f ms  %d KB\n", label, NR, v[int(NR / 2) + 1], v[int(NR * 0.9)], v[NR], size / 1024 }'
}

measure "/healthz (the floor)" "X-None: 1" "/healthz"
measure "teacher: /records?q=calm (common)" "Cookie: attune_session=$teacher" "/records?view=all&q=calm"
measure "teacher: /records?q=calm, page 400" "Cookie: attune_session=$teacher" "/records?view=all&q=calm&page=400"
measure "teacher: /records?q=trampoline (rare)" "Cookie: attune_session=$teacher" "/records?view=all&q=trampoline"
measure "teacher: /records?q=calm+corr (two words, prefix)" "Cookie: attune_session=$teacher" "/records?view=all&q=calm+corr"
measure "teacher: What I recorded (/records)" "Cookie: attune_session=$teacher" "/records"
measure "DSL: /records?q=calm (restricted read, audited)" "Cookie: attune_session=$dsl" "/records?view=all&q=calm"
measure "DSL: /records?q=trampoline" "Cookie: attune_session=$dsl" "/records?view=all&q=trampoline"
measure "teacher: API ?q=calm&limit=25" "Authorization: Bearer $teacher_token" "/api/v1/incidents?q=calm&limit=25"
measure "teacher: API ?q=trampoline&limit=25" "Authorization: Bearer $teacher_token" "/api/v1/incidents?q=trampoline&limit=25"

kill $SERVER
wait $SERVER 2>/dev/null || true
SERVER=

# The peer: the teacher's first page and count as sqlite3 alone answers
# them, through the index and by scanning the notes, median of 9 runs.
peer() {
  local label=$1 query=$2
  for _ in $(seq 9); do
    printf '.timer on\n%s\n' "$query" | sqlite3 "$DB" | grep -o 'real [0-9.]*' |
      awk '{ s += $2 } END { print s }'
  done | sort -n | awk -v label="$label" '{ v[NR] = $1 * 1000 } END { printf "%-52s median of %d: %.2f ms\n", label, NR, v[5] }'
}
readable="school_id = 1 AND restricted = 0"
for word in calm trampoline; do
  peer "sqlite3 FTS5: $word, count to 1,001 + first 25" \
    "SELECT COUNT(*) FROM (SELECT 1 FROM record_words CROSS JOIN incidents i ON i.id = record_words.rowid WHERE record_words MATCH '\"$word\"' AND i.$readable LIMIT 1001); SELECT i.id FROM record_words CROSS JOIN incidents i ON i.id = record_words.rowid WHERE record_words MATCH '\"$word\"' AND i.$readable ORDER BY record_words.rowid DESC LIMIT 25;"
  peer "sqlite3 LIKE '%$word%': count to 1,001 + first 25" \
    "SELECT COUNT(*) FROM (SELECT 1 FROM incidents WHERE $readable AND (antecedent LIKE '%$word%' OR behaviour LIKE '%$word%' OR response LIKE '%$word%') LIMIT 1001); SELECT id FROM incidents WHERE $readable AND (antecedent LIKE '%$word%' OR behaviour LIKE '%$word%' OR response LIKE '%$word%') ORDER BY id DESC LIMIT 25;"
done

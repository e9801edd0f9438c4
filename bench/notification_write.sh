#!/usr/bin/env bash
# What telling people costs a record (decision 0017): the server's own time
# (the "ms=" of its request log line) for POST /api/v1/incidents, one at a
# time, on a fresh 400-pupil demo school, for this binary and a peer binary
# built without notifications (PEER_BIN), in the same run. Each record is
# "hurting someone" for one pupil in turn: Zone 6, a call home and a
# restorative conversation for the recorder (who is not told of their own
# act), and a risk reduction plan proposed to the senior leaders.
# Usage: PEER_BIN=/path/to/attune bench/notification_write.sh [records, Default: 300]
# REQUIRES: a built binary, sqlite3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
N=${1:-300}
PORT=${PORT:-18483}
WORK=$(mktemp -d)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
echo "# machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

run() {
  local label=$1 bin=$2 key=${1//[^a-z]/} token pupils
  local db="$WORK/$key.db" log="$WORK/$key.log"
  rm -f "$db"*
  $bin demo generate --db "$db" --pupils 400 --days 0 > /dev/null 2>&1
  token=$($bin token create --db "$db" --email teacher@demo.attune.school | tail -1)
  mapfile -t pupils < <(sqlite3 "$db" 'SELECT id FROM pupils ORDER BY id')
  ATTUNE_LOG_LEVEL=info $bin serve --db "$db" --port "$PORT" > "$log" 2>&1 &
  SERVER=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.01; done
  for k in $(seq 0 $((N - 1))); do
    curl -s -o /dev/null -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"pupils\":[{\"id\":${pupils[$((k % ${#pupils[@]}))]},\"role\":\"involved\"}],\"category\":\"hurting_others\"}" \
      "http://127.0.0.1:$PORT/api/v1/incidents"
  done
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
  local told
  told=$(sqlite3 "$db" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'notifications'")
  [ "$told" = 1 ] && told=$(sqlite3 "$db" 'SELECT COUNT(*) FROM notifications') || told="no table"
  grep 'method=POST path=/api/v1/incidents ' "$log" | grep -o 'status=201 ms=[0-9.]*' | sed 's/.*ms=//' | sort -n |
    awk -v label="$label" -v told="$told" '{ v[NR] = $1 } END {
      printf "%-22s n=%d  median %.2f ms  p90 %.2f ms  max %.2f ms  notifications written: %s\n", label, NR, v[int(NR / 2) + 1], v[int(NR * 0.9)], v[NR], told }'
}
[ -n "${PEER_BIN:-}" ] && run peer "$PEER_BIN"
run attune "$BIN"
[ -n "${PEER_BIN:-}" ] && run "peer (again)" "$PEER_BIN"
run "attune (again)" "$BIN"

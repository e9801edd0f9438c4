# Shared by the page benchmarks (sourced, not run): waiting for the server,
# a signed-in session and the server's own time for a page. REQUIRES: PORT,
# WORK, LOG and N set, the server started with ATTUNE_LOG_LEVEL=info writing
# its log to $LOG (its pid in SERVER).

# Waits until the server answers; stops the benchmark, showing its log, if
# it ended instead (a database it could not migrate, a port in use).
wait_for_server() {
  until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do
    kill -0 "$SERVER" 2> /dev/null || { echo "attune did not start:"; cat "$LOG"; exit 1; }
    sleep 0.01
  done
}

# Signs in as <role>@demo.attune.school and prints the session cookie's value.
# A role that owes two-step sign-in (decision 0030) sets it up the first time,
# reading the key from the page as a person would and keeping it in WORK;
# later sign-ins give the code of the next 30-second step.
session() {
  local jar="$WORK/cookies-$1" page token where key
  rm -f "$jar"
  page=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/sign-in")
  token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<< "$page" | head -1)
  where=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{redirect_url}' \
    --data-urlencode "csrf_token=$token" --data-urlencode "email=$1@demo.attune.school" \
    --data-urlencode "password=attune-demo-2026" "http://127.0.0.1:$PORT/sign-in")
  case "$where" in
  */account/two-step*)
    page=$(curl -s -b "$jar" -c "$jar" "$where")
    sed -n 's/.*id="two-step-key">\([^<]*\)<.*/\1/p' <<< "$page" | tr -d ' ' > "$WORK/two-step-$1"
    two_step_answer "$jar" "$page" /account/two-step "$1" ;;
  */sign-in/code*)
    two_step_answer "$jar" "$(curl -s -b "$jar" -c "$jar" "$where")" /sign-in/code "$1" ;;
  esac
  awk '$6 == "attune_session" {print $7}' "$jar"
}

# Posts the code for <role>'s kept key to `path` with the CSRF token of
# `page`: each sign-in uses the next step (the server takes a step once).
two_step_answer() {
  local jar=$1 page=$2 path=$3 role=$4 token code
  token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<< "$page" | head -1)
  code=$(python3 - "$(cat "$WORK/two-step-$role")" "$WORK/two-step-$role.step" <<'PY'
import base64, hmac, os, struct, sys, time
key = base64.b32decode(sys.argv[1].upper() + "=" * (-len(sys.argv[1]) % 8))
used = int(open(sys.argv[2]).read()) if os.path.exists(sys.argv[2]) else 0
step = max(int(time.time()) // 30, used + 1)
while step > int(time.time()) // 30 + 1:
    time.sleep(1)
open(sys.argv[2], "w").write(str(step))
mac = hmac.new(key, struct.pack(">Q", step), "sha1").digest()
n = struct.unpack(">I", mac[(mac[-1] & 15):(mac[-1] & 15) + 4])[0] & 0x7FFFFFFF
print("%06d" % (n % 1000000))
PY
)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "code=$code" "http://127.0.0.1:$PORT$path"
}

# Asks for `path` N times as `cookie` (after 20 to warm up) and prints the
# server's own times: median, 90th percentile, maximum, and the page's size.
measure() {
  local label=$1 cookie=$2 path=$3 size
  for _ in $(seq 20); do curl -s -o /dev/null -H "Cookie: attune_session=$cookie" "http://127.0.0.1:$PORT$path"; done
  sleep 0.2
  local before
  before=$(wc -l < "$LOG")
  for _ in $(seq "$N"); do curl -s -o /dev/null -H "Cookie: attune_session=$cookie" "http://127.0.0.1:$PORT$path"; done
  sleep 0.2
  size=$(curl -s -H "Cookie: attune_session=$cookie" "http://127.0.0.1:$PORT$path" | wc -c)
  tail -n +"$((before + 1))" "$LOG" | { grep -o 'status=200 ms=[0-9.]*' || true; } | head -n "$N" | sed 's/.*ms=//' | sort -n |
    awk -v label="$label" -v size="$size" '{ v[NR] = $1 } END {
      if (NR == 0) { printf "%-52s no answer with status 200\n", label; exit }
      printf "%-52s n=%d  median %.2f ms  p90 %.2f ms  max %.2f ms  %d KB\n", label, NR, v[int(NR / 2) + 1], v[int(NR * 0.9)], v[NR], size / 1024 }'
}

# Sets DB to a 2,000-pupil demo school with five school years of history:
# the file DB names if it exists (made there if not), else one in WORK.
five_year_school() {
  DB=${DB:-$WORK/attune.db}
  if [ ! -s "$DB" ]; then
    local start
    start=$(date +%s)
    $BIN demo generate --db "$DB" --pupils 2000 --years 5 > /dev/null 2>&1
    echo "generated in $(( $(date +%s) - start )) s"
  fi
}

#!/usr/bin/env bash
# Load figures for docs/performance.md: start-up time and memory of
# `attune serve` on the demo school, and requests/s and latency percentiles of
# /healthz and of the pupil search fragment under wrk on loopback.
# Usage: bench/http_load.sh [seconds per run, default 10]
# REQUIRES: a built binary (make build) and wrk (installed by make test/run).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ATTUNE_BIN:-build/attune}
SECONDS_PER_RUN=${1:-10}
WORK=$(mktemp -d)
PORT=${PORT:-18480}
FLOOR_BIN=${FLOOR_BIN:-build/bench/beast_floor}
SERVER=; FLOOR=; HOLD=
trap 'kill $SERVER $FLOOR $HOLD 2>/dev/null || true; wait $SERVER $FLOOR $HOLD 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), $(uname -r)"
echo "# attune $($BIN --version) ; $(wrk --version 2>&1 | head -1)"
$BIN demo generate --db "$WORK/attune.db" > /dev/null

start=$(date +%s%N)
ATTUNE_LOG_LEVEL=warn $BIN serve --db "$WORK/attune.db" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.01; done
ready=$(date +%s%N)
echo "start-up to first /healthz answer: $(( (ready - start) / 1000000 )) ms"
echo "server's own ready line: $(head -1 "$WORK/serve.log")"
echo "resident memory after start: $(awk '/VmRSS/ {print $2" kB"}' /proc/$SERVER/status)"

# A signed-in teacher's session cookie, for the search fragment.
jar="$WORK/cookies"
page=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/sign-in")
token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<< "$page" | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data-urlencode "csrf_token=$token" --data-urlencode "email=teacher@demo.attune.school" \
  --data-urlencode "password=attune-demo-2026" "http://127.0.0.1:$PORT/sign-in"
session=$(awk '$6 == "attune_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "could not sign in" >&2; exit 1; }

run() {
  echo
  echo "## $1"
  shift
  echo "\$ wrk $*"
  wrk "$@"
}
# One connection: the server's own time per request, without queueing.
run "/healthz, one connection" -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PORT/healthz"
run "/pupils/search?q=ali, one connection" -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency \
  -H "Cookie: attune_session=$session" -H "HX-Request: true" "http://127.0.0.1:$PORT/pupils/search?q=ali"
# 32 connections: throughput and tail latency under load (wrk shares the 2 cores).
run "/healthz" -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PORT/healthz"
run "/pupils/search?q=ali (signed in, htmx fragment)" -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency \
  -H "Cookie: attune_session=$session" -H "HX-Request: true" \
  "http://127.0.0.1:$PORT/pupils/search?q=ali"
run "/pupils/search?q= (signed in, first 50 of 400 pupils)" -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency \
  -H "Cookie: attune_session=$session" -H "HX-Request: true" \
  "http://127.0.0.1:$PORT/pupils/search?q="
# The same while 1,000 idle keep-alive connections and 100 slow senders are
# held open (bench/hold_connections.js), with the keep-alive time raised so
# the idle ones stay for the whole run.
kill $SERVER; wait $SERVER 2>/dev/null || true
ATTUNE_LOG_LEVEL=warn ATTUNE_KEEP_ALIVE_TIMEOUT=120 $BIN serve --db "$WORK/attune.db" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.01; done
node bench/hold_connections.js "$PORT" 1000 100 $((SECONDS_PER_RUN * 2 + 5)) &
HOLD=$!
sleep 3
echo
echo "connections open at the server: $(ls /proc/$SERVER/fd | wc -l) file descriptors;" \
  "resident memory $(awk '/VmRSS/ {print $2" kB"}' /proc/$SERVER/status)"
run "/healthz, one connection, while 1,000 idle and 100 slow connections are held" -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PORT/healthz"
run "/pupils/search?q=ali, 32 connections, while 1,000 idle and 100 slow connections are held" -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency \
  -H "Cookie: attune_session=$session" -H "HX-Request: true" \
  "http://127.0.0.1:$PORT/pupils/search?q=ali"
wait $HOLD

# The peer: bare Boost.Beast on the same two event-loop threads, no work.
$FLOOR_BIN $((PORT + 1)) &
FLOOR=$!
until curl -sf "http://127.0.0.1:$((PORT + 1))/healthz" > /dev/null; do sleep 0.01; done
run "peer: bare Beast /healthz, one connection" -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$((PORT + 1))/healthz"
run "peer: bare Beast /healthz" -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$((PORT + 1))/healthz"

echo
echo "resident memory after load: $(awk '/VmRSS/ {print $2" kB"}' /proc/$SERVER/status)"

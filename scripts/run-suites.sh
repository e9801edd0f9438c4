#!/usr/bin/env bash
# Runs the unit tests that need PostgreSQL (ctest skips them), then attune's
# HTTP and browser suites against the SQLite store and, at the same time,
# the HTTP suite against PostgreSQL, each into its own log, printed when both
# have ended. Side by side they keep `make test` under CI's 30 minutes; each
# suite still runs its files one at a time. Set ATTUNE_SUITES_ONE_BY_ONE=1 to
# run the two one after the other (for timing the browser tests on a quiet
# machine). A throw-away PostgreSQL cluster is started for the run and
# stopped at the end, whatever happens.
# Used by `make test`.
#   scripts/run-suites.sh BUILD_DIR [--postgresql-only]
set -uo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
export ATTUNE_BIN="$build/attune"
work=$(mktemp -d /tmp/attune-suites-XXXXXX)
chmod 755 "$work"
pg="$work/pg"

stop() {
  scripts/pg-cluster.sh stop "$pg" || true
  rm -rf "$work"
}
trap stop EXIT

scripts/pg-cluster.sh start "$pg" >/dev/null || exit 1

# The unit tests that need a PostgreSQL server (ctest skips them).
echo "=== Unit tests on PostgreSQL"
ATTUNE_TEST_PG="$pg" "$build/tests/attune_unit_tests" --gtest_filter='Pg*' --gtest_brief=1
unit_rc=$?

run_sqlite() {
  node --test --test-concurrency=1 tests/http/ tests/browser/ >"$work/sqlite.log" 2>&1
}
run_postgres() {
  ATTUNE_TEST_PG="$pg" node --test --test-concurrency=1 tests/http/ >"$work/postgres.log" 2>&1
}

sqlite_rc=0
pg_rc=0
if [ "${2:-}" = "--postgresql-only" ]; then
  run_postgres
  pg_rc=$?
elif [ "${ATTUNE_SUITES_ONE_BY_ONE:-}" = "1" ]; then
  run_sqlite
  sqlite_rc=$?
  run_postgres
  pg_rc=$?
else
  run_sqlite &
  sqlite_pid=$!
  run_postgres &
  pg_pid=$!
  wait "$sqlite_pid"
  sqlite_rc=$?
  wait "$pg_pid"
  pg_rc=$?
fi
if [ -f "$work/sqlite.log" ]; then
  echo "=== HTTP and browser suites on SQLite"
  cat "$work/sqlite.log"
fi
echo "=== HTTP suite on PostgreSQL"
cat "$work/postgres.log"
echo "=== SQLite: exit $sqlite_rc; PostgreSQL: exit $pg_rc; unit tests on PostgreSQL: exit $unit_rc"
[ $sqlite_rc -eq 0 ] && [ $pg_rc -eq 0 ] && [ $unit_rc -eq 0 ]

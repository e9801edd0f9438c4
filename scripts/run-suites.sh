#!/usr/bin/env bash
# Runs attune's HTTP and browser suites against the SQLite store, then the
# HTTP suite against PostgreSQL, each into its own log, printed when it
# ends (one after the other: side by side on two cores, the browser tests'
# timings would be the machine's, not attune's). A throw-away PostgreSQL
# cluster is started for the run and stopped at the end, whatever happens.
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

sqlite_rc=0
if [ "${2:-}" != "--postgresql-only" ]; then
  echo "=== HTTP and browser suites on SQLite"
  node --test --test-concurrency=1 tests/http/ tests/browser/
  sqlite_rc=$?
fi
echo "=== HTTP suite on PostgreSQL"
ATTUNE_TEST_PG="$pg" node --test --test-concurrency=1 tests/http/
pg_rc=$?
echo "=== SQLite: exit $sqlite_rc; PostgreSQL: exit $pg_rc"
[ $sqlite_rc -eq 0 ] && [ $pg_rc -eq 0 ]

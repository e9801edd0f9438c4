#!/usr/bin/env bash
# The MIS import timed (issue 16): a generated OneRoster export of a
# secondary school (default 2,000 pupils) imported into a new database,
# then the same export again (nothing changes), beside the peer measured in
# the same run: the sqlite3 command line inserting the very rows the first
# import wrote, into a new database of attune's own schema (its indexes and
# foreign keys, WAL, synchronous=FULL) in one transaction.
# Usage: bench/import_bench.sh [PUPILS] [RUNS]   (figures for docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
PUPILS=${1:-2000}
RUNS=${2:-3}
BIN=${ATTUNE_BIN:-build/attune}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

$BIN demo oneroster --pupils "$PUPILS" --out "$WORK/export" >/dev/null
echo "export: $(du -sh "$WORK/export" | cut -f1) in $(ls "$WORK/export" | wc -l) files," \
  "$(($(wc -l <"$WORK/export/users.csv") - 1)) users," \
  "$(($(wc -l <"$WORK/export/enrollments.csv") - 1)) enrollments"

# The tables an import writes, in an order their foreign keys accept.
TABLES="schools staff forms teaching_groups pupils teaching_group_members teaching_group_staff mis_links"

for run in $(seq "$RUNS"); do
  DB="$WORK/run$run.db"
  $BIN migrate --db "$DB" >/dev/null
  t0=$(now)
  $BIN import oneroster "$WORK/export" --db "$DB" >"$WORK/first.txt" 2>/dev/null
  t1=$(now)
  $BIN import oneroster "$WORK/export" --db "$DB" >"$WORK/second.txt" 2>/dev/null
  t2=$(now)
  grep -q "Nothing changed" "$WORK/second.txt" || { echo "second run changed something"; exit 1; }

  # The peer: the same rows, inserted by the sqlite3 command line.
  PEER="$WORK/peer$run.db"
  $BIN migrate --db "$PEER" >/dev/null
  rows=0
  {
    echo "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
    echo "BEGIN;"
    for t in $TABLES; do
      sqlite3 "$DB" ".mode insert $t" "SELECT * FROM $t"
    done
    echo "COMMIT;"
  } >"$WORK/peer.sql"
  for t in $TABLES; do rows=$((rows + $(sqlite3 "$DB" "SELECT COUNT(*) FROM $t"))); done
  t3=$(now)
  sqlite3 "$PEER" <"$WORK/peer.sql" >/dev/null
  t4=$(now)
  echo "run $run: first import $(took "$t0" "$t1") s, second (unchanged) $(took "$t1" "$t2") s;" \
    "sqlite3 inserting the same $rows rows in one transaction $(took "$t3" "$t4") s"
done
grep -E "^(schools|staff|pupils|forms|teaching groups) " "$WORK/first.txt"

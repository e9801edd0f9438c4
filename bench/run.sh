#!/usr/bin/env bash
# Every benchmark, in order; results go to standard output for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/http_load.sh "${1:-10}"
bench/queue_load.sh 100
bench/every_page.sh 100
bench/plans_load.sh 100
bench/insight_page.sh 100
build/bench/insight_engine 10000000
bench/insight_bench.sh 10000000

#!/usr/bin/env bash
# Fuzzes reading HTTP requests with libFuzzer: tests/fuzz/http_request_fuzz.cpp
# (the head, bodies in every transfer coding, forms, multipart, JSON, and
# response headers that must not split).
#
#   scripts/fuzz-http.sh [SECONDS]     # default 600
#
# Builds with clang++-14 and ASan + UBSan into build/fuzz-http/, seeds a
# working corpus from tests/fuzz/corpus/http/, fuzzes for SECONDS with
# tests/fuzz/http.dict, copies any crash, leak, timeout or OOM into
# tests/fuzz/crashes/http/ (and exits 1), then merges the working corpus back
# into tests/fuzz/corpus/http/: libFuzzer's -merge=1 keeps only inputs that
# reach code no other reaches (edges only, -use_counters=0, so the corpus in
# the repository stays a few MB; build/fuzz-http/corpus keeps everything),
# smaller first; hand-written seeds (*.http) always stay.
# tests/unit/http_corpus_test.cpp replays both folders.
# Environment: CXX (default clang++-14), JOBS (parallel compiles, default 2).
set -euo pipefail

SECONDS_TO_RUN="${1:-600}"
[[ "$SECONDS_TO_RUN" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CXX="${CXX:-clang++-14}"
JOBS="${JOBS:-2}"
OUT=build/fuzz-http
BIN="$OUT/http_request_fuzz"
SEEDS=tests/fuzz/corpus/http
CRASHES=tests/fuzz/crashes/http
mkdir -p "$OUT/obj" "$OUT/corpus" "$SEEDS"
rm -rf "$OUT/artifacts" && mkdir -p "$OUT/artifacts"

SOURCES=(src/http/{wire,request,multipart,url,utf8,json_body,json_writer,response,dispatcher,router,static_files}.cpp
         src/core/status.cpp src/core/time.cpp tests/fuzz/http_request_fuzz.cpp)
FLAGS=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
       -fno-sanitize-recover=undefined -Isrc -Itests/fuzz
       -DSPDLOG_SHARED_LIB -DSPDLOG_COMPILED_LIB -DSPDLOG_FMT_EXTERNAL
       -DUSE_OS_TZDB=1 -DONLY_C_LOCALE=1 -DHAS_STRING_VIEW=1)

echo "== building $BIN with $CXX"
objects=()
for src in "${SOURCES[@]}"; do
  obj="$OUT/obj/$(echo "$src" | tr / _).o"
  objects+=("$obj")
  # Rebuilt when the source, any header of the layers it reads, or this script is newer.
  if [ -f "$obj" ] && [ "$obj" -nt "$src" ] && [ "$obj" -nt "$0" ] &&
     [ -z "$(find src/http src/core src/model tests/fuzz -name '*.h' -newer "$obj" -print -quit)" ]; then
    continue
  fi
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  echo "   $src"
  "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" &
done
wait
"$CXX" "${FLAGS[@]}" -fsanitize=fuzzer "${objects[@]}" -lspdlog -lfmt -ldate-tz -lpthread -o "$BIN"

cp "$SEEDS"/* "$OUT/corpus/" 2>/dev/null || true
echo "== fuzzing for ${SECONDS_TO_RUN}s from $(ls "$OUT/corpus" | wc -l) inputs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
LOG="$OUT/fuzz-$(date +%Y%m%d-%H%M%S).log"
set +e
"./$BIN" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -dict=tests/fuzz/http.dict \
  -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 -artifact_prefix="$OUT/artifacts/" \
  "$OUT/corpus" > "$LOG" 2>&1
status=$?
set -e
grep -E '^stat::|DONE|ERROR|SUMMARY' "$LOG" || true
echo "== fuzzer exited with status $status (log: $LOG)"

found=0
for f in "$OUT"/artifacts/*; do
  [ -f "$f" ] || continue
  mkdir -p "$CRASHES"
  cp "$f" "$CRASHES/"
  echo "!! kept $CRASHES/$(basename "$f"); reproduce with $BIN $CRASHES/$(basename "$f")"
  found=1
done

echo "== merging into $SEEDS"
merged="$OUT/merged" && rm -rf "$merged" && mkdir -p "$merged"
cp "$SEEDS"/*.http "$merged/" 2>/dev/null || true
"./$BIN" -merge=1 -use_counters=0 -max_len=16384 -timeout=10 "$merged" "$SEEDS" "$OUT/corpus" > "$OUT/merge.log" 2>&1
find "$SEEDS" -maxdepth 1 -type f ! -name '*.http' -delete
find "$merged" -maxdepth 1 -type f ! -name '*.http' -exec cp {} "$SEEDS/" \;
echo "== corpus: $(ls "$SEEDS" | wc -l) files, $(du -sh "$SEEDS" | cut -f1)"
[ "$found" = 0 ] && [ "$status" = 0 ]

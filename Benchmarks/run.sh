#!/usr/bin/env bash
# Benchmarks TracePress on demo stores: full build, no-change rebuild, one-batch-changed rebuild.
#
#   Benchmarks/run.sh                 # 100,000 batches
#   BATCHES="10000 100000" Benchmarks/run.sh
#
# Output goes to tmpfs (/dev/shm) so the disk's noise does not dominate. Prints a Markdown table
# of wall and CPU seconds, batches per second and peak RSS (from /usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."

BATCHES="${BATCHES:-100000}"
WORK="${WORK:-/dev/shm/tracepress-bench}"
BIN=.build/release/tracepress

scripts/install-deps
command -v sqlite3 >/dev/null || { sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo; $sudo apt-get install -y -qq sqlite3 >/dev/null; }
[[ -x /usr/bin/time ]] || { sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo; $sudo apt-get install -y -qq time >/dev/null; }
swift build -c release --product tracepress >/dev/null
mkdir -p "$WORK"

measure() { # label batches command...
  local label="$1" batches="$2"; shift 2
  local log="$WORK/time.log"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(awk -F': ' '/User time/ {print $2}' "$log")
  sys=$(awk -F': ' '/System time/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$log")
  printf "| %s | %s | %.2f | %.2f | %s | %d |\n" "$label" "$batches" "$wall" "$(echo "$user + $sys" | bc)" \
    "$(awk -v b="$batches" -v w="$wall" 'BEGIN { if (b > 0 && w > 0) printf "%d", b / w; else print "-" }')" "$((rss / 1024))"
}

echo "| run | batches | wall s | CPU s | batches/s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
for n in $BATCHES; do
  store="$WORK/demo-$n.sqlite"
  out="$WORK/site-$n"
  [[ -f "$store" ]] || $BIN demo --store "$store" --batches "$n" >/dev/null
  rm -rf "$out"
  measure "full build" "$n" $BIN build --store "$store" --out "$out" --quiet
  measure "no-change rebuild" "$n" $BIN build --store "$store" --out "$out" --quiet
  # The first incremental build after a full one links every published file into staging; later
  # ones start from the spare site (the one before), so both are timed.
  sqlite3 "$store" "UPDATE batch SET quantity = coalesce(quantity, 0) + 1 WHERE id = $((n / 2))"
  measure "one batch changed (first)" "1" $BIN build --store "$store" --out "$out" --quiet
  sqlite3 "$store" "UPDATE batch SET quantity = coalesce(quantity, 0) + 1 WHERE id = $((n / 3))"
  measure "one batch changed (again)" "1" $BIN build --store "$store" --out "$out" --quiet
  measure "full rebuild (--full)" "$n" $BIN build --store "$store" --out "$out" --quiet --full
done

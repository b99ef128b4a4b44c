#!/usr/bin/env bash
# Where a full build's CPU goes, by pipeline stage: `perf record` of one full build of a demo
# store on tmpfs, grouped by Benchmarks/profile/stages.py.
#
#   Benchmarks/profile/run.sh            # 20,000 batches
#   Benchmarks/profile/run.sh 5000 BIN   # another size, another tracepress binary (A/B)
#
# Samples, not instruction counts: valgrind 3.19 cannot run this toolchain's binaries and perf
# has no hardware counters on this machine kind, so compare shares of one run, or the same stage
# across two binaries run back to back; wall times move by 10% between runs here. The recording
# stays in $WORK/perf.data for `perf report -i`.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-20000}"
BIN="${2:-.build/release/tracepress}"
WORK="${WORK:-/dev/shm/tracepress-profile}"

command -v perf >/dev/null || { sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo; $sudo apt-get install -y -qq linux-perf >/dev/null; }
if [[ "$BIN" == .build/release/tracepress ]]; then
  build_log=$(swift build -c release --product tracepress 2>&1) || { echo "$build_log" >&2; exit 1; }
fi
mkdir -p "$WORK"
store="$WORK/demo-$n.sqlite"
[[ -f "$store" ]] || "$BIN" demo --store "$store" --batches "$n" >/dev/null
# A warm-up build first: this microVM's first touch of fresh memory costs more than the build.
rm -rf "$WORK/site" "$WORK"/.tracepress-*
"$BIN" build --store "$store" --out "$WORK/site" --full --no-spare --quiet
rm -rf "$WORK/site" "$WORK"/.tracepress-*
perf record -F 999 -e cpu-clock -g -o "$WORK/perf.data" --quiet \
  "$BIN" build --store "$store" --out "$WORK/site" --full --no-spare --quiet
perf script -F ip,sym,dso -i "$WORK/perf.data" 2>/dev/null | python3 Benchmarks/profile/stages.py
rm -rf "$WORK/site" "$WORK"/.tracepress-*

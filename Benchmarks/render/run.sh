#!/usr/bin/env bash
# What each part of a batch's files costs, in CPU microseconds per batch, measured in one
# process on records held in memory (Benchmarks/render/main.swift): the figures to compare when
# changing views, templates, documents or QR code, where a full build's time is too noisy here.
#
#   Benchmarks/render/run.sh                 # 500 batches, fastest of 25 rounds
#   Benchmarks/render/run.sh 5000 11         # batches, rounds
#   BIN=/path/to/tracepress-render-bench Benchmarks/render/run.sh   # another build (A/B)
set -euo pipefail
cd "$(dirname "$0")/../.."
batches="${1:-500}"
rounds="${2:-25}"
WORK="${WORK:-/dev/shm/tracepress-render-bench}"
scripts/install-deps >/dev/null
if [[ -z "${BIN:-}" ]]; then
  build_log=$(swift build -c release --product tracepress-render-bench 2>&1) || { echo "$build_log" >&2; exit 1; }
  BIN=.build/release/tracepress-render-bench
fi
mkdir -p "$WORK"
store="$WORK/demo-$batches.sqlite"
if [[ ! -f "$store" ]]; then
  swift build -c release --product tracepress >/dev/null
  .build/release/tracepress demo --store "$store" --batches "$batches" >/dev/null
fi
# Pinned to one core: unpinned, the figures moved by 15–50% between runs as the thread moved
# between the two vCPUs; pinned, by a few percent.
taskset -c "$(( $(nproc) - 1 ))" "$BIN" "$store" "$batches" "$rounds"

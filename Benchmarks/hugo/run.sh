#!/usr/bin/env bash
# Side by side with Hugo on the same batches (see export.py).
#   Benchmarks/hugo/run.sh [BATCHES]     default 100000; output on tmpfs
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-100000}"
WORK="${WORK:-/dev/shm/tracepress-bench}"
command -v hugo >/dev/null || { sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo; $sudo apt-get install -y -qq hugo >/dev/null; }
swift build -c release --product tracepress >/dev/null
mkdir -p "$WORK"
store="$WORK/demo-$n.sqlite"
[[ -f "$store" ]] || .build/release/tracepress demo --store "$store" --batches "$n" >/dev/null
# Hugo peaks at about 12 GB for 100,000 of these pages; free tmpfs of earlier outputs first.
rm -rf "$WORK"/hugo-* "$WORK"/tp-* "$WORK"/site-* "$WORK"/.tracepress-*
python3 Benchmarks/hugo/export.py "$store" "$WORK/hugo-$n"
echo "| tool | batches | wall s | peak RSS MB | pages | other files per batch |"
echo "|---|---|---|---|---|---|"
/usr/bin/time -v hugo --quiet --source "$WORK/hugo-$n" --destination "$WORK/hugo-$n/public" 2>"$WORK/hugo.time" >/dev/null
rm -rf "$WORK/hugo-$n"
printf "| Hugo %s | %s | %s | %d | 1 per batch | 0 |\n" "$(hugo version | awk '{print $2}')" "$n" \
  "$(awk -F': ' '/Elapsed/ {print $2}' "$WORK/hugo.time")" "$(( $(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/hugo.time") / 1024 ))"
/usr/bin/time -v .build/release/tracepress build --store "$store" --out "$WORK/tp-$n" --quiet 2>"$WORK/tp.time"
printf "| TracePress | %s | %s | %d | 2 per batch (zh, en) | 4 (qr.svg, qr.png, linkset.json, data.json) |\n" "$n" \
  "$(awk -F': ' '/Elapsed/ {print $2}' "$WORK/tp.time")" "$(( $(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/tp.time") / 1024 ))"

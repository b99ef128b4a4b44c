#!/usr/bin/env bash
# Side by side with Hugo on the same batches (see export.py).
#   Benchmarks/hugo/run.sh [BATCHES]     default 100000; output on tmpfs
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-100000}"
WORK="${WORK:-/dev/shm/tracepress-bench}"
command -v hugo >/dev/null || { sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo; $sudo apt-get install -y -qq hugo >/dev/null; }
build_log=$(swift build -c release --product tracepress 2>&1) || { echo "$build_log" >&2; exit 1; }
mkdir -p "$WORK"
store="$WORK/demo-$n.sqlite"
[[ -f "$store" ]] || .build/release/tracepress demo --store "$store" --batches "$n" >/dev/null
# Hugo peaks at about 12 GB for 100,000 of these pages; free tmpfs of earlier outputs first.
rm -rf "$WORK"/hugo-* "$WORK"/tp-* "$WORK"/site-* "$WORK"/.tracepress-*
python3 Benchmarks/hugo/export.py "$store" "$WORK/hugo-$n"
echo "| tool | batches | wall s | peak RSS MB | pages | other files per batch |"
echo "|---|---|---|---|---|---|"
# seconds LOG / megabytes LOG: wall seconds and peak RSS from a /usr/bin/time -v log.
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); print (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }' "$1"; }
megabytes() { awk -F': ' '/Maximum resident/ { printf "%d", $2 / 1024 }' "$1"; }
/usr/bin/time -v hugo --quiet --source "$WORK/hugo-$n" --destination "$WORK/hugo-$n/public" 2>"$WORK/hugo.time" >/dev/null
rm -rf "$WORK/hugo-$n"
printf "| Hugo %s | %s | %.1f | %s | 1 per batch | 0 |\n" "$(hugo version | awk '{print $2}')" "$n" "$(seconds "$WORK/hugo.time")" "$(megabytes "$WORK/hugo.time")"
/usr/bin/time -v .build/release/tracepress build --store "$store" --out "$WORK/tp-$n" --quiet 2>"$WORK/tp.time"
# The spare too: left on tmpfs it held 7 GB of the machine's memory for whatever ran next.
rm -rf "$WORK/tp-$n" "$WORK/.tracepress-spare-tp-$n"
printf "| TracePress | %s | %.1f | %s | 2 per batch (zh, en) | 4 (qr.svg, qr.png, linkset.json, data.json) |\n" "$n" \
  "$(seconds "$WORK/tp.time")" "$(megabytes "$WORK/tp.time")"
awk -v hw="$(seconds "$WORK/hugo.time")" -v tw="$(seconds "$WORK/tp.time")" -v hm="$(megabytes "$WORK/hugo.time")" -v tm="$(megabytes "$WORK/tp.time")" \
  'BEGIN { printf "\nTracePress took %.2fx the time Hugo took (%.1fx faster) and %.4fx its peak memory (1/%d).\n", tw / hw, hw / tw, tm / hm, hm / tm }'

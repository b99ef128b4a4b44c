#!/usr/bin/env bash
# Benchmarks TracePress on demo stores: full build, no-change rebuild, one-batch-changed rebuild,
# the floor under a full build (Benchmarks/floor/floor.c: the same files written and the same QR
# codes encoded, nothing else), then Hugo side by side on the same batches (Benchmarks/hugo/run.sh).
#
#   Benchmarks/run.sh                          # 100,000 batches, median of 3 runs, then Hugo
#   BATCHES="10000 100000" RUNS=5 Benchmarks/run.sh
#   HUGO=0 Benchmarks/run.sh                   # without the Hugo comparison
#
# Output goes to tmpfs (/dev/shm) so the disk's noise does not dominate. Prints a Markdown table
# of wall and CPU seconds, batches per second and peak RSS (from /usr/bin/time -v); each figure
# is the median of RUNS runs, the wall time's fastest and slowest run beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

BATCHES="${BATCHES:-100000}"
RUNS="${RUNS:-3}"
HUGO="${HUGO:-1}"
WORK="${WORK:-/dev/shm/tracepress-bench}"
BIN=.build/release/tracepress

source Benchmarks/common.sh
prepare "$WORK"
FLOOR="$WORK/floor-bin"
gcc -O2 -o "$FLOOR" -I Sources/CQRMask/include Benchmarks/floor/floor.c Sources/CQRMask/qr_mask.c \
  $(pkg-config --cflags --libs libqrencode) -lpthread

# row LABEL BATCHES RUNS BEFORE_EACH command...: median of RUNS runs as a table row; BEFORE_EACH
# is a shell snippet run before each (it sees $run).
row() {
  local label="$1" batches="$2" runs="$3" before="$4"; shift 4
  local results=()
  for ((run = 1; run <= runs; run++)); do
    eval "$before"
    results+=("$(time_once "$WORK/time.log" "$@")")
  done
  printf "%s\n" "${results[@]}" | python3 -c '
import statistics, sys
lines = [line for line in sys.stdin if line.strip()]
label, batches = sys.argv[1], int(sys.argv[2])
if any(line.startswith("failed") for line in lines):
    # A run that failed has no time worth a median (it once printed 0.00 for the floor).
    print(f"| {label} | {batches:,} | {len(lines)} | failed | — | failed | — | — |")
    sys.exit(0)
rows = [list(map(float, line.split())) for line in lines]
wall, cpu, rss = (statistics.median(column) for column in zip(*rows))
runs = len(rows)
# The spread, beside the median: the same binary'"'"'s full build moved from 22 to 31 s within ten
# minutes on this machine kind (the host'"'"'s load), which a median alone hides.
walls = [row[0] for row in rows]
spread = f"{min(walls):.2f}–{max(walls):.2f}" if runs > 1 else "—"
# A rate only means something when the run renders every batch.
rate = f"{batches / wall:,.0f}" if wall > 0 and label.startswith(("full", "floor")) else "—"
print(f"| {label} | {batches:,} | {runs} | {wall:.2f} | {spread} | {cpu:.2f} | {rate} | {rss:.0f} |")' "$label" "$batches"
}

echo "| run | batches | runs | wall s (median) | wall s (fastest–slowest) | CPU s (median) | batches/s | peak RSS MB (median) |"
echo "|---|---|---|---|---|---|---|---|"
for n in $BATCHES; do
  store="$WORK/demo-$n.sqlite"
  out="$WORK/site-$n"
  [[ -f "$store" ]] || $BIN demo --store "$store" --batches "$n" >/dev/null
  # Each full build starts from nothing: no site and no spare (a full build links its own).
  # One-shot, as a CI job that uploads the site and is thrown away would build: no spare.
  row "full build, --no-spare" "$n" "$RUNS" 'rm -rf "$out" "$WORK"/.tracepress-spare-*' $BIN build --store "$store" --out "$out" --quiet --no-spare
  row "full build" "$n" "$RUNS" 'rm -rf "$out" "$WORK"/.tracepress-spare-*' $BIN build --store "$store" --out "$out" --quiet
  # The same one-shot build with the memory it will write into backed beforehand (see
  # pretouch_memory in common.sh): what it costs on a machine that is not a fresh VM.
  touch_mb=$(( n * 64 / 1024 + 256 ))
  row "full build, --no-spare, memory pre-touched" "$n" "$RUNS" \
    'rm -rf "$out" "$WORK"/.tracepress-spare-*; pretouch_memory "$touch_mb" "$WORK"' \
    $BIN build --store "$store" --out "$out" --quiet --no-spare
  # The floor: one real batch folder's six files written for every batch, and every batch's QR
  # code encoded, on as many threads as the build uses; what no full build can go below here.
  # Timed on an empty tmpfs, as the full builds are: with the site and its spare (1.2 million
  # files) still there it took half as long again. The site is built again afterwards for the
  # rebuild rows.
  rm -rf "$WORK/floor-sample"
  cp -r "$(find "$out/01" -mindepth 3 -maxdepth 3 -type d -path "*/10/*" | head -n 1)" "$WORK/floor-sample"
  rm -rf "$out" "$WORK"/.tracepress-spare-*
  row "floor: same files + QR codes, nothing else" "$n" "$RUNS" 'rm -rf "$WORK/floor"' \
    "$FLOOR" "$WORK/floor-sample" "$WORK/floor" "$n" "$(nproc)" both
  row "floor, memory pre-touched" "$n" "$RUNS" 'rm -rf "$WORK/floor"; pretouch_memory "$touch_mb" "$WORK"' \
    "$FLOOR" "$WORK/floor-sample" "$WORK/floor" "$n" "$(nproc)" both
  rm -rf "$WORK/floor" "$WORK/floor-sample"
  # The first incremental build after a full one starts from the spare the full build linked;
  # later ones from the site before (relinking what changed since), so both are timed. Each
  # run of the first kind needs a full build of its own before it (not timed): a single run
  # of it was the noisiest figure in the table.
  row "one batch changed, first after a full build" "$n" "$RUNS" \
    'rm -rf "$out" "$WORK"/.tracepress-*; $BIN build --store "$store" --out "$out" --quiet
     sqlite3 "$store" "UPDATE batch SET quantity = coalesce(quantity, 0) + 1 WHERE id = $((n / 2 + run))"' \
    $BIN build --store "$store" --out "$out" --quiet
  row "no-change rebuild" "$n" "$RUNS" ':' $BIN build --store "$store" --out "$out" --quiet
  row "one batch changed" "$n" "$RUNS" \
    'sqlite3 "$store" "UPDATE batch SET quantity = coalesce(quantity, 0) + 1 WHERE id = $((n / 3 + run))"' \
    $BIN build --store "$store" --out "$out" --quiet
  rm -rf "$out" "$WORK"/.tracepress-*
done

if [[ "$HUGO" != 0 ]]; then
  echo
  for n in $BATCHES; do Benchmarks/hugo/run.sh "$n"; done
fi

#!/usr/bin/env bash
# Peak memory against the number of batches (issue 5: a 1,000,000-batch store must not need more
# memory than a 100,000-batch one plus a few MB): a full build, a no-change rebuild and a
# one-batch-changed rebuild of demo stores of each size, peak RSS from /usr/bin/time -v.
#
#   Benchmarks/memory.sh                          # 100,000 and 1,000,000 batches
#   BATCHES="100000 200000" Benchmarks/memory.sh
#   OUT=/mnt/somewhere Benchmarks/memory.sh       # write the sites there instead
#
# A million batches make six million files, some 64 GB on ext4 and more than tmpfs holds on a
# 24 GiB machine, so by default the sites go to a zstd-compressed btrfs image on disk that the
# script makes and mounts (root and btrfs-progs; about a tenth of the bytes). The stores stay on
# disk in $WORK (8.7 GB for a million batches, some 20 minutes to generate the first time). The
# times printed are this file system's, compressing in the kernel: they show the shape, not
# the speed (that is Benchmarks/run.sh, on tmpfs). The one-batch-changed row is the first
# rebuild after a `--no-spare` build, which links the whole published site into staging: at a
# million batches six million links, which took longer on the image than a session had (the
# session of 2026-12-06 10:39 stopped it after 15 minutes); BATCHES=100000 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

BATCHES="${BATCHES:-100000 1000000}"
WORK="${WORK:-/var/tmp/tracepress-memory}"
BIN=.build/release/tracepress

source Benchmarks/common.sh
prepare "$WORK"

if [[ -z "${OUT:-}" ]]; then
  OUT="$WORK/sites"
  if ! mountpoint -q "$OUT"; then
    need mkfs.btrfs btrfs-progs
    sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo
    mkdir -p "$OUT"
    [[ -f "$WORK/sites.img" ]] || { truncate -s 70G "$WORK/sites.img" && mkfs.btrfs -q "$WORK/sites.img"; }
    $sudo mount -o loop,compress=zstd:1,noatime "$WORK/sites.img" "$OUT"
  fi
fi

# measure LABEL BATCHES command...: one run (`time_once`), as a table row.
measure() {
  local label="$1" batches="$2"; shift 2
  read -r wall cpu rss <<<"$(time_once "$WORK/time.log" "$@")"
  if [[ "$wall" == failed ]]; then
    echo "| $label | $batches | failed | | |"
  else
    printf "| %s | %'d | %.1f | %.1f | %d |\n" "$label" "$batches" "$wall" "$cpu" "$rss"
  fi
}

echo "| run | batches | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|---|"
for n in $BATCHES; do
  store="$WORK/demo-$n.sqlite"
  [[ -f "$store" ]] || "$BIN" demo --store "$store" --batches "$n" >/dev/null
  site="$OUT/site-$n"
  rm -rf "$site" "$OUT"/.tracepress-*
  measure "full build, \`--no-spare\`" "$n" "$BIN" build --store "$store" --out "$site" --full --no-spare --quiet
  measure "no-change rebuild" "$n" "$BIN" build --store "$store" --out "$site" --quiet
  sqlite3 "$store" "UPDATE batch SET quantity = coalesce(quantity, 0) + 1 WHERE id = $((n / 2))"
  measure "one batch changed" "$n" "$BIN" build --store "$store" --out "$site" --quiet
  rm -rf "$site" "$OUT"/.tracepress-*
done

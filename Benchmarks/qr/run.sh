#!/usr/bin/env bash
# Times libqrencode's own mask choice against Sources/CQRMask's and checks that they make the same
# symbols (Benchmarks/qr/qr_bench.c). Re-run it when libqrencode is upgraded.
#
#   Benchmarks/qr/run.sh          # 20,000 codes of each kind
#   Benchmarks/qr/run.sh 100000
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps >/dev/null
bin="${TMPDIR:-/tmp}/tracepress-qr-bench"
gcc -O2 -o "$bin" -I Sources/CQRMask/include Benchmarks/qr/qr_bench.c Sources/CQRMask/qr_mask.c \
  $(pkg-config --cflags --libs libqrencode)
"$bin" "${1:-20000}"

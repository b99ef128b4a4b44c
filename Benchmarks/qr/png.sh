#!/usr/bin/env bash
# Times the QR PNG writer (Sources/CPNGWriter: libpng's framing around our own deflate stream) on
# real symbols, one core, microseconds per image (Benchmarks/qr/png_bench.c).
#
#   Benchmarks/qr/png.sh              # 50,000 images at 8 pixels per module
#   Benchmarks/qr/png.sh 20000 3      # another count, another scale
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps >/dev/null
bin="${TMPDIR:-/tmp}/tracepress-png-bench"
gcc -O2 -o "$bin" -I Sources/CPNGWriter -I Sources/CPNGWriter/include Benchmarks/qr/png_bench.c Sources/CPNGWriter/*.c \
  $(pkg-config --cflags --libs libqrencode libpng zlib) -lpthread
"$bin" "${1:-50000}" "${2:-8}"

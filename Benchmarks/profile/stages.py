#!/usr/bin/env python3
"""Groups `perf script` samples of a TracePress build by pipeline stage.

    perf script -F ip,sym,dso -i perf.data | Benchmarks/profile/stages.py

Each sample is charged to the first stage found walking its stack from the leaf up, so a
`malloc` called while building a page's views counts as "views", and a `write` called while
publishing a batch folder as "files (kernel)". A flat profile (no stage above a fifth) is the
usual answer on this code; the table says where a change would have to come from.
"""

import collections
import sys

# (stage, test on a frame's symbol and shared object), most specific first.
STAGES = [
    # libqrencode makes the symbol; Sources/CQRMask chooses its mask.
    ("QR codes (libqrencode, mask choice)", lambda sym, dso: "libqrencode" in dso or sym.startswith("tp_qr_")
     or sym in ("read_symbol", "score", "narrow_line_penalty", "line_penalty", "block_penalty")),
    ("zlib (qr.png)", lambda sym, dso: "libz.so" in dso),
    ("SQLite", lambda sym, dso: "libsqlite3" in dso),
    ("file hashes (manifest, input keys)", lambda sym, dso: "sha256" in sym.lower() or "libxxhash" in dso or "ContentHash" in sym),
    ("template rendering", lambda sym, dso: "CompiledTemplate" in sym or "TextEscaper" in sym),
    # View values are built and freed by the page views (ViewValue/ViewObject's outlined copies).
    ("page views", lambda sym, dso: "BatchPage" in sym or "9TraceView0B5Value" in sym or "9TraceView0B6Object" in sym),
    ("data.json", lambda sym, dso: "BatchDataDocument" in sym),
    ("per-batch facts", lambda sym, dso: "BatchFacts" in sym),
    ("linkset.json", lambda sym, dso: "Linkset" in sym),
    ("qr.svg", lambda sym, dso: "QRCodeV3svg" in sym),
    ("qr.png framing", lambda sym, dso: "QRCodeV3png" in sym or "tp_png" in sym or "libpng" in dso),
    ("store checks", lambda sym, dso: "problems7against" in sym),
    ("store decoding", lambda sym, dso: "TraceStore" in sym or "GRDB" in sym),
    ("listing pages", lambda sym, dso: "publishSharedFiles" in sym),
    ("manifest, sitemap, changes", lambda sym, dso: "ManifestWriter" in sym or "Sitemap" in sym or "ChangeLog" in sym),
    ("files (kernel)", lambda sym, dso: any(call in sym for call in ("libc_write", "libc_openat", "__close", "mkdir", "writeFolder"))),
]


def stacks(lines):
    """Yields each sample's frames as (symbol, shared object), leaf first."""
    frames = []
    for line in lines:
        line = line.strip()
        if not line:
            if frames:
                yield frames
            frames = []
            continue
        head, _, dso = line.rpartition(" (")
        _, _, symbol = head.partition(" ")
        frames.append((symbol, dso.rstrip(")")))
    if frames:
        yield frames


def stage_of(frames):
    for symbol, dso in frames:
        for stage, matches in STAGES:
            if matches(symbol, dso):
                return stage
    return "other (runtime, unresolved stacks)"


def main():
    counts = collections.Counter()
    kernel = collections.Counter()
    total = 0
    for frames in stacks(sys.stdin):
        total += 1
        stage = stage_of(frames)
        counts[stage] += 1
        if "kernel" in frames[0][1]:
            kernel[stage] += 1
    if total == 0:
        sys.exit("stages.py: no samples on standard input (perf script -F ip,sym,dso)")
    print(f"| stage | share of {total:,} samples | of which in the kernel |")
    print("|---|---|---|")
    for stage, count in counts.most_common():
        print(f"| {stage} | {100 * count / total:.1f}% | {100 * kernel[stage] / total:.1f}% |")


if __name__ == "__main__":
    main()

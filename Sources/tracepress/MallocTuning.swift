import Foundation
import Glibc

/// glibc's malloc, tuned for a build: one arena per render thread and two more for the threads
/// that feed them, and the free memory of all arenas handed back to the system about once a
/// second.
///
/// Why bounded: by default glibc gives up to eight arenas per core to the threads that allocate
/// at the same time, and each keeps the memory it once held: a million-batch build reached
/// 114 MB against 89 MB at 100,000 (`Benchmarks/memory.sh`), nine arenas of 2–11 MB each.
///
/// Why one more than the render threads: with exactly one each, the render workers, the store
/// reader and the listing thread shared two arenas and waited for each other's malloc locks.
/// `perf stat -e syscalls:sys_enter_futex` on a 20,000-batch build, six interleaved pairs:
/// 75,000–412,000 futex calls with two arenas, 3,000–94,000 with three; median CPU 12.2 → 11.3 s,
/// wall 6.33 → 5.78 s; and within the two-arena runs the CPU rose with the futex calls (10.4 s
/// at 75,000, 13.6 s at 412,000). At 100,000 batches it made no difference a whole build shows:
/// five interleaved pairs, 127,000–1,000,000 futex calls (median 240,000) against
/// 236,000–642,000 (262,000), wall 28.0–32.1 s against 28.4–32.1 s. The third arena costs no
/// memory that grows with the store: the million-batch full build peaked at 86.8 MB against
/// 86.5 MB with two (sites on the compressed btrfs image of `Benchmarks/memory.sh`); 79–82
/// against 77–79 MB at 100,000 on tmpfs. An arena for every thread (eight) ended the waits
/// altogether but took the million-batch peak to 100 MB. Which thread gets which arena is
/// glibc's choice (the order they first allocate in), so the waits vary from run to run with
/// any bound short of that.
///
/// Why two more, since chunks are drawn in turn (`BatchPass`): six interleaved pairs of one-shot
/// 100,000-batch builds, four arenas against three: 20.44–22.30 s (median 20.94) against
/// 20.51–23.09 s (21.80), faster in four; voluntary context switches 14,900–31,700 against
/// 26,000–48,700. Still no memory that grows with the store: the million-batch full build
/// peaked at 88.6 MB against 89.2 MB with three (the btrfs image again).
///
/// Why the trimming: `malloc_trim` returns each arena's free pages to the system (at most
/// 0.03 ms a call in a 20,000-batch build). With it the million-batch build's peak is 86 MB
/// (91 MB without, the session of 2026-12-06 10:39); 80 MB at 100,000 on tmpfs.
///
/// Process-wide, so the command that owns the process sets it, not the library;
/// `MALLOC_ARENA_MAX` in the environment still wins over the arena count.
struct MallocTuning {
    /// `M_ARENA_MAX` in glibc's `<malloc.h>`, which Swift's Glibc module does not bring in
    /// (nor `mallopt` and `malloc_trim`, found at run time).
    private static let arenaMaxParameter: Int32 = -8

    private let mallopt: (@convention(c) (Int32, Int32) -> Int32)?
    private let mallocTrim: (@convention(c) (Int) -> Int32)?

    /// Looks glibc's functions up; on another C library nothing is tuned.
    init() {
        let everywhere = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT
        mallopt = dlsym(everywhere, "mallopt").map { unsafeBitCast($0, to: (@convention(c) (Int32, Int32) -> Int32).self) }
        mallocTrim = dlsym(everywhere, "malloc_trim").map { unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self) }
    }

    /// One arena per render thread and two for the store reader, the pass and the listings; call
    /// before the build starts its threads.
    func limitArenas(renderThreads: Int) {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil, let mallopt else { return }
        _ = mallopt(Self.arenaMaxParameter, Int32(clamping: max(1, renderThreads) + 2))
    }

    /// Returns the free memory of every arena to the system.
    func releaseFreeMemory() { _ = mallocTrim?(0) }
}

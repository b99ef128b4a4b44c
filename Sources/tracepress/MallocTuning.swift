import Foundation
import Glibc

/// glibc's malloc, tuned for a build: one arena per render thread, and the free memory of all
/// arenas handed back to the system about once a second.
///
/// Why bounded: by default glibc gives up to eight arenas per core to the threads that allocate
/// at the same time, and each keeps the memory it once held: a million-batch build reached
/// 114 MB against 89 MB at 100,000 (`Benchmarks/memory.sh`), nine arenas of 2–11 MB each.
///
/// The price, measured and kept: with two arenas the render workers, the store reader and the
/// listing thread share them and wait for each other's malloc locks. `perf stat -e
/// syscalls:sys_enter_futex` counted 37,000–282,000 futex calls in a 20,000-batch build and up
/// to 1.2 million at 100,000; an arena for every thread (eight) brought that to 2,500–6,000 and
/// 13,000–25,000 and the median CPU of five interleaved 20,000-batch pairs from 13.04 to
/// 12.00 s, but three interleaved pairs at 100,000 batches showed no difference in wall time
/// (27.54 / 27.20 / 29.71 s against 25.48 / 30.61 / 29.04), and the million-batch build's peak
/// rose to 100 MB. Memory flat in the number of batches is the target issue 5 sets, so the
/// bound stays.
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

    /// One arena per render thread; call before the build starts its threads.
    func limitArenas(renderThreads: Int) {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil, let mallopt else { return }
        _ = mallopt(Self.arenaMaxParameter, Int32(clamping: max(1, renderThreads)))
    }

    /// Returns the free memory of every arena to the system.
    func releaseFreeMemory() { _ = mallocTrim?(0) }
}

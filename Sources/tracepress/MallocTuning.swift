import Foundation
import Glibc

/// glibc's malloc, tuned for a build: an arena for every thread that allocates, and the free
/// memory of all arenas handed back to the system about once a second.
///
/// Why arenas for every thread: builds used to ask for one arena per render thread (to keep
/// memory flat, below), and the main arena and one more then served every thread: the render
/// workers, the store reader and the listing thread waited for each other's malloc locks.
/// `perf stat -e syscalls:sys_enter_futex` counted 37,000–282,000 futex calls in a
/// 20,000-batch build (depending on which threads happened to share) and 684,000 at 100,000;
/// with eight arenas, 2,500–5,500 and 19,000–25,000. Five interleaved pairs of 20,000-batch
/// builds: median CPU 13.04 → 12.00 s, wall 6.85 → 6.39 s.
///
/// Why the trimming: more arenas keep more memory (glibc's default of eight per core let a
/// million-batch build reach 114 MB against 89 MB at 100,000, `Benchmarks/memory.sh`; eight
/// arenas without trimming, 113 MB after 120 s of the million-batch build and still rising,
/// sampled every 10 s from `/proc`). `malloc_trim` returns each arena's free pages to the
/// system; once a second it took at most 0.03 ms a call in a 20,000-batch build, and kept the
/// million-batch build's peak at 87 MB after 70 s (105 MB without).
///
/// Process-wide, so the command that owns the process sets it, not the library;
/// `MALLOC_ARENA_MAX` in the environment still wins over the arena count.
struct MallocTuning {
    /// The build's threads besides its render workers that allocate: the main thread, the store
    /// reader, the listing thread, and the short-lived threads of Dispatch's pool the render
    /// work passes through (a build has six or seven threads alive at once; six arenas in all
    /// left some of them sharing, eight none).
    static let otherThreads = 6

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

    /// Gives every thread of a build with `renderThreads` render workers an arena of its own,
    /// and no more; call before the build starts its threads.
    func limitArenas(renderThreads: Int) {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil, let mallopt else { return }
        _ = mallopt(Self.arenaMaxParameter, Int32(clamping: max(1, renderThreads) + Self.otherThreads))
    }

    /// Returns the free memory of every arena to the system.
    func releaseFreeMemory() { _ = mallocTrim?(0) }
}

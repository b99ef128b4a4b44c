import Foundation
import Glibc

/// glibc's malloc arenas, limited to one per render thread for a build.
///
/// Why: by default glibc gives up to eight arenas per core to the threads that allocate at the
/// same time, and each keeps the memory it once held. A build's threads (render workers, the
/// store reader, the listing phase and its readers) then hold more the longer the listings run
/// beside the batches: peak memory was 89–92 MB at 100,000 batches and 114 MB at 1,000,000
/// (`Benchmarks/memory.sh`), nine arenas of 2–11 MB each. One arena per render thread kept a
/// million-batch build's anonymous memory at 52 MB over its first 90 s (65–69 MB without), and
/// the peaks at 83 MB for 100,000 batches and 91 MB for a million, with no change in speed that
/// 100,000-batch builds here could show (interleaved runs; the noise between runs is 20%).
///
/// Process-wide, so it is set here by the command that owns the process, not by the library;
/// `MALLOC_ARENA_MAX` in the environment still wins.
enum MemoryArenas {
    /// `M_ARENA_MAX` in glibc's `<malloc.h>`, which Swift's Glibc module does not bring in.
    private static let arenaMaxParameter: Int32 = -8

    static func limit(to arenas: Int) {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil,
            let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")  // RTLD_DEFAULT
        else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(arenaMaxParameter, Int32(clamping: max(1, arenas)))
    }
}

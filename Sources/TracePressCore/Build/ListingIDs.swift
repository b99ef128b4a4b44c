import Dispatch
import Foundation
import Synchronization
import TracePublish
import TraceStore

/// The `(id, revision)` pairs of one listing, in listing order, being read on a thread of its
/// own, through one of the build's reading connections, while earlier listings are drawn.
///
/// A listing can hold every batch of the store (the factory's, a laboratory's), and up to
/// 2 × `jobs` listings are read ahead at once: past the first 8,192 pairs they go to a `ScratchFile`,
/// so memory stays the same for a thousand batches or a million (16 bytes a batch on disk).
final class ListingIDs: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<SpooledPairs, any Error>?>(nil)

    init(_ listing: BuildInputs.Listing, from store: TraceStore) {
        done.enter()
        let forEachBatch = listing.forEachBatch
        // Its own thread, not a worker of Dispatch's pool: the build waits on a pool worker, and
        // on two cores that left one worker for every read, so the listings queued for both
        // connections were read one after the other (one reader thread had 1.0 s of CPU in a
        // one-batch rebuild, the other 0.2 s). A thread costs some tens of microseconds against
        // reads of milliseconds to a quarter of a second.
        Thread { [self] in
            let result = Result { () throws -> SpooledPairs in
                let pairs = SpooledPairs()
                try forEachBatch(store) { id, revision in try pairs.append(id: id, revision: revision) }
                try pairs.finishWriting()
                return pairs
            }
            outcome.withLock { $0 = result }
            done.leave()
        }.start()
    }

    /// Waits for the read; the pairs in listing order.
    func wait() throws -> SpooledPairs {
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Waits for the read without looking at it (the listings failed anyway).
    func waitIgnoringErrors() { done.wait() }
}

/// `(id, revision)` pairs appended in order, then read back by range: in memory while few,
/// spilled to a scratch file in blocks once there are more than one block holds.
///
/// Written by one thread, then read by another only after `ListingIDs.wait` (the dispatch
/// group orders the two), hence `@unchecked Sendable`.
final class SpooledPairs: @unchecked Sendable {
    /// Pairs per block: 128 KiB of memory.
    static let blockPairs = 8192
    /// Interleaved id, revision of the pairs not yet spilled (all of them when `file` is nil).
    private var block: [Int64] = []
    private var file: ScratchFile?
    private(set) var count = 0

    func append(id: Int64, revision: Int64) throws {
        if block.count == 2 * Self.blockPairs { try spill() }
        block.append(id)
        block.append(revision)
        count += 1
    }

    /// Spills what is left once the file is in use, so every pair is read the same way.
    func finishWriting() throws {
        if file != nil && !block.isEmpty { try spill() }
    }

    private func spill() throws {
        if file == nil { file = try ScratchFile() }
        try block.withUnsafeBytes { try file!.append($0) }
        block.removeAll(keepingCapacity: true)
    }

    /// The pairs at positions `range`, as ids and revisions.
    func pairs(_ range: Range<Int>) throws -> (ids: [Int64], revisions: [Int64]) {
        var interleaved: [Int64]
        if let file {
            interleaved = [Int64](repeating: 0, count: 2 * range.count)
            try interleaved.withUnsafeMutableBytes { try file.read(into: $0, at: range.lowerBound * 16) }
        } else {
            interleaved = Array(block[2 * range.lowerBound..<2 * range.upperBound])
        }
        var ids: [Int64] = []
        var revisions: [Int64] = []
        ids.reserveCapacity(range.count)
        revisions.reserveCapacity(range.count)
        for index in stride(from: 0, to: interleaved.count, by: 2) {
            ids.append(interleaved[index])
            revisions.append(interleaved[index + 1])
        }
        return (ids, revisions)
    }
}

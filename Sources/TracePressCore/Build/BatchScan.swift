import Dispatch
import Foundation
import TracePublish
import TraceStore

/// The store's batches in id order, chunk by chunk, joined with the previous build's manifest,
/// read on a thread of their own one chunk ahead of the pass that records them.
///
/// Why a thread: in a one-batch rebuild of 100,000 batches nothing renders, and the pass was one
/// thread doing two things in turn, reading and keying every batch header (the store, the old
/// manifest, an input key each) and then writing the new manifest and sitemap for it, while the
/// other core waited. Now the two overlap. At most one chunk waits here, so memory stays bounded.
///
/// The manifest reader is used only by the scan's thread; what the pass reads back (`next`,
/// `removed`) is handed over under `condition`, hence `@unchecked Sendable`.
final class BatchScan: @unchecked Sendable {
    /// One chunk, with what the previous build recorded for its batches and their input keys now.
    struct Scanned {
        let chunk: BatchChunk
        let previous: [Int64: ManifestBatchEntry]
        let keys: [Int64: String]
    }

    private struct Stopped: Error {}

    private let condition = NSCondition()
    private var ready: Scanned?
    private var finished = false
    private var stopped = false
    private var failure: (any Error)?
    private var gone: [ManifestBatchEntry] = []
    private let ended = DispatchSemaphore(value: 0)

    /// Starts reading.
    ///
    /// - Parameter mustRender: Whether a batch must be rendered, given its header, the manifest
    ///   entry of the previous build (if any) and its input key now; the others are read as
    ///   headers only.
    init(
        store: TraceStore, chunkSize: Int, sharedKey: String, previous: ManifestBatchReader?, shard: Shard?,
        mustRender: @escaping @Sendable (BatchHeader, ManifestBatchEntry?, String) -> Bool
    ) {
        let reader = UncheckedBox(previous)
        Thread { [self] in
            let previous = reader.value
            var previousByID: [Int64: ManifestBatchEntry] = [:]
            var keys: [Int64: String] = [:]
            var gone: [ManifestBatchEntry] = []
            var failure: (any Error)?
            do {
                try store.forEachBatchChunk(chunkSize: chunkSize, selecting: { header in
                    if let shard, !shard.contains(gtin: header.gtin, lot: header.lot) { return false }
                    while let entry = previous?.peek, entry.id < header.id { gone.append(previous!.next()!) }
                    var old: ManifestBatchEntry?
                    if let entry = previous?.peek, entry.id == header.id { old = previous!.next() }
                    let key = InputKeys.batch(shared: sharedKey, header: header)
                    keys[header.id] = key
                    if let old { previousByID[header.id] = old }
                    return mustRender(header, old, key)
                }) { chunk in
                    try self.hand(Scanned(chunk: chunk, previous: previousByID, keys: keys))
                    previousByID.removeAll(keepingCapacity: true)
                    keys.removeAll(keepingCapacity: true)
                }
                while let entry = previous?.next() { gone.append(entry) }
            } catch is Stopped {
            } catch {
                failure = error
            }
            condition.lock()
            self.gone = gone
            self.failure = failure
            finished = true
            condition.broadcast()
            condition.unlock()
            ended.signal()
        }.start()
    }

    /// Waits while the last chunk read has not been taken yet.
    private func hand(_ scanned: Scanned) throws {
        condition.lock()
        defer { condition.unlock() }
        while ready != nil && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        ready = scanned
        condition.broadcast()
    }

    /// The next chunk; nil once every batch was read.
    func next() throws -> Scanned? {
        condition.lock()
        defer { condition.unlock() }
        while ready == nil && !finished { condition.wait() }
        if let scanned = ready {
            ready = nil
            condition.broadcast()
            return scanned
        }
        if let failure { throw failure }
        return nil
    }

    /// Batches of the previous manifest that are no longer in the store, in id order; complete
    /// once `next` has returned nil.
    var removed: [ManifestBatchEntry] {
        condition.lock()
        defer { condition.unlock() }
        return gone
    }

    /// Stops reading (when the pass fails) and waits for the thread, so the store's connection
    /// is free again.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        ended.wait()
    }
}

/// Hands a value that is not `Sendable` to the one thread that will use it.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

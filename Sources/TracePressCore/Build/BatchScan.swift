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
/// other core waited. Now the two overlap. Memory stays bounded: one chunk waits here at most,
/// and of the chunks that carry batches to render, at most `renderingChunks` are read and not
/// yet recorded (the pass reports each with `recorded`), as when the pass read the store itself:
/// one rendering while the next is read.
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

    /// Chunks with batches to render that are read and not yet recorded by the pass. A chunk of
    /// 512 full batches is some 8 MB: unbounded, the scan ran two chunks ahead and a full build's
    /// peak memory rose from 80 to 98 MB. Chunks of headers only (a rebuild's) are not counted.
    static let renderingChunks = 2

    private let condition = NSCondition()
    private var ready: Scanned?
    private var unrecorded = 0
    private var finished = false
    private var stopped = false
    private var failure: (any Error)?
    private var gone: [ManifestBatchEntry] = []
    private let ended = DispatchSemaphore(value: 0)

    /// Starts reading.
    ///
    /// - Parameters:
    ///   - references: The products and sites, for batch keys.
    ///   - mustRender: Whether a batch must be rendered, given its header, the manifest entry of
    ///     the previous build (if any) and its input key now; the others are read as headers only.
    init(
        store: TraceStore, chunkSize: Int, batchKey: String, references: ReferenceDigests, previous: ManifestBatchReader?, shard: Shard?,
        mustRender: @escaping @Sendable (BatchHeader, ManifestBatchEntry?, String) -> Bool
    ) {
        let reader = UncheckedBox(previous)
        Thread { [self] in
            let previous = reader.value
            var previousByID: [Int64: ManifestBatchEntry] = [:]
            var keys: [Int64: String] = [:]
            var parts = ReferenceDigests.PartCache()
            var gone: [ManifestBatchEntry] = []
            var failure: (any Error)?
            do {
                try store.forEachBatchChunk(chunkSize: chunkSize, selecting: { header in
                    if let shard, !shard.contains(gtin: header.gtin, lot: header.lot) { return false }
                    while let entry = previous?.peek, entry.id < header.id { gone.append(previous!.next()!) }
                    var old: ManifestBatchEntry?
                    if let entry = previous?.peek, entry.id == header.id { old = previous!.next() }
                    // Keyed by the sites its rows named when it was rendered: while its revision
                    // stands, so do they (a new batch is rendered whatever its key).
                    let references = references.part(gtin: header.gtin, recorded: old, cache: &parts)
                    let key = InputKeys.batch(shared: batchKey, header: header, references: references)
                    keys[header.id] = key
                    if let old { previousByID[header.id] = old }
                    return mustRender(header, old, key)
                }) { chunk in
                    try self.hand(Scanned(chunk: chunk, previous: previousByID, keys: keys))
                    previousByID.removeAll(keepingCapacity: true)
                    keys.removeAll(keepingCapacity: true)
                    try self.waitForRoom()
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
        if !scanned.chunk.records.isEmpty { unrecorded += 1 }
        condition.broadcast()
    }

    /// Waits, before the next chunk is read, while too many are read and not yet recorded.
    private func waitForRoom() throws {
        condition.lock()
        defer { condition.unlock() }
        while unrecorded >= Self.renderingChunks && !stopped { condition.wait() }
        if stopped { throw Stopped() }
    }

    /// The pass has recorded a chunk it took (and its batches' rendering is done).
    /// - Parameter hadRecords: Whether the chunk carried batches to render.
    func recorded(hadRecords: Bool) {
        guard hadRecords else { return }
        condition.lock()
        unrecorded -= 1
        condition.broadcast()
        condition.unlock()
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

import Dispatch
import Synchronization
import TraceModel
import TracePublish
import TraceStore
import TraceView

/// One pass over every batch in id order, joined with the previous build's `batches.tsv`
/// (also in id order), so neither the store nor the manifest is ever held in memory whole.
///
/// For each batch: same input key as last time → keep its files and manifest line; otherwise
/// validate, render on every core, and write only the files whose bytes changed. Batches in the
/// old manifest but gone from the store are removed at the end.
struct BatchPass {
    let store: TraceStore
    let site: SiteContext
    let artifacts: BatchArtifacts
    let staging: SiteStaging
    /// Recorded in the manifest: what the whole site was built from.
    let sharedKey: String
    /// What batch folders are drawn from (`BuildInputs.batchKey`): their input keys start from it.
    let batchKey: String
    /// The products and sites, each batch's key adding its own (`BuildInputs.references`).
    let references: ReferenceDigests
    /// The store's batch fingerprint, read before the pass (recorded in the manifest).
    let storeFingerprint: String
    let previous: ManifestBatchReader?
    let changes: ChangeLog
    let sitemap: SitemapBuilder
    let chunkSize: Int
    /// Only this slice of the batches, when building one shard of a site.
    let shard: Shard?
    /// Render threads.
    let jobs: Int
    /// Shared with the listing phase: at most `jobs` threads draw at once.
    let slots: DrawingSlots
    /// The listing pages, published beside this pass; until they are done, what this pass
    /// records in the sitemap and the change log waits (see `HeldRecords`).
    let listings: ListingPhase?
    /// Bytes of held records kept in memory before they go to a scratch file
    /// (`BuildOptions.heldRecordBytes`).
    let heldInMemory: Int

    struct Outcome {
        var rendered = 0
        var unchanged = 0
        var removed = 0
    }

    func run(progress: (BuildProgress) -> Void) throws -> Outcome {
        let total = try store.batchCount()
        // Said before the first chunk is done, which on a large store takes a moment.
        progress(BuildProgress(batchesDone: 0, batchesTotal: total))
        let manifest = try ManifestWriter.batches(in: staging, sharedKey: sharedKey, storeFingerprint: storeFingerprint)
        var outcome = Outcome()
        var problems: [StoreProblem] = []
        var removed: [ManifestBatchEntry] = []
        var done = 0
        // Batches to render: new ones, and those whose input key or folder changed.
        let scan = BatchScan(store: store, chunkSize: chunkSize, batchKey: batchKey, references: references, previous: previous, shard: shard) {
            header, old, key in
            old == nil || old!.inputKey != key || old!.folder != InputKeys.folder(of: header)
        }
        defer { scan.stop() }
        // The chunk rendering on the worker threads while the next one is read, so reading and
        // decoding (a tenth of a build) overlap the rendering instead of leaving the other cores
        // idle; one chunk deep, so memory stays bounded.
        var pending: PendingChunk?
        defer { pending?.job.waitIgnoringErrors() }

        var held = HeldRecords(listings: listings, inMemory: heldInMemory, changes: changes, sitemap: sitemap)

        /// Waits for a chunk's batches and records them in id order: manifest, sitemap, changes.
        func finish(_ chunk: PendingChunk) throws {
            let entries = try chunk.job.wait()
            try held.releaseIfListingsAreDone()
            for header in chunk.headers {
                if let shard, !shard.contains(gtin: header.gtin, lot: header.lot) { continue }
                let folder = InputKeys.folder(of: header)
                var written: (folder: String, files: [String]) = (folder, [])
                if let (entry, files) = entries[header.id] {
                    try manifest.append(entry)
                    if let old = chunk.previous[header.id], old.folder != entry.folder { removed.append(old) }
                    written = (entry.folder, files)
                } else if let old = chunk.previous[header.id], old.inputKey == chunk.keys[header.id], old.folder == folder {
                    try manifest.append(old)
                    outcome.unchanged += 1
                }
                try held.record(written: written, pagesOf: folder)
            }
            done += chunk.headers.count
            scan.recorded(hadRecords: chunk.hadRecords)
            progress(BuildProgress(batchesDone: done, batchesTotal: total))
        }

        while let scanned = try scan.next() {
            let chunk = scanned.chunk
            problems += chunk.problems
            let valid = chunk.records.filter { record in
                let found = record.problems(against: site.reference)
                problems += found
                return found.isEmpty
            }
            outcome.rendered += valid.count
            // Once a problem is found nothing more is rendered: the build will fail and list them all.
            let job = startRendering(problems.isEmpty ? valid : [], previous: scanned.previous, headers: chunk.headers, after: pending?.job)
            // Pending before the earlier chunk is finished: if that throws, this one's render
            // threads are still waited for (they write into staging, which is then discarded).
            let earlier = pending
            pending = PendingChunk(headers: chunk.headers, hadRecords: !chunk.records.isEmpty, previous: scanned.previous, keys: scanned.keys, job: job)
            if let earlier { try finish(earlier) }
        }
        if let last = pending {
            pending = nil
            try finish(last)
        }
        // Gone from the store, and moved to another folder; by id, whichever thread found them.
        removed = (scan.removed + removed).sorted { $0.id < $1.id }
        guard problems.isEmpty else { throw BuildError.inconsistentStore(problems) }
        try held.release()

        for entry in removed {
            let parts = entry.folder.split(separator: "/")
            // A batch now published at the same folder (a lot that moved to a new row) keeps it.
            if parts.count == 4, try store.hasBatch(gtin: String(parts[1]), lot: String(parts[3])) { continue }
            staging.remove(try SitePath(entry.folder))
            for file in entry.files { try changes.changed("\(entry.folder)/\(file.name)") }
            outcome.removed += 1
        }
        try manifest.finish()
        return outcome
    }

    /// A chunk read from the store whose batches are being rendered.
    private struct PendingChunk {
        let headers: [BatchHeader]
        /// Whether the store read any batch of it in full (`BatchScan` counts those).
        let hadRecords: Bool
        let previous: [Int64: ManifestBatchEntry]
        let keys: [Int64: String]
        let job: RenderJob
    }

    /// Starts rendering a chunk on `jobs` worker threads and returns at once, each thread taking
    /// `BatchArtifacts.batchesPerGroup` batches at a time, each group in one of `slots`; files
    /// whose content did not change are not written again. Its first group is taken only once
    /// every group of `earlier` is.
    ///
    /// Why in turn: started beside the chunk before, the two shared the drawing threads, so
    /// when the earlier one ended the next was half drawn too, and its rest was often done
    /// before this pass had read, checked and started the one after: both cores idle, 7% of
    /// the second half of a 100,000-batch build (`/proc/stat`), where the listing pages no
    /// longer filled the gaps. Taken in turn, a whole chunk of work lies ahead whenever one ends.
    private func startRendering(
        _ records: [BatchRecord], previous: [Int64: ManifestBatchEntry], headers: [BatchHeader], after earlier: RenderJob?
    ) -> RenderJob {
        let job = RenderJob()
        guard !records.isEmpty else {
            job.markAllClaimed()
            return job
        }
        let (staging, artifacts, jobs, slots) = (self.staging, self.artifacts, self.jobs, self.slots)
        // Each batch keyed by the sites its rows name now (the scan's key used the last build's).
        let headers = Dictionary(uniqueKeysWithValues: headers.map { ($0.id, $0) })
        let keys = Dictionary(uniqueKeysWithValues: records.compactMap { record in
            headers[record.batch.id].map { header in
                let sites = record.siteIDs
                let key = InputKeys.batch(shared: batchKey, header: header, references: references.part(gtin: header.gtin, sites: sites))
                return (header.id, (key: key, sites: sites))
            }
        })
        BuildQueue.queue.async(group: job.group) {
            earlier?.waitUntilAllClaimed()
            do {
                let perGroup = BatchArtifacts.batchesPerGroup
                try ClaimedWork.run(
                    count: (records.count + perGroup - 1) / perGroup, threads: jobs, slots: slots, allClaimed: { job.markAllClaimed() }
                ) { group in
                    let batches = records[group * perGroup..<min(records.count, (group + 1) * perGroup)]
                    var done: [(entry: ManifestBatchEntry, written: [String])] = []
                    for (record, (link, files)) in zip(batches, try artifacts.render(batches)) {
                        let old = previous[record.batch.id]
                        let sameFolder = old?.folder == link.path
                        let rendered = files.map { file in
                            SiteStaging.FolderFile(name: file.name, bytes: file.bytes, previousHash: sameFolder ? old?.hash(of: file.name) : nil)
                        }
                        let results = try staging.writeFolder(try SitePath(link.path), files: rendered)
                        let hashes = zip(rendered, results).map { (name: $0.name, hash: $1.hash) }
                        let written = zip(rendered, results).filter { $0.1.written }.map(\.0.name)
                        let key = keys[record.batch.id]
                        done.append((ManifestBatchEntry(id: record.batch.id, folder: link.path, inputKey: key?.key ?? "", sites: key?.sites ?? [], files: hashes), written))
                    }
                    job.results.withLock { results in for batch in done { results[batch.entry.id] = batch } }
                }
            } catch {
                job.failure.withLock { $0 = error }
            }
        }
        return job
    }
}

/// The rendering of one chunk: what each batch wrote, or the first error.
private final class RenderJob: Sendable {
    let group = DispatchGroup()
    let results = Mutex<[Int64: (entry: ManifestBatchEntry, written: [String])]>([:])
    let failure = Mutex<(any Error)?>(nil)
    /// Left once no group of the chunk is left to take (`markAllClaimed`).
    private let claiming = DispatchGroup()

    init() { claiming.enter() }

    /// Says that every group is taken, or that none will be (the chunk failed or is empty). Called
    /// once per chunk: for an empty one by `startRendering`, otherwise by `ClaimedWork.run`, which
    /// says it exactly once.
    func markAllClaimed() { claiming.leave() }

    /// Waits until every group of the chunk is taken, not necessarily drawn.
    func waitUntilAllClaimed() { claiming.wait() }

    /// Waits for the chunk; its manifest entries and written paths by batch id.
    func wait() throws -> [Int64: (entry: ManifestBatchEntry, written: [String])] {
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0 }
    }

    /// Waits without looking at the outcome (when the build is failing anyway), so no worker
    /// writes into staging after it is discarded.
    func waitIgnoringErrors() { group.wait() }
}

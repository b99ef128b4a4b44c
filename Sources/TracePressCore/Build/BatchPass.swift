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
    let sharedKey: String
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
    /// The listing pages, published beside this pass; until they are done, what this pass
    /// records in the sitemap and the change log waits (see `HeldRecords`).
    let listings: ListingPhase?
    /// At most this many batches wait for the listings (`BuildOptions.heldBatchLimit`).
    let heldLimit: Int

    struct Outcome {
        var rendered = 0
        var unchanged = 0
        var removed = 0
    }

    func run(progress: (BuildProgress) -> Void) throws -> Outcome {
        let total = try store.batchCount()
        let manifest = try ManifestWriter.batches(in: staging, sharedKey: sharedKey, storeFingerprint: storeFingerprint)
        var outcome = Outcome()
        var problems: [StoreProblem] = []
        var removed: [ManifestBatchEntry] = []
        var done = 0
        // Batches to render: new ones, and those whose input key or folder changed.
        let scan = BatchScan(store: store, chunkSize: chunkSize, sharedKey: sharedKey, previous: previous, shard: shard) { header, old, key in
            old == nil || old!.inputKey != key || old!.folder != InputKeys.folder(of: header)
        }
        defer { scan.stop() }
        // The chunk rendering on the worker threads while the next one is read, so reading and
        // decoding (a tenth of a build) overlap the rendering instead of leaving the other cores
        // idle; one chunk deep, so memory stays bounded.
        var pending: PendingChunk?
        defer { pending?.job.waitIgnoringErrors() }

        var held = HeldRecords(listings: listings, limit: heldLimit, changes: changes, sitemap: sitemap)

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
            let job = startRendering(problems.isEmpty ? valid : [], previous: scanned.previous, keys: scanned.keys)
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

    /// Starts rendering a chunk on `jobs` worker threads and returns at once; files whose
    /// content did not change are not written again.
    private func startRendering(
        _ records: [BatchRecord], previous: [Int64: ManifestBatchEntry], keys: [Int64: String]
    ) -> RenderJob {
        let job = RenderJob()
        guard !records.isEmpty else { return job }
        let (site, staging, artifacts, jobs) = (self.site, self.staging, self.artifacts, self.jobs)
        DispatchQueue.global().async(group: job.group) {
            do {
                try ClaimedWork.run(count: records.count, threads: jobs) { index in
                    let record = records[index]
                    let link = DigitalLink(base: site.baseURL, gtin: record.batch.gtin, lot: record.batch.lot)
                    let folder = try SitePath(link.path)
                    let old = previous[record.batch.id]
                    let sameFolder = old?.folder == link.path
                    let rendered = try artifacts.render(record).map { file in
                        SiteStaging.FolderFile(name: file.name, bytes: file.bytes, previousHash: sameFolder ? old?.hash(of: file.name) : nil)
                    }
                    let results = try staging.writeFolder(folder, files: rendered)
                    let files = zip(rendered, results).map { (name: $0.name, hash: $1.hash) }
                    let written = zip(rendered, results).filter { $0.1.written }.map(\.0.name)
                    let entry = ManifestBatchEntry(id: record.batch.id, folder: link.path, inputKey: keys[record.batch.id] ?? "", files: files)
                    job.results.withLock { $0[record.batch.id] = (entry, written) }
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

/// What the batch pass records in the sitemap and the change log, held back while the listing
/// pages (published beside the pass, `ListingPhase`) still use both, then recorded in the same
/// order: listing pages first, then the batches, as when the phases ran one after the other.
///
/// At most `limit` batches are held (about 200 bytes each: a folder and the names of the files
/// written); past that the pass waits for the listings, so memory stays bounded on a store of
/// any size. A 100,000-batch build holds some 10,000 batches while its listings are drawn.
private struct HeldRecords {
    private var listings: ListingPhase?
    private let limit: Int
    private let changes: ChangeLog
    private let sitemap: SitemapBuilder
    private var held: [(written: (folder: String, files: [String]), pagesOf: String)] = []

    init(listings: ListingPhase?, limit: Int, changes: ChangeLog, sitemap: SitemapBuilder) {
        self.listings = listings
        self.limit = max(1, limit)
        self.changes = changes
        self.sitemap = sitemap
    }

    /// Records the files a batch wrote (in the folder its manifest entry names) and the URLs of
    /// its pages (at `pagesOf`, its folder as stored), or holds them back.
    mutating func record(written: (folder: String, files: [String]), pagesOf folder: String) throws {
        if listings != nil {
            if held.count >= limit { try release() }
            if listings != nil { return held.append((written, folder)) }
        }
        try Self.record(written: written, pagesOf: folder, changes: changes, sitemap: sitemap)
    }

    /// Records what was held back once the listings are done (throwing what they threw).
    mutating func releaseIfListingsAreDone() throws {
        if let listings, listings.isFinished { try release() }
    }

    /// Waits for the listings (throwing what they threw) and records what was held back.
    mutating func release() throws {
        guard let listings else { return }
        _ = try listings.wait()
        self.listings = nil
        for (written, folder) in held { try Self.record(written: written, pagesOf: folder, changes: changes, sitemap: sitemap) }
        held = []
    }

    private static func record(
        written: (folder: String, files: [String]), pagesOf folder: String, changes: ChangeLog, sitemap: SitemapBuilder
    ) throws {
        for file in written.files { try changes.changed(folder: written.folder, file: file) }
        try sitemap.addBatch(folder: folder)
    }
}

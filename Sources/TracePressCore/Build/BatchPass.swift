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
    let previous: ManifestBatchReader?
    let changes: ChangeLog
    let sitemap: SitemapBuilder
    let chunkSize: Int
    /// Only this slice of the batches, when building one shard of a site.
    let shard: Shard?
    /// Render threads.
    let jobs: Int

    struct Outcome {
        var rendered = 0
        var unchanged = 0
        var removed = 0
    }

    func run(progress: (BuildProgress) -> Void) throws -> Outcome {
        let total = try store.batchCount()
        let manifest = try ManifestWriter.batches(in: staging, sharedKey: sharedKey)
        var outcome = Outcome()
        var problems: [StoreProblem] = []
        var removed: [ManifestBatchEntry] = []
        var done = 0

        // Entries of the previous manifest for the batches of the current chunk.
        var previousByID: [Int64: ManifestBatchEntry] = [:]
        var keys: [Int64: String] = [:]

        try store.forEachBatchChunk(chunkSize: chunkSize, selecting: { header in
            if let shard, !shard.contains(gtin: header.gtin, lot: header.lot) { return false }
            while let entry = previous?.peek, entry.id < header.id { removed.append(previous!.next()!) }
            var old: ManifestBatchEntry?
            if let entry = previous?.peek, entry.id == header.id { old = previous!.next() }
            let key = InputKeys.batch(shared: sharedKey, header: header)
            keys[header.id] = key
            if let old { previousByID[header.id] = old }
            return old == nil || old!.inputKey != key || old!.folder != InputKeys.folder(of: header)
        }) { chunk in
            defer {
                previousByID.removeAll(keepingCapacity: true)
                keys.removeAll(keepingCapacity: true)
            }
            problems += chunk.problems
            let valid = chunk.records.filter { record in
                let found = record.problems(against: site.reference)
                problems += found
                return found.isEmpty
            }
            var entries: [Int64: ManifestBatchEntry] = [:]
            if problems.isEmpty {
                entries = try render(valid, previous: previousByID, keys: keys)
            }
            outcome.rendered += valid.count
            for header in chunk.headers {
                if let shard, !shard.contains(gtin: header.gtin, lot: header.lot) { continue }
                let folder = InputKeys.folder(of: header)
                if let entry = entries[header.id] {
                    try manifest.append(entry)
                    if let old = previousByID[header.id], old.folder != entry.folder { removed.append(old) }
                } else if let old = previousByID[header.id], old.inputKey == keys[header.id], old.folder == folder {
                    try manifest.append(old)
                    outcome.unchanged += 1
                }
                try sitemap.addBatch(folder: folder)
            }
            done += chunk.headers.count
            progress(BuildProgress(batchesDone: done, batchesTotal: total))
        }
        while let entry = previous?.next() { removed.append(entry) }
        guard problems.isEmpty else { throw BuildError.inconsistentStore(problems) }

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

    /// Renders a chunk on every core; writes only files whose content changed.
    private func render(
        _ records: [BatchRecord], previous: [Int64: ManifestBatchEntry], keys: [Int64: String]
    ) throws -> [Int64: ManifestBatchEntry] {
        let results = Mutex<[Int64: (ManifestBatchEntry, [String])]>([:])
        let failure = Mutex<(any Error)?>(nil)
        let (site, staging, artifacts) = (self.site, self.staging, self.artifacts)
        // `jobs` workers claim records one at a time, so a slow batch does not leave a core idle.
        let jobs = max(1, min(self.jobs, records.count))
        let nextIndex = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while true {
                let index = nextIndex.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < records.count else { break }
                let record = records[index]
                do {
                    let link = DigitalLink(base: site.baseURL, gtin: record.batch.gtin, lot: record.batch.lot)
                    let folder = try SitePath(link.path)
                    let old = previous[record.batch.id]
                    let sameFolder = old?.folder == link.path
                    var files: [(name: String, hash: String)] = []
                    var written: [String] = []
                    try staging.makeFolder(folder.appending("en"))  // the batch folder and its English page folder
                    for file in try artifacts.render(record) {
                        let (hash, didWrite) = try staging.write(
                            file.bytes, to: folder.appending(file.name), unlessHashIs: sameFolder ? old?.hash(of: file.name) : nil)
                        files.append((file.name, hash))
                        if didWrite { written.append("\(link.path)/\(file.name)") }
                    }
                    let entry = ManifestBatchEntry(id: record.batch.id, folder: link.path, inputKey: keys[record.batch.id] ?? "", files: files)
                    results.withLock { $0[record.batch.id] = (entry, written) }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var entries: [Int64: ManifestBatchEntry] = [:]
        for record in records {
            guard let (entry, written) = results.withLock({ $0[record.batch.id] }) else { continue }
            entries[record.batch.id] = entry
            for path in written { try changes.changed(path) }
        }
        return entries
    }
}

import Foundation
import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

/// Builds the whole static site: store → model → view → render + QR → publish.
///
/// Incremental by default: the previous build's manifest says which batches were rendered from
/// which inputs, so only batches whose rows, templates or options changed are rendered again,
/// and only files whose bytes changed are rewritten. Everything goes to a staging folder (hard
/// links to the published files plus the changes) that replaces the output only when the build
/// succeeds.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Runs the build.
    ///
    /// - Parameters:
    ///   - progress: Called after each chunk of batches.
    ///   - warn: Called with messages worth a human's attention (a damaged manifest).
    /// - Returns: What was rendered, kept and removed.
    /// - Throws: `StoreError`, `RenderError`, `PublishError`, `QRError`, or `BuildError` (with
    ///   every store problem found); the previous site is left as it was.
    public func build(progress: (BuildProgress) -> Void = { _ in }, warn: (String) -> Void = { _ in }) throws -> BuildReport {
        var clock = PhaseClock()
        try options.checkFolders()
        let lock = try BuildLock(forOutput: options.outputPath)
        defer { withExtendedLifetime(lock) {} }
        let inputs = try BuildInputs(options: options)
        let base = inputs.site.baseURL
        clock.lap("read templates, assets and reference data")

        var previousBatches: ManifestBatchReader?
        var previousFiles: [String: String] = [:]
        var previousListings: ListingManifest?
        if !options.full {
            do {
                previousBatches = try ManifestBatchReader.open(site: options.outputPath)
                previousFiles = try ManifestFiles.load(site: options.outputPath)
                previousListings = try ListingManifest.open(site: options.outputPath)
                // A site whose manifests are not all there (made by another version) is rendered whole.
                if previousBatches != nil && previousListings == nil { previousBatches = nil }
            } catch {
                warn("\(error); rendering everything")
                previousBatches = nil
                previousFiles = [:]
                previousListings = nil
            }
            clock.lap("read the previous build's manifests")
        }

        // Read before anything else, so a change made while the build runs shows at the next one.
        let storeFingerprint = try inputs.store.batchFingerprint()
        if options.shard == nil, previousBatches?.sharedKey == inputs.sharedKey, previousBatches?.storeFingerprint == storeFingerprint,
            try Self.isUpToDate(inputs: inputs, site: options.outputPath, previousFiles: previousFiles)
        {
            try inputs.integrity.require()
            clock.lap("compare with the published site")
            // Said again, so a warning does not vanish on a rebuild that fixed nothing, and a
            // site published with broken links before fails a `--strict` build now.
            try inputs.checkLinks(ofSiteIn: options.outputPath, strict: options.strictLinks, warn: warn)
            clock.lap("check the pages' links")
            try SiteStaging.clearChangedURLs(inPublishedSite: options.outputPath)
            return BuildReport(
                rendered: 0, unchanged: try inputs.store.batchCount(), removed: 0,
                productPages: previousListings?.pageCount(ofListingsUnder: "01/") ?? 0,
                sitePages: previousListings?.pageCount(ofListingsUnder: "sites/") ?? 0,
                omissions: inputs.omissions, changedFiles: 0, outputPath: options.outputPath, baseURL: base, phases: clock.phases)
        }

        clock.lap("compare with the published site")
        // Read before staging starts: the paths this build changes are recorded over it.
        let previousSite = previousBatches == nil ? nil : Manifest.identity(ofSite: options.outputPath)
        let staging = try SiteStaging(publishingTo: options.outputPath, reusePrevious: previousBatches != nil, keepSpare: options.keepSpare)
        clock.lap("prepare staging")
        var listings: ListingPhase?
        do {
            let changes = try ChangeLog(staging: staging, baseURL: base, previousSite: previousSite)
            let incremental = previousBatches != nil
            let sink = try SiteFileSink(
                staging: staging, previous: incremental ? previousFiles : [:], previousListings: incremental ? previousListings : nil,
                keepsUnchangedListings: incremental, changes: changes)
            let sitemap = SitemapBuilder(sink: sink, baseURL: base, enabled: options.shard == nil)
            // Beside the batches, on a thread of their own. A shard holds batch folders only;
            // `merge` adds the listings and site files.
            listings = options.shard == nil ? try ListingPhase(inputs: inputs, sink: sink, sitemap: sitemap) : nil
            let outcome = try BatchPass(
                store: inputs.store, site: inputs.site,
                artifacts: BatchArtifacts(site: inputs.site, templates: inputs.templates, options: options),
                staging: staging, sharedKey: inputs.sharedKey, batchKey: inputs.batchKey, references: inputs.references, storeFingerprint: storeFingerprint, previous: previousBatches, changes: changes, sitemap: sitemap,
                chunkSize: options.chunkSize, shard: options.shard, jobs: options.jobs, slots: inputs.drawingSlots, listings: listings,
                heldInMemory: options.heldRecordBytes
            ).run { [listings] batches in
                var report = batches
                if let listings, !listings.isFinished { report.listingPagesDone = listings.pagesDone }
                progress(report)
            }
            let pages = try listings?.wait() ?? (0, 0)
            clock.lap("batches, and beside them product, site, live and recall pages")
            if options.shard == nil {
                try sitemap.finish()
                try inputs.publishSiteFiles(into: sink)
                if let note = inputs.hostRulesNote() { warn(note) }
            }
            try sink.removeStale()
            try sink.writeManifest()
            try changes.finish()
            clock.lap("sitemap, site files and manifests")
            // A shard has batch folders only: its pages link to listings `merge` adds.
            if options.shard == nil {
                try inputs.checkLinks(ofSiteIn: staging.stagingPath, strict: options.strictLinks, warn: warn)
                clock.lap("check the pages' links")
            }
            try inputs.integrity.require(recordingIn: staging)
            clock.lap("wait for the store's cross-row checks")
            try staging.commit()
            clock.lap("publish")
            return BuildReport(
                rendered: outcome.rendered, unchanged: outcome.unchanged, removed: outcome.removed, productPages: pages.0,
                sitePages: pages.1, omissions: inputs.omissions, changedFiles: changes.count, outputPath: staging.outputPath,
                baseURL: base, phases: clock.phases)
        } catch {
            listings?.cancel()
            staging.discard()
            throw inputs.integrity.adding(to: error)
        }
    }

    /// Whether the published site already is what this build would make: same shared inputs,
    /// every batch at the key the manifest recorded, no batch gone, every asset and the host rules
    /// (withdrawn lots have no batch revision) unchanged. Reads only batch ids and revisions and
    /// stops at the first difference, so a no-change rebuild of a large site takes a moment and
    /// touches nothing.
    static func isUpToDate(inputs: BuildInputs, site: String, previousFiles: [String: String]) throws -> Bool {
        let assets = inputs.assets
        let sharedKey = inputs.sharedKey
        for file in assets.files where previousFiles[file.path] != ContentHash.hex(file.bytes) { return false }
        for file in try inputs.hostRules() where previousFiles[file.path] != ContentHash.hex(file.bytes) { return false }
        let publishedAssets = assets.paths
        for path in previousFiles.keys where !PublicAssets.isGenerated(path) && !publishedAssets.contains(path) {
            return false  // an asset was removed from Public/
        }
        // Verified moments ago by `build`, which holds the output lock.
        guard let manifest = try ManifestBatchReader.open(site: site, verified: true), manifest.sharedKey == sharedKey else { return false }
        struct Differs: Error {}
        var parts = ReferenceDigests.PartCache()
        do {
            try inputs.store.forEachBatchChunk(chunkSize: 4096, selecting: { header in
                guard let entry = manifest.next(), entry.id == header.id, entry.folder == InputKeys.folder(of: header),
                    entry.inputKey == InputKeys.batch(
                        shared: inputs.batchKey, header: header, references: inputs.references.part(gtin: header.gtin, recorded: entry, cache: &parts))
                else { return true }  // read this one in full: the chunk body stops the scan
                return false
            }) { chunk in
                if !chunk.records.isEmpty || !chunk.problems.isEmpty { throw Differs() }
            }
        } catch is Differs {
            return false
        }
        return manifest.peek == nil
    }
}

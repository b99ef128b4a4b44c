import TraceModel
import TracePublish
import TraceStore
import TraceView

/// `tracepress merge`: joins the outputs of `build --shard K/N` runs into one site, identical to
/// what a single `build` would publish.
///
/// Batch folders are hard-linked from the shards (no re-render); the shards' manifests are
/// merged in id order; listings, sitemaps and site files are rendered from the store as `build`
/// renders them. Shards built from other inputs, or a missing shard, are refused.
public struct SiteMerger: Sendable {
    public let options: BuildOptions
    /// Output folders of the shard builds.
    public let shardPaths: [String]

    public init(options: BuildOptions, shardPaths: [String]) {
        self.options = options
        self.shardPaths = shardPaths
    }

    /// - Parameter warn: Called with messages worth a human's attention (broken links).
    public func merge(warn: (String) -> Void = { _ in }) throws -> BuildReport {
        try options.checkFolders()
        let output = BuildOptions.absolute(options.outputPath)
        for shard in shardPaths where BuildOptions.isInside(BuildOptions.absolute(shard), output) {
            throw BuildError.overlappingFolders(
                "the shard output '\(shard)' is inside the output folder '\(options.outputPath)', which the merge replaces whole; "
                    + "merge into a folder of its own")
        }
        let lock = try BuildLock(forOutput: options.outputPath)
        defer { withExtendedLifetime(lock) {} }
        let inputs = try BuildInputs(options: options)
        var shards: [(path: String, reader: ManifestBatchReader)] = []
        for path in shardPaths {
            guard let reader = try ManifestBatchReader.open(site: path) else {
                throw BuildError.badOption("'\(path)' is not the output of a tracepress build (no manifest)")
            }
            guard reader.sharedKey == inputs.sharedKey else {
                throw BuildError.badOption(
                    "shard '\(path)' was built from other inputs (store, templates, Public/ or options); build it again")
            }
            shards.append((path, reader))
        }
        let previousBatches = try? ManifestBatchReader.open(site: options.outputPath)
        let previousFiles = (try? ManifestFiles.load(site: options.outputPath)) ?? [:]
        let previousListings = try? ListingManifest.open(site: options.outputPath)

        let staging = try SiteStaging(publishingTo: options.outputPath)
        do {
            let base = inputs.site.baseURL
            let changes = try ChangeLog(staging: staging, baseURL: base)
            // Staging starts empty: every listing page is rendered, and files compared by hash
            // only to say which URLs changed.
            let sink = try SiteFileSink(
                staging: staging, previous: previousFiles, previousListings: previousListings, keepsUnchangedListings: false,
                changes: changes)
            let sitemap = SitemapBuilder(sink: sink, baseURL: base)
            let pages = try inputs.publishSharedFiles(into: sink, sitemap: sitemap)
            let manifest = try ManifestWriter.batches(
                in: staging, sharedKey: inputs.sharedKey, storeFingerprint: try inputs.store.batchFingerprint())
            var merged = 0
            var lastID = Int64.min
            while let next = shards.indices.filter({ shards[$0].reader.peek != nil }).min(by: {
                shards[$0].reader.peek!.id < shards[$1].reader.peek!.id
            }) {
                let entry = shards[next].reader.next()!
                guard entry.id != lastID else { throw BuildError.badOption("batch \(entry.id) is in two shards; were they built with the same N?") }
                lastID = entry.id
                try staging.linkFolder(try SitePath(entry.folder), fromSite: shards[next].path)
                try manifest.append(entry)
                try sitemap.addBatch(folder: entry.folder)
                while let old = previousBatches?.peek, old.id < entry.id { _ = previousBatches?.next() }
                let old = previousBatches?.peek?.id == entry.id ? previousBatches?.next() : nil
                for file in entry.files where old?.folder != entry.folder || old?.hash(of: file.name) != file.hash {
                    try changes.changed("\(entry.folder)/\(file.name)")
                }
                merged += 1
            }
            let expected = try inputs.store.batchCount()
            guard merged == expected else {
                throw BuildError.badOption("the shards hold \(merged) of the store's \(expected) batches; is a shard missing?")
            }
            try manifest.finish()
            try sitemap.finish()
            try inputs.publishSiteFiles(into: sink)
            try sink.writeManifest()
            try changes.finish()
            try inputs.checkLinks(ofSiteIn: staging.stagingPath, strict: options.strictLinks, warn: warn)
            try inputs.integrity.require(recordingIn: staging)
            try staging.commit()
            return BuildReport(
                rendered: 0, unchanged: merged, removed: 0, productPages: pages.productPages, sitePages: pages.sitePages,
                omissions: inputs.omissions, changedFiles: changes.count,
                outputPath: staging.outputPath, baseURL: base)
        } catch {
            staging.discard()
            throw inputs.integrity.adding(to: error)
        }
    }
}

import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

/// Everything a build reads before it renders: the store (checked), templates, assets, and the
/// key of the inputs all pages share. `build` and `merge` load it the same way.
struct BuildInputs {
    /// The connection this build's pages read through (see `reading(through:)`).
    private(set) var store: TraceStore
    let templates: TemplateSet
    let assets: PublicAssets
    let site: SiteContext
    let sharedKey: String
    /// `sharedKey` with, of the templates, only the template's own files (itself and its
    /// partials), of the strings, only those its pages read, and none of the products and sites:
    /// what batch and listing pages are drawn from, by template (`InputKeys`), each page adding
    /// the products and sites it shows (`references`); other pages use `sharedKey`.
    let templateKeys: [String: String]
    /// What batch folders are drawn from, but for their own product and sites (`references`).
    var batchKey: String { templateKeys["batch"] ?? sharedKey }
    /// The products and sites hashed one by one, for batch and listing keys.
    let references: ReferenceDigests
    /// What pages leave out instead of showing broken (see `ReferenceData.omissions`).
    let omissions: [String]
    /// Render threads.
    let jobs: Int
    /// At most `jobs` threads drawing pages at once, batch pages and listings together.
    let drawingSlots: DrawingSlots
    /// Cross-row checks of the store, running while the build renders; wait for them before publishing.
    let integrity: IntegrityCheck

    /// - Parameter checkingIntegrity: Whether to start the store's cross-row checks; false for
    ///   what reads the inputs without publishing (`IntegrityCheck.skipped`).
    init(options: BuildOptions, checkingIntegrity: Bool = true) throws {
        guard options.pngScale >= 1 && options.pngScale <= 64 else { throw BuildError.badOption("--qr-png-scale must be 1 to 64") }
        guard options.chunkSize >= 1 else { throw BuildError.badOption("--chunk-size must be at least 1") }
        guard options.jobs >= 1 else { throw BuildError.badOption("--jobs must be at least 1") }
        jobs = options.jobs
        drawingSlots = DrawingSlots(options.jobs)
        store = try TraceStore(path: options.storePath, mode: .readOnly)
        templates = try TemplateSet(folder: options.templatesPath)
        let strings = try UIStrings(folder: options.templatesPath)
        integrity = checkingIntegrity
            ? IntegrityCheck(storePath: options.storePath, cleanAt: options.full ? nil : CheckedTables.load(site: options.outputPath))
            : .skipped
        let (reference, referenceProblems) = try store.loadReference()
        let problems = referenceProblems + reference.problems()
        guard problems.isEmpty else { throw integrity.adding(to: BuildError.inconsistentStore(problems)) }
        let base = try BaseURL.validated(try options.baseURL ?? store.info("base_url") ?? { throw BuildError.noBaseURL }())
        assets = try PublicAssets(folder: options.publicPath)
        let publicFiles = assets.paths
        site = SiteContext(baseURL: base, reference: reference, strings: strings, assets: assets.renamed, publicFiles: publicFiles)
        omissions = reference.omissions(publicFiles: publicFiles)
        let generation = try store.info("generation") ?? ""
        let common = InputKeys.common(options: options, baseURL: base, reference: reference, assets: assets.renamed, generation: generation)
        references = ReferenceDigests(reference)
        sharedKey = InputKeys.shared(templates: templates, data: InputKeys.data(common: common, references: references))
        // Batch and listing pages, some 220,000 of 100,000 batches (the others are a few pages
        // each), are keyed by their own template's files and the strings they read (those of
        // the template and those their code reads), and each by the products and sites it shows.
        let stringsReadByCode = [
            "batch": BatchPage.stringKeysReadByCode, "product": ProductPage.stringKeysReadByCode, "site": SitePage.stringKeysReadByCode,
        ]
        var templateKeys: [String: String] = [:]
        let loaded = templates  // not `self.templates`: self is not whole until the keys are in
        for (name, codeKeys) in stringsReadByCode where loaded.names.contains(name) {
            let stringKeys = loaded.stringKeys(of: name).map { $0.union(codeKeys) }
            templateKeys[name] = InputKeys.shared(
                templates: loaded, only: Set(loaded.files(of: name)), strings: stringKeys.map(strings.digest(of:)), data: common)
        }
        self.templateKeys = templateKeys
    }

    /// The same inputs, reading the store through another connection: a thread that reads
    /// beside another needs its own (SQLite reads one statement at a time per connection, and
    /// the batch pass holds its connection for the whole pass).
    func reading(through connection: TraceStore) -> BuildInputs {
        var inputs = self
        inputs.store = connection
        return inputs
    }

    /// Listings, origin pages, feeds and assets: everything but the batch folders.
    ///
    /// - Returns: The number of product listing pages and of site pages.
    ///
    /// - Parameter pagesDone: Called as listing pages are done, with the count so far; throwing
    ///   stops the listings (a build that failed elsewhere).
    func publishSharedFiles(
        into sink: SiteFileSink, sitemap: SitemapBuilder, pagesDone: (Int) throws -> Void = { _ in }
    ) throws -> (productPages: Int, sitePages: Int) {
        for file in assets.files { try sink.put(file.bytes, at: file.path) }
        let productPages = try publishListings(into: sink, sitemap: sitemap, pagesDone: pagesDone)
        let sitePages = try publishOriginPages(into: sink, sitemap: sitemap) { try pagesDone(productPages + $0) }
        return (productPages, sitePages)
    }

    /// The host rule files, `_redirects` and `_nginx.conf`: they hold withdrawn lots (from the
    /// store, which no batch revision covers) besides what the products and assets give.
    func hostRules() throws -> [(path: String, bytes: [UInt8])] {
        var withdrawn: [String] = []
        try store.forEachWithdrawnLot { withdrawn.append($0) }
        let products = site.reference.productsInOrder
        return [
            ("_redirects", SiteFiles.redirects(products: products, withdrawn: withdrawn)),
            (
                NginxConfig.fileName,
                NginxConfig.serverInclude(products: products, withdrawn: withdrawn, fingerprinted: assets.renamed.values.sorted())
            ),
        ]
    }

    /// What to tell the user about the host rules: more dynamic rules in `_redirects` than
    /// Cloudflare Pages applies (the serial rule and one per short form of a GTIN with leading
    /// zeros; it ignores the 404 and 410 lines anyway), or nil.
    func hostRulesNote() -> String? {
        let count = SiteFiles.dynamicRuleCount(products: site.reference.productsInOrder)
        guard count > SiteFiles.cloudflareDynamicRuleLimit else { return nil }
        return "_redirects has \(count) rules with * or :name (one for unit serials, one per GTIN-13, -12 or -8 form); "
            + "Cloudflare Pages applies at most \(SiteFiles.cloudflareDynamicRuleLimit) of them. Netlify and _nginx.conf have no such limit."
    }

    /// Follows the links of a sample of the pages of the site in `root` (`LinkCheckStep`): each broken
    /// one is a warning, or with `strict` an error that publishes nothing.
    func checkLinks(ofSiteIn root: String, strict: Bool, warn: (String) -> Void) throws {
        var batchFolders: [String] = []
        for product in site.reference.productsInOrder {
            if let lot = try store.firstLot(of: product.gtin) { batchFolders.append("01/\(product.gtin.digits)/10/\(lot)") }
        }
        let findings = LinkCheckStep(
            root: root, baseURL: site.baseURL, renamedAssets: assets.renamed, assetPaths: assets.paths, batchFolders: batchFolders
        ).run()
        guard !findings.isEmpty else { return }
        if strict { throw BuildError.brokenLinks(findings.map(\.description)) }
        for finding in findings { warn("broken link: \(finding)") }
    }

    /// robots, cache rules, host rules and the resolver description.
    func publishSiteFiles(into sink: SiteFileSink) throws {
        let fingerprinted = assets.renamed.values.sorted()
        try sink.put(SiteFiles.robots(baseURL: site.baseURL), at: "robots.txt")
        try sink.put(SiteFiles.headersFile(fingerprinted: fingerprinted), at: "_headers")
        try sink.put(SiteFiles.cacheControlJSON(fingerprinted: fingerprinted), at: "cache-control.json")
        for file in try hostRules() { try sink.put(file.bytes, at: file.path) }
        try sink.put(SiteFiles.resolverDescription(in: site), at: ".well-known/gs1resolver")
    }
}

/// A stable slice of the batches, `index` of `count` (1-based), chosen by a hash of GTIN and lot
/// that is the same on every machine and run (FNV-1a; Swift's `Hasher` is seeded per process).
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// Parses `K/N`.
    public init(parsing text: String) throws(BuildError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw .badOption("--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/4; not '\(text)'")
        }
        self.index = index
        self.count = count
    }

    /// Whether the batch at `gtin`/`lot` belongs to this shard.
    public func contains(gtin: String, lot: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in gtin.utf8 + [0x2F] + lot.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) == index - 1
    }
}

import TracePublish
import TraceView

/// Writes the site's non-batch files (listings, assets, feeds) into the staging site, only when
/// their content changed, and records them: listing pages in `listings.tsv`, a listing at a time
/// (`ListingFiles`), the rest (a few hundred files whatever the number of batches) in `files.tsv`.
final class SiteFileSink {
    private let staging: SiteStaging
    private let previous: [String: String]
    private let previousListings: ListingManifest?
    /// Whether listing pages the previous build rendered from the same key are kept without
    /// rendering them; false when staging does not start from the previous site's files.
    private let keepsUnchangedListings: Bool
    private let changes: ChangeLog
    /// Path → hash of every file written or kept this build, but listing pages.
    private var current: [String: String] = [:]
    private let listingsManifest: ManifestWriter
    private var listingsPublished: Set<String> = []

    /// - Parameters:
    ///   - previous: `files.tsv` of the site staging starts from (or the published site whose
    ///     files are compared by hash).
    ///   - previousListings: Its `listings.tsv`.
    ///   - keepsUnchangedListings: Staging holds the previous site's files, so a listing page
    ///     rendered from the same key can be kept without rendering it.
    init(
        staging: SiteStaging, previous: [String: String], previousListings: ListingManifest?, keepsUnchangedListings: Bool,
        changes: ChangeLog
    ) throws {
        self.staging = staging
        self.previous = previous
        self.previousListings = previousListings
        self.keepsUnchangedListings = keepsUnchangedListings
        self.changes = changes
        listingsManifest = try ManifestWriter.listings(in: staging)
    }

    func put(_ bytes: [UInt8], at path: String) throws {
        let sitePath = try SitePath(path)
        let (hash, written) = try staging.write(bytes, to: sitePath, unlessHashIs: previous[path])
        current[path] = hash
        if written { try changes.changed(path) }
    }

    /// Starts publishing a listing's pages; each listing once, its pages in order.
    func listing(_ name: String) -> ListingFiles {
        listingsPublished.insert(name)
        return ListingFiles(
            name: name, previous: previousListings?.section(name), keepsUnchanged: keepsUnchangedListings, sink: self,
            manifest: listingsManifest)
    }

    /// Writes a listing page (recorded by its `ListingFiles`).
    func write(listingPage bytes: [UInt8], at path: String, previousHash: String?) throws -> String {
        let (hash, written) = try staging.write(bytes, to: try SitePath(path), unlessHashIs: previousHash)
        if written { try changes.changed(path) }
        return hash
    }

    /// Removes a file the previous build published and this one does not.
    func removeStale(_ path: String) throws {
        staging.remove(try SitePath(path))
        try changes.changed(path)
    }

    /// Removes files the previous build wrote that this one did not: plain files, and every
    /// page of a listing that is gone (a product or site no longer in the store).
    func removeStale() throws {
        for path in previous.keys.sorted() where current[path] == nil { try removeStale(path) }
        for listing in previousListings?.listings ?? [] where !listingsPublished.contains(listing) {
            let section = previousListings!.section(listing)
            while let entry = section.next() { try removeStale(entry.path) }
        }
    }

    /// Writes `files.tsv` and `listings.tsv`.
    func writeManifest() throws {
        let writer = try ManifestWriter.files(in: staging)
        for (path, hash) in current.sorted(by: { $0.key < $1.key }) { try writer.append(path: path, hash: hash) }
        try writer.finish()
        try listingsManifest.finish()
    }
}

/// Collects the absolute URLs whose content changed, for a CDN purge, and (in an incremental
/// build) the paths themselves, so the next build can bring the spare site level cheaply.
final class ChangeLog {
    private let writer: ManifestWriter
    private let paths: ManifestWriter?
    private let baseURL: String
    private(set) var count = 0

    /// - Parameter previousSite: `Manifest.identity(ofSite:)` of the site this build replaces,
    ///   when the build starts from it (incremental); nil for a full render.
    init(staging: SiteStaging, baseURL: String, previousSite: String? = nil) throws {
        writer = try ManifestWriter.changedURLs(in: staging)
        paths = try previousSite.map { try ManifestWriter.changedPaths(in: staging, over: $0) }
        self.baseURL = baseURL
    }

    /// Records a changed file; an `index.html` is purged under its folder URL too, and a batch's
    /// folder also without its slash (the URL its QR code encodes).
    func changed(_ path: String) throws {
        count += 1
        try paths?.append(line: path)
        guard let slash = path.lastIndex(of: "/") else { return try recordURLs(folder: "", file: path[...]) }
        try recordURLs(folder: path[..<slash], file: path[path.index(after: slash)...])
    }

    /// `changed("\(folder)/\(file)")` for a file of a batch, without making the path unless the
    /// build records paths (an incremental build): six a batch in a full build.
    func changed(folder: String, file: String) throws {
        count += 1
        if let paths { try paths.append(line: "\(folder)/\(file)") }
        try recordURLs(folder: folder[...], file: file[...])
    }

    /// The purge lines of `file` inside `folder` (empty at the top of the site), written from
    /// their parts.
    private func recordURLs(folder: Substring, file: Substring) throws {
        let slash: Substring = folder.isEmpty ? "" : "/"
        if file == "index.html" || file.hasSuffix("/index.html") {
            let page = file.dropLast("index.html".count)  // "" or a subfolder such as "en/"
            try writer.append(base: baseURL, slash: folder, slash, page)
            // And without its slash: the batch's own URL, or its `en` page's.
            if Self.isBatchFolder(folder) {
                try writer.append(base: baseURL, slash: folder, page.isEmpty ? "" : "/", page.dropLast())
            }
        }
        try writer.append(base: baseURL, slash: folder, slash, file)
    }

    /// Whether `folder` is a batch's, `01/<GTIN-14>/10/<lot>/`, and not a product's
    /// (`01/<GTIN-14>/`). Read as bytes at fixed places: `String.contains` went through the
    /// string-processing library's generic search, 1% of a full build's samples.
    static func isBatchFolder(_ folder: Substring) -> Bool {
        let bytes = folder.utf8
        return bytes.starts(with: "01/".utf8) && bytes.dropFirst(3 + 14).starts(with: "/10/".utf8)
    }

    func finish() throws {
        try writer.finish()
        try paths?.finish()
    }
}

/// Streams page URLs into `sitemap.xml`, splitting into `sitemap-N.xml` parts under a sitemap
/// index past 50,000 URLs; at most one part is in memory, as bytes.
final class SitemapBuilder {
    private let sink: SiteFileSink
    private let baseURL: String
    private var pending = SitemapDocument()
    private var partsWritten = 0
    private let enabled: Bool

    init(sink: SiteFileSink, baseURL: String, enabled: Bool = true) {
        self.sink = sink
        self.baseURL = baseURL
        self.enabled = enabled
    }

    /// Adds a page's URL (absolute).
    func add(_ url: String) throws {
        guard enabled else { return }
        try makeRoom()
        pending.add(url)
    }

    /// A batch's pages, one per language.
    func addBatch(folder: String) throws {
        guard enabled else { return }
        for language in Language.allCases {
            try makeRoom()
            pending.add(baseURL, "/", folder, "/", language.folder)
        }
    }

    private func makeRoom() throws {
        guard pending.count == SiteFiles.urlsPerSitemap else { return }
        partsWritten += 1
        try sink.put(pending.take(), at: "sitemap-\(partsWritten).xml")
    }

    func finish() throws {
        if partsWritten == 0 {
            try sink.put(pending.take(), at: "sitemap.xml")
            return
        }
        partsWritten += 1
        try sink.put(pending.take(), at: "sitemap-\(partsWritten).xml")
        try sink.put(SiteFiles.sitemapIndex(baseURL: baseURL, parts: partsWritten), at: "sitemap.xml")
    }
}

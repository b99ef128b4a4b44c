import TracePublish
import TraceView

/// Writes the site's non-batch files (listings, assets, feeds) into the staging site, only when
/// their content changed, and remembers every path for `files.tsv` and `changed-urls.txt`.
final class SiteFileSink {
    private let staging: SiteStaging
    private let previous: [String: String]
    private let previousKeys: [String: String]
    private let changes: ChangeLog
    /// Path → hash of every file written or kept this build.
    private(set) var current: [String: String] = [:]
    /// Path → render key of the listing pages written or kept this build.
    private var currentKeys: [String: String] = [:]

    init(staging: SiteStaging, previous: [String: String], previousKeys: [String: String] = [:], changes: ChangeLog) {
        self.staging = staging
        self.previous = previous
        self.previousKeys = previousKeys
        self.changes = changes
    }

    /// Puts a page rendered from inputs summed up by `key`, and skips rendering it when the
    /// previous build published this path from the same key (its file is already in staging).
    /// Listing pages of a large site are thousands: most do not change when one batch does.
    func put(at path: String, key: String, render: () throws -> [UInt8]) throws {
        if keepIfUnchanged(at: path, key: key) { return }
        try put(try render(), at: path, key: key)
    }

    /// Keeps the previous build's file when it was rendered from the same key; false when the
    /// page must be rendered and `put(_:at:key:)`.
    func keepIfUnchanged(at path: String, key: String) -> Bool {
        guard let hash = previous[path], previousKeys[path] == key else { return false }
        currentKeys[path] = key
        current[path] = hash
        return true
    }

    /// Puts a page rendered from inputs summed up by `key`.
    func put(_ bytes: [UInt8], at path: String, key: String) throws {
        currentKeys[path] = key
        try put(bytes, at: path)
    }

    func put(_ bytes: [UInt8], at path: String) throws {
        let sitePath = try SitePath(path)
        let (hash, written) = try staging.write(bytes, to: sitePath, unlessHashIs: previous[path])
        current[path] = hash
        if written { try changes.changed(path) }
    }

    /// Removes files the previous build wrote that this one did not.
    func removeStale() throws {
        for path in previous.keys.sorted() where current[path] == nil {
            staging.remove(try SitePath(path))
            try changes.changed(path)
        }
    }

    /// Writes `files.tsv`.
    func writeManifest() throws {
        let writer = try ManifestWriter.files(in: staging)
        for (path, hash) in current.sorted(by: { $0.key < $1.key }) { try writer.append(path: path, hash: hash, key: currentKeys[path]) }
        try writer.finish()
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

    /// Records a changed file; an `index.html` is purged under its folder URL too.
    func changed(_ path: String) throws {
        count += 1
        try paths?.append(line: path)
        if path == "index.html" {
            try writer.append(line: baseURL + "/")
        } else if path.hasSuffix("/index.html") {
            let folder = String(path.dropLast("index.html".count))
            try writer.append(line: "\(baseURL)/\(folder)")
            if folder.hasPrefix("01/") && folder.contains("/10/") { try writer.append(line: "\(baseURL)/\(folder.dropLast())") }
        }
        try writer.append(line: "\(baseURL)/\(path)")
    }

    func finish() throws {
        try writer.finish()
        try paths?.finish()
    }
}

/// Streams page URLs into `sitemap.xml`, splitting into `sitemap-N.xml` parts under a sitemap
/// index past 50,000 URLs; at most one part is in memory.
final class SitemapBuilder {
    private let sink: SiteFileSink
    private let baseURL: String
    private var pending: [String] = []
    private var partsWritten = 0
    private let enabled: Bool

    init(sink: SiteFileSink, baseURL: String, enabled: Bool = true) {
        self.sink = sink
        self.baseURL = baseURL
        self.enabled = enabled
    }

    func add(_ url: String) throws {
        guard enabled else { return }
        if pending.count == SiteFiles.urlsPerSitemap {
            partsWritten += 1
            try sink.put(SiteFiles.sitemap(urls: pending), at: "sitemap-\(partsWritten).xml")
            pending.removeAll(keepingCapacity: true)
        }
        pending.append(url)
    }

    /// A batch's pages, one per language.
    func addBatch(folder: String) throws {
        for language in Language.allCases { try add("\(baseURL)/\(folder)/" + language.folder) }
    }

    func finish() throws {
        if partsWritten == 0 {
            try sink.put(SiteFiles.sitemap(urls: pending), at: "sitemap.xml")
            return
        }
        partsWritten += 1
        try sink.put(SiteFiles.sitemap(urls: pending), at: "sitemap-\(partsWritten).xml")
        try sink.put(SiteFiles.sitemapIndex(baseURL: baseURL, parts: partsWritten), at: "sitemap.xml")
    }
}

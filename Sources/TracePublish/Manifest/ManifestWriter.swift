/// Writes a manifest file line by line into the staging site, with the closing checksum, in
/// pieces of about 1 MiB so its size never shows in memory.
public final class ManifestWriter {
    private let checksummed: Bool
    private var lines: [UInt8] = []
    private var hash = RunningHash()
    private let path: SitePath
    private let staging: SiteStaging
    private var pendingBytes = 0
    private var descriptorPath: String { staging.stagingPath + "/" + path.relative }

    init(staging: SiteStaging, path: SitePath, header: String?, checksummed: Bool = true) throws(PublishError) {
        self.staging = staging
        self.path = path
        self.checksummed = checksummed
        try staging.makeFolder(SitePath(Manifest.folder))
        FileOutput.unlink(descriptorPath)
        if let header { try append(header) }
    }

    /// A writer for `changed-urls.txt`: one absolute URL per line, no header or checksum.
    public static func changedURLs(in staging: SiteStaging) throws(PublishError) -> ManifestWriter {
        try ManifestWriter(staging: staging, path: SitePath(Manifest.changedURLsFile), header: nil, checksummed: false)
    }

    /// A writer for `changed-paths.tsv`: the site-relative paths a build changed, over the
    /// site whose identity is `base` (`Manifest.identity(ofSite:)`).
    public static func changedPaths(in staging: SiteStaging, over base: String) throws(PublishError) -> ManifestWriter {
        try ManifestWriter(staging: staging, path: SitePath(Manifest.changedPathsFile), header: Manifest.changedPathsHeader + "\t" + base)
    }

    /// Adds one plain line (changed URLs).
    public func append(line: String) throws(PublishError) { try append(line) }

    /// Adds the line `base/path` (a changed URL) without making it a string first: a full build
    /// records two or three for each of a batch's files.
    /// `second` and `third` follow `path` as they are (a file inside a folder).
    public func append(base: String, slash path: Substring, _ second: Substring = "", _ third: Substring = "") throws(PublishError) {
        if checksummed { hash.add(base + "/" + path + second + third) }
        lines.append(contentsOf: base.utf8)
        lines.append(UInt8(ascii: "/"))
        lines.append(contentsOf: path.utf8)
        lines.append(contentsOf: second.utf8)
        lines.append(contentsOf: third.utf8)
        lines.append(0x0A)
        if lines.count > 1 << 20 { try flush() }
    }

    /// A writer for `batches.tsv`, headed by the shared input key and the store's batch fingerprint.
    public static func batches(in staging: SiteStaging, sharedKey: String, storeFingerprint: String) throws(PublishError) -> ManifestWriter {
        try ManifestWriter(
            staging: staging, path: SitePath(Manifest.batchesFile),
            header: Manifest.batchesHeader + "\t" + sharedKey + "\t" + storeFingerprint)
    }

    /// A writer for `files.tsv`.
    public static func files(in staging: SiteStaging) throws(PublishError) -> ManifestWriter {
        try ManifestWriter(staging: staging, path: SitePath(Manifest.filesFile), header: Manifest.filesHeader)
    }

    /// A writer for `listings.tsv`.
    public static func listings(in staging: SiteStaging) throws(PublishError) -> ManifestWriter {
        try ManifestWriter(staging: staging, path: SitePath(Manifest.listingsFile), header: Manifest.listingsHeader)
    }

    /// Adds a listing page; callers add a listing's pages together, in page order.
    public func append(_ entry: ListingPageEntry) throws(PublishError) { try append(entry.line) }

    /// Adds a batch line; callers add them in id order.
    public func append(_ entry: ManifestBatchEntry) throws(PublishError) { try append(entry.line) }

    /// Adds a `path → hash` line; callers add them in path order.
    public func append(path: String, hash: String) throws(PublishError) {
        try append(path + "\t" + hash)
    }

    private func append(_ line: String) throws(PublishError) {
        if checksummed { hash.add(line) }
        lines.append(contentsOf: line.utf8)
        lines.append(0x0A)
        if lines.count > 1 << 20 { try flush() }
    }

    private func flush() throws(PublishError) {
        let bytes = lines
        lines.removeAll(keepingCapacity: true)
        var failure: PublishError?
        bytes.withUnsafeBytes { raw in
            do { try FileOutput.append(raw, to: descriptorPath) } catch {
                failure = error as? PublishError ?? .io(path: descriptorPath, doing: "write", reason: "\(error)")
            }
        }
        if let failure { throw failure }
    }

    /// Writes the checksum line and the rest of the file.
    public func finish() throws(PublishError) {
        if checksummed {
            let checksum = "checksum\t" + hash.hex
            lines.append(contentsOf: checksum.utf8)
            lines.append(0x0A)
        }
        try flush()
    }
}

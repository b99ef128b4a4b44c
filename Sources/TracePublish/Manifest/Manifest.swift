import Foundation
import Glibc

/// The record a build leaves in `<out>/.tracepress/`, which the next build reads to render only
/// what changed:
///
/// - `batches.tsv`: one line per batch in id order (`ManifestBatchEntry`), headed by the key of
///   the inputs every page shares (templates, options, reference data) and the store's batch
///   fingerprint;
/// - `listings.tsv`: every listing page (a product's or a site's paginated batches), one section
///   per listing in page order (`ListingManifest`), read a listing at a time;
/// - `files.tsv`: every other file (`path → ContentHash`): home, assets, feeds, sitemaps; a few
///   hundred lines whatever the number of batches;
/// - `checked-tables.tsv`: the store's table change tokens at the build's cross-row check
///   (`CheckedTables`).
///
/// Each file ends with a `checksum` line over everything before it; a file that was cut short
/// or edited by hand fails the check and the next build renders everything it covered.
public enum Manifest {
    /// Folder inside the site.
    public static let folder = ".tracepress"
    public static let batchesFile = ".tracepress/batches.tsv"
    public static let filesFile = ".tracepress/files.tsv"
    public static let listingsFile = ".tracepress/listings.tsv"
    public static let checkedTablesFile = ".tracepress/checked-tables.tsv"
    public static let changedURLsFile = ".tracepress/changed-urls.txt"
    /// Paths an incremental build changed, headed by the identity of the site it replaced.
    public static let changedPathsFile = ".tracepress/changed-paths.tsv"
    static let changedPathsHeader = "tracepress-changed-paths\t1"
    /// Format 2: 128-bit hashes (format 1 had 256-bit ones). Format 3: XXH3 file hashes
    /// (`ContentHash`), so a site written with SHA-256 ones is rendered whole once. Format 4:
    /// the sites each batch's rows name (`ManifestBatchEntry.sites`), for its key.
    static let batchesHeader = "tracepress-batches\t4"
    /// Format 3: listing pages moved to `listings.tsv`. Format 4: XXH3 file hashes.
    static let filesHeader = "tracepress-files\t4"
    /// Format 2: XXH3 file hashes.
    static let listingsHeader = "tracepress-listings\t2"

    /// Throws unless a manifest file is complete, unedited and of this format.
    ///
    /// - Parameter eachLine: Called with every line after the header and where it starts in
    ///   the file, so a caller can index the file in the same pass.
    static func verify(_ path: String, header: String, eachLine: (String, Int) -> Void = { _, _ in }) throws(ManifestError) {
        guard let reader = LineReader(path: path), let first = reader.next() else { throw .corrupted(path) }
        guard first.hasPrefix(header) else {
            let kind = header.prefix { $0 != "\t" }
            throw first.hasPrefix(kind + "\t") ? .otherFormat(path) : .corrupted(path)
        }
        guard isIntact(reader, first: first, eachLine: eachLine) else { throw .corrupted(path) }
    }

    /// What identifies a site's content: the checksum lines of its manifests, read from their
    /// ends. Nil when any is missing.
    public static func identity(ofSite site: String) -> String? {
        var parts: [Substring] = []
        for file in [batchesFile, filesFile, listingsFile] {
            guard let last = lastLine(of: site + "/" + file), last.hasPrefix("checksum\t") else { return nil }
            parts.append(last.dropFirst("checksum\t".count))
        }
        return parts.joined(separator: "+")
    }

    /// The last line of a file (checksum lines are short), read from its end.
    private static func lastLine(of path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        let length = Int(min(size, 256))
        var bytes = [UInt8](repeating: 0, count: length)
        guard pread(descriptor, &bytes, length, size - off_t(length)) == length else { return nil }
        if bytes.last == 0x0A { bytes.removeLast() }
        let start = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    private static func isIntact(_ reader: LineReader, first: String, eachLine: (String, Int) -> Void) -> Bool {
        var hash = RunningHash()
        hash.add(first)
        var start = reader.offset
        while let line = reader.next() {
            if line.hasPrefix("checksum\t") { return line.dropFirst("checksum\t".count) == hash.hex && reader.next() == nil }
            hash.add(line)
            eachLine(line, start)
            start = reader.offset
        }
        return false
    }
}

/// Reads a previous build's `batches.tsv` in id order.
public final class ManifestBatchReader {
    /// The shared input key the batches were rendered with.
    public let sharedKey: String
    /// `TraceStore.batchFingerprint()` when the batches were read.
    public let storeFingerprint: String
    private let reader: LineReader
    private var lookahead: ManifestBatchEntry?

    /// Opens and verifies the manifest of the site at `sitePath`.
    ///
    /// - Parameter verified: True when this process already verified this very file (the build
    ///   holds the output lock, so it cannot have changed): skips reading it twice.
    /// - Returns: nil when there is no manifest; throws when there is one that fails its checksum.
    public static func open(site sitePath: String, verified: Bool = false) throws(ManifestError) -> ManifestBatchReader? {
        let path = sitePath + "/" + Manifest.batchesFile
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if !verified { try Manifest.verify(path, header: Manifest.batchesHeader) }
        guard let reader = LineReader(path: path), let header = reader.next() else { throw .corrupted(path) }
        let fields = header.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 4 else { throw .corrupted(path) }
        return ManifestBatchReader(sharedKey: String(fields[2]), storeFingerprint: String(fields[3]), reader: reader)
    }

    private init(sharedKey: String, storeFingerprint: String, reader: LineReader) {
        self.sharedKey = sharedKey
        self.storeFingerprint = storeFingerprint
        self.reader = reader
        advance()
    }

    private func advance() {
        guard let line = reader.next(), !line.hasPrefix("checksum\t") else {
            lookahead = nil
            return
        }
        lookahead = ManifestBatchEntry(line: line)
    }

    /// The next entry without consuming it.
    public var peek: ManifestBatchEntry? { lookahead }

    /// Consumes and returns the next entry.
    public func next() -> ManifestBatchEntry? {
        defer { advance() }
        return lookahead
    }
}

/// Loads a previous build's `files.tsv` (small: home, assets, feeds, sitemaps).
public enum ManifestFiles {
    /// - Parameter verified: As for `ManifestBatchReader.open`.
    /// - Returns: path → hash; empty when there is none; throws when it fails its checksum.
    public static func load(site sitePath: String, verified: Bool = false) throws(ManifestError) -> [String: String] {
        let path = sitePath + "/" + Manifest.filesFile
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        if !verified { try Manifest.verify(path, header: Manifest.filesHeader) }
        guard let reader = LineReader(path: path) else { throw .corrupted(path) }
        _ = reader.next()
        var files: [String: String] = [:]
        while let line = reader.next(), !line.hasPrefix("checksum\t") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2 else { continue }
            files[String(fields[0])] = String(fields[1])
        }
        return files
    }
}

/// A manifest that cannot be trusted.
public enum ManifestError: Error, Equatable, CustomStringConvertible {
    case corrupted(String)
    /// Written by another version of TracePress, in another format.
    case otherFormat(String)

    public var description: String {
        switch self {
        case .corrupted(let path): "manifest '\(path)' is damaged or was edited (checksum mismatch)"
        case .otherFormat(let path): "manifest '\(path)' was written by another version of TracePress"
        }
    }
}

/// The paths an incremental build changed (written or removed), recorded in the site it
/// published together with the identity of the site it replaced. That replaced site becomes the
/// spare; the next build brings the spare level by relinking just these paths instead of
/// comparing both sites' manifests line by line.
enum ChangedPaths {
    /// The recorded paths, when the file is intact and was recorded over a site whose identity
    /// is `base`; nil otherwise (the caller then compares manifests).
    static func paths(inSite site: String, over base: String) -> LineReader? {
        let path = site + "/" + Manifest.changedPathsFile
        guard (try? Manifest.verify(path, header: Manifest.changedPathsHeader + "\t" + base)) != nil,
            let reader = LineReader(path: path)
        else { return nil }
        _ = reader.next()
        return reader
    }
}

import Foundation

/// One listing page as `listings.tsv` records it: which listing and page it belongs to, its
/// path and content hash, and the key of the inputs it was rendered from (equal keys, equal page).
public struct ListingPageEntry: Equatable, Sendable {
    /// The listing's first page folder, `01/{gtin}` or `sites/{code}`: names the section.
    public var listing: String
    public var page: Int
    public var path: String
    public var hash: String
    public var key: String

    public init(listing: String, page: Int, path: String, hash: String, key: String) {
        self.listing = listing
        self.page = page
        self.path = path
        self.hash = hash
        self.key = key
    }

    /// `listing page path hash key`, tab-separated.
    var line: String { "\(listing)\t\(page)\t\(path)\t\(hash)\t\(key)" }

    init?(line: String) {
        guard let (listing, page, rest) = Self.listingAndPage(of: line) else { return nil }
        let fields = rest.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        self.init(listing: String(listing), page: page, path: String(fields[0]), hash: String(fields[1]), key: String(fields[2]))
    }

    /// The first two fields of a line, and the rest after them: all that indexing a manifest needs.
    static func listingAndPage(of line: String) -> (listing: Substring, page: Int, rest: Substring)? {
        let utf8 = line.utf8
        guard let first = utf8.firstIndex(of: 0x09), let second = utf8[utf8.index(after: first)...].firstIndex(of: 0x09),
            let page = Int(line[line.index(after: first)..<second])
        else { return nil }
        return (line[..<first], page, line[line.index(after: second)...])
    }
}

/// A previous build's `listings.tsv`, indexed by listing: where each listing's section starts
/// and how many pages it has. A build reads one listing's section at a time, beside the pages
/// it draws, so listing pages (40,000 for 100,000 batches) are never all in memory; only this
/// index is, one line per product or site.
public final class ListingManifest {
    private let path: String
    private let sections: [String: (offset: Int, pages: Int)]

    /// Opens and indexes the listing manifest of the site at `sitePath`.
    ///
    /// - Parameter verified: As for `ManifestBatchReader.open`.
    /// - Returns: nil when there is none; throws when it fails its checksum or a line is not an entry.
    public static func open(site sitePath: String, verified: Bool = false) throws(ManifestError) -> ListingManifest? {
        let path = sitePath + "/" + Manifest.listingsFile
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var sections: [String: (offset: Int, pages: Int)] = [:]
        var damaged = false
        func index(_ line: String, at offset: Int) {
            guard let (listing, page, _) = ListingPageEntry.listingAndPage(of: line) else {
                damaged = true
                return
            }
            if let known = sections[String(listing)] {
                sections[String(listing)] = (known.offset, max(known.pages, page))
            } else {
                sections[String(listing)] = (offset, page)
            }
        }
        if verified {
            guard let reader = LineReader(path: path), reader.next() != nil else { throw .corrupted(path) }
            var start = reader.offset
            while let line = reader.next(), !line.hasPrefix("checksum\t") {
                index(line, at: start)
                start = reader.offset
            }
        } else {
            try Manifest.verify(path, header: Manifest.listingsHeader, eachLine: index)
        }
        guard !damaged else { throw .corrupted(path) }
        return ListingManifest(path: path, sections: sections)
    }

    private init(path: String, sections: [String: (offset: Int, pages: Int)]) {
        self.path = path
        self.sections = sections
    }

    /// Every listing recorded, in name order.
    public var listings: [String] { sections.keys.sorted() }

    /// Pages (per language) of the listings whose name starts with `prefix` (`01/`, `sites/`).
    public func pageCount(ofListingsUnder prefix: String) -> Int {
        sections.filter { $0.key.hasPrefix(prefix) }.reduce(0) { $0 + $1.value.pages }
    }

    /// Path → hash of every page, for comparing two sites whole (the spare's fallback, when
    /// the record of changed paths cannot be used); a build never calls this.
    func hashesByPath() -> [String: String] {
        var hashes: [String: String] = [:]
        for listing in sections.keys {
            let section = section(listing)
            while let entry = section.next() { hashes[entry.path] = entry.hash }
        }
        return hashes
    }

    /// A listing's entries in page order; empty when the listing is not recorded.
    public func section(_ listing: String) -> ListingSection {
        guard let offset = sections[listing]?.offset else { return ListingSection(listing: listing, reader: nil) }
        return ListingSection(listing: listing, reader: LineReader(path: path, offset: offset))
    }
}

/// The entries of one listing, read from a `ListingManifest` in page order.
public final class ListingSection {
    private let listing: String
    private let reader: LineReader?
    private var lookahead: ListingPageEntry?

    init(listing: String, reader: LineReader?) {
        self.listing = listing
        self.reader = reader
        advance()
    }

    private func advance() {
        guard let line = reader?.next(), let entry = ListingPageEntry(line: line), entry.listing == listing else {
            lookahead = nil
            return
        }
        lookahead = entry
    }

    /// The next entry without consuming it.
    public var peek: ListingPageEntry? { lookahead }

    /// Consumes and returns the next entry.
    public func next() -> ListingPageEntry? {
        defer { advance() }
        return lookahead
    }
}

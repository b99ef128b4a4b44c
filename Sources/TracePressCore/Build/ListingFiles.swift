import TracePublish

/// One listing's pages as a build publishes them, in page order, beside the previous build's
/// section of `listings.tsv` for the same listing (read in page order too). So a listing of a
/// million batches costs the memory of one page, not a dictionary of every page's path.
///
/// For each page file: `decide` (keep it, or render it), then in page order `keep` or `put`;
/// `finish` removes the pages the listing no longer has.
final class ListingFiles {
    /// What to do with one page file.
    enum Decision {
        /// The previous build rendered it from the same key, and its file is in staging.
        case keep(ListingPageEntry)
        /// Render it; write it unless its bytes hash to the previous build's.
        case render(previousHash: String?)
    }

    let name: String
    private let previous: ListingSection?
    private let keepsUnchanged: Bool
    private let sink: SiteFileSink
    private let manifest: ManifestWriter
    /// The page `decide` is at, and the previous build's files of that page, with whether this
    /// build has claimed each.
    private var page = 0
    private var previousOfPage: [(entry: ListingPageEntry, claimed: Bool)] = []

    init(name: String, previous: ListingSection?, keepsUnchanged: Bool, sink: SiteFileSink, manifest: ManifestWriter) {
        self.name = name
        self.previous = previous
        self.keepsUnchanged = keepsUnchanged
        self.sink = sink
        self.manifest = manifest
    }

    /// Decides about a page file rendered from inputs summed up by `key`. Pages in increasing
    /// order; previous files of the pages passed over are removed.
    func decide(page: Int, path: String, key: String) throws -> Decision {
        if page != self.page {
            try removeUnclaimed()
            self.page = page
            while let entry = previous?.peek, entry.page < page { try sink.removeStale(previous!.next()!.path) }
            while let entry = previous?.peek, entry.page == page { previousOfPage.append((previous!.next()!, false)) }
        }
        guard let index = previousOfPage.firstIndex(where: { $0.entry.path == path }) else { return .render(previousHash: nil) }
        previousOfPage[index].claimed = true
        let entry = previousOfPage[index].entry
        return keepsUnchanged && entry.key == key ? .keep(entry) : .render(previousHash: entry.hash)
    }

    /// Records a page file kept as the previous build published it.
    func keep(_ entry: ListingPageEntry) throws { try manifest.append(entry) }

    /// Writes (when its bytes changed) and records a rendered page file.
    func put(_ bytes: [UInt8], page: Int, path: String, key: String, previousHash: String?) throws {
        let hash = try sink.write(listingPage: bytes, at: path, previousHash: previousHash)
        try manifest.append(ListingPageEntry(listing: name, page: page, path: path, hash: hash, key: key))
    }

    /// Removes what the previous build published of this listing past its last page now.
    func finish() throws {
        try removeUnclaimed()
        while let entry = previous?.next() { try sink.removeStale(entry.path) }
    }

    private func removeUnclaimed() throws {
        for (entry, claimed) in previousOfPage where !claimed { try sink.removeStale(entry.path) }
        previousOfPage.removeAll(keepingCapacity: true)
    }
}

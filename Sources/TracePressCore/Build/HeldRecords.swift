import TracePublish

/// What the batch pass records in the sitemap and the change log, held back while the listing
/// pages (published beside the pass, `ListingPhase`) still use both, then recorded in the same
/// order: listing pages first, then the batches, as when the phases ran one after the other.
///
/// The pass never waits for the listings: a 100,000-batch build renders 10,000–20,000 batches
/// while they are drawn, and a million-batch build ten times as many. So the records are kept
/// compact (a folder and the names of the files written, about 100 bytes a batch, in one byte
/// buffer rather than three strings and an array each) and, past `inMemory` bytes, appended to
/// an unlinked scratch file: memory stays the same for a store of any size.
struct HeldRecords {
    private var listings: ListingPhase?
    private let inMemory: Int
    private let changes: ChangeLog
    private let sitemap: SitemapBuilder
    /// Records not yet in the file, each: the pages' folder, whether the files' folder differs
    /// (then that folder), the number of files written, their names; texts as a 16-bit length
    /// and UTF-8 bytes.
    private var buffer: [UInt8] = []
    private var file: ScratchFile?
    /// The size of each run of whole records in the file, in order.
    private var spilled: [Int] = []

    init(listings: ListingPhase?, inMemory: Int, changes: ChangeLog, sitemap: SitemapBuilder) {
        self.listings = listings
        self.inMemory = inMemory
        self.changes = changes
        self.sitemap = sitemap
    }

    /// Records the files a batch wrote (in the folder its manifest entry names) and the URLs of
    /// its pages (at `pagesOf`, its folder as stored), or holds them back.
    mutating func record(written: (folder: String, files: [String]), pagesOf folder: String) throws {
        guard listings != nil else { return try Self.record(written: written, pagesOf: folder, changes: changes, sitemap: sitemap) }
        append(folder)
        let differs = written.folder != folder
        buffer.append(differs ? 1 : 0)
        if differs { append(written.folder) }
        buffer.append(UInt8(written.files.count))  // a batch writes six files
        for name in written.files { append(name) }
        if buffer.count >= inMemory { try spill() }
    }

    /// Records what was held back once the listings are done (throwing what they threw).
    mutating func releaseIfListingsAreDone() throws {
        if let listings, listings.isFinished { try release() }
    }

    /// Waits for the listings (throwing what they threw) and records what was held back.
    mutating func release() throws {
        guard let listings else { return }
        _ = try listings.wait()
        self.listings = nil
        var offset = 0
        for size in spilled {
            var run = [UInt8](repeating: 0, count: size)
            try run.withUnsafeMutableBytes { try file!.read(into: $0, at: offset) }
            try replay(run)
            offset += size
        }
        try replay(buffer)
        (buffer, file, spilled) = ([], nil, [])
    }

    private mutating func append(_ text: String) {
        let count = text.utf8.count
        precondition(count <= Int(UInt16.max), "a site path longer than 65,535 bytes")  // SitePath allows 4,096
        buffer.append(UInt8(truncatingIfNeeded: count))
        buffer.append(UInt8(truncatingIfNeeded: count >> 8))
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func spill() throws {
        if file == nil { file = try ScratchFile() }
        try buffer.withUnsafeBytes { try file!.append($0) }
        spilled.append(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Records every batch held in `run`, in order.
    private func replay(_ run: [UInt8]) throws {
        var at = 0
        func text() -> String {
            let count = Int(run[at]) | Int(run[at + 1]) << 8
            defer { at += 2 + count }
            return String(decoding: run[(at + 2)..<(at + 2 + count)], as: UTF8.self)
        }
        while at < run.count {
            let folder = text()
            let differs = run[at] != 0
            at += 1
            let filesFolder = differs ? text() : folder
            let count = Int(run[at])
            at += 1
            var files: [String] = []
            for _ in 0..<count { files.append(text()) }
            try Self.record(written: (filesFolder, files), pagesOf: folder, changes: changes, sitemap: sitemap)
        }
    }

    private static func record(
        written: (folder: String, files: [String]), pagesOf folder: String, changes: ChangeLog, sitemap: SitemapBuilder
    ) throws {
        for file in written.files { try changes.changed(folder: written.folder, file: file) }
        try sitemap.addBatch(folder: folder)
    }
}

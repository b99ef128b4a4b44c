import Dispatch
import Synchronization
import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

extension BuildInputs {
    /// One paginated listing (a product's batches, a site's): how to read it and draw its pages.
    struct Listing {
        /// Streams `(id, revision)` of the listed batches, in display order, from the given
        /// connection to the store.
        let forEachBatch: @Sendable (TraceStore, (Int64, Int64) throws -> Void) throws -> Void
        let pageSize: Int
        /// The folder of page `n` in a language.
        let folder: (Int, Language) -> String
        let template: String
        /// What its pages read of the products and sites, hashed (`ReferenceDigests`).
        let references: String
        /// The page's view in both languages (`.localized` where they differ) from its batches,
        /// page number and page count.
        let view: @Sendable ([Batch], Int, Int) -> ViewObject
    }

    /// Publishes listings one after the other, each followed by `after` (a site's calendar).
    ///
    /// The ids of the next listings are read on other connections while this one's pages are
    /// checked and drawn: in a rebuild where little changed, reading the ids is most of the work
    /// (a laboratory's listing goes through a million check rows), and listings read side by
    /// side take half the time. Two listings are queued per connection, so one that takes long
    /// (the laboratory's, 0.25 s) does not leave the other connection idle once its own listing
    /// is read. At most 2 × `jobs` listings' ids are held at once, 128 KiB each at most.
    ///
    /// - Returns: The number of pages (per language) of all listings.
    func publish(
        _ listings: [Listing], into sink: SiteFileSink, sitemap: SitemapBuilder, pagesDone: (Int) throws -> Void = { _ in },
        after: (Int) throws -> Void = { _ in }
    ) throws -> Int {
        guard !listings.isEmpty else { return 0 }
        // `jobs` connections (SQLite reads one statement at a time per connection).
        let readers = try (0..<max(1, jobs)).map { _ in try TraceStore(path: store.path, mode: .readOnly) }
        let depth = 2 * readers.count
        var ahead: [ListingIDs] = []
        // A listing that fails leaves no read running on its connections.
        defer { for reading in ahead { reading.waitIgnoringErrors() } }
        var nextToRead = 0
        func readAhead(through last: Int) {
            while ahead.count < depth, case let index = nextToRead, index <= min(last, listings.count - 1) {
                ahead.append(ListingIDs(listings[index], from: readers[index % readers.count]))
                nextToRead += 1
            }
        }
        var pages = 0
        for index in listings.indices {
            readAhead(through: index + depth - 1)
            let pairs = try ahead.removeFirst().wait()
            readAhead(through: index + depth)
            let before = pages
            pages += try publish(listings[index], pairs: pairs, into: sink, sitemap: sitemap) { try pagesDone(before + $0) }
            try after(index)
        }
        return pages
    }

    /// Publishes a listing page by page. Only ids and revisions are read for the whole listing
    /// (read before any page: a page's key needs the page count); a page's batches are read and
    /// rendered only when its key changed since the last build.
    ///
    /// Pages go in groups: keys are checked and files recorded in page order (so manifests and
    /// the sitemap come out the same every time), while the pages of a group that must be drawn
    /// are read and rendered on every core. A 100,000-batch site has some 20,000 listing pages.
    ///
    /// - Returns: The number of pages (per language).
    private func publish(
        _ listing: Listing, pairs: SpooledPairs, into sink: SiteFileSink, sitemap: SitemapBuilder, pagesDone: (Int) throws -> Void
    ) throws -> Int {
        let pageCount = max(1, (pairs.count + listing.pageSize - 1) / listing.pageSize)
        let groupSize = 16 * max(1, jobs)
        let files = sink.listing(listing.folder(1, .chinese))
        for groupStart in stride(from: 1, through: pageCount, by: groupSize) {
            var group: [PageToDraw] = []
            for page in groupStart...min(groupStart + groupSize - 1, pageCount) {
                let range = min((page - 1) * listing.pageSize, pairs.count)..<min(page * listing.pageSize, pairs.count)
                let (ids, revisions) = try pairs.pairs(range)
                var pageFiles: [PageToDraw.File] = []
                var pageHash = RunningHash()
                pageHash.add(integers: ids)
                pageHash.add(integers: revisions)
                let batchesHash = pageHash.hex
                for language in Language.allCases {
                    let folder = listing.folder(page, language)
                    let key = listingKey(
                        folder, template: listing.template, references: listing.references, page: page, of: pageCount, batches: batchesHash)
                    let path = folder + "/index.html"
                    pageFiles.append(PageToDraw.File(path: path, key: key, language: language, decision: try files.decide(page: page, path: path, key: key)))
                    try sitemap.add("\(site.baseURL)/\(folder)/")
                }
                group.append(PageToDraw(page: page, ids: ids, files: pageFiles))
            }
            try draw(&group, of: listing, pageCount: pageCount)
            for page in group {
                for (index, file) in page.files.enumerated() {
                    switch file.decision {
                    case .keep(let entry): try files.keep(entry)
                    case .render(let previousHash):
                        try files.put(page.bytes[index], page: page.page, path: file.path, key: file.key, previousHash: previousHash)
                    }
                }
            }
            try pagesDone(min(groupStart + groupSize - 1, pageCount))
        }
        try files.finish()
        return pageCount
    }

    /// A listing page, which of its files must be rendered, and (once drawn) their bytes.
    private struct PageToDraw {
        struct File {
            let path: String
            let key: String
            let language: Language
            let decision: ListingFiles.Decision
            var mustRender: Bool { if case .render = decision { true } else { false } }
        }

        let page: Int
        let ids: [Int64]
        let files: [File]
        /// One per file; empty for a file that is kept.
        var bytes: [[UInt8]] = []
        var mustDraw: Bool { files.contains(where: \.mustRender) }
    }

    /// Reads and renders pages on `jobs` threads (store reads take turns; rendering does not).
    private func draw(_ pages: inout [PageToDraw], of listing: Listing, pageCount: Int) throws {
        let work = pages.filter(\.mustDraw)
        guard !work.isEmpty else { return }
        let results = Mutex<[Int: [[UInt8]]]>([:])
        let (store, templates, view, template) = (self.store, self.templates, listing.view, listing.template)
        try ClaimedWork.run(count: work.count, threads: jobs, slots: drawingSlots) { index in
            let page = work[index]
            let view = view(try store.batches(ids: page.ids), page.page, pageCount)
            let bytes: [[UInt8]]
            if page.files.map(\.language) == [.chinese, .english] && page.files.allSatisfy(\.mustRender) {
                // Both pages written in one walk of the template from one view: every row's
                // fields looked up once, a text the same in both escaped once.
                let both = try templates.renderBothLanguages(view, with: template)
                bytes = [both.chinese, both.english]
            } else {
                bytes = try page.files.map { file in file.mustRender ? try templates.renderBytes(view, with: template, language: file.language) : [] }
            }
            results.withLock { $0[page.page] = bytes }
        }
        let drawn = results.withLock { $0 }
        for index in pages.indices { pages[index].bytes = drawn[pages[index].page] ?? [] }
    }

    /// What a listing page is rendered from: its template's key (`templateKeys`), the products
    /// and sites it shows (`references`), its place in the listing and the revision of every
    /// batch on it (`batches`: a hash of the page's ids and revisions, taken once for both
    /// languages from their bytes; hashing them as text, one interpolated string per pair and
    /// language, cost a one-batch rebuild of 100,000 batches 0.3 s of its 1.6 s of CPU). Equal
    /// keys mean equal pages, so the render can be skipped.
    func listingKey(_ folder: String, template: String, references: String, page: Int, of pageCount: Int, batches: String) -> String {
        var hash = RunningHash()
        hash.add(templateKeys[template] ?? sharedKey)
        hash.add(references)
        hash.add(folder)
        hash.add("\(page)/\(pageCount)")
        hash.add(batches)
        return hash.hex
    }
}

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
        /// Streams `(id, revision)` of the listed batches, in display order.
        let forEachBatch: ((Int64, Int64) throws -> Void) throws -> Void
        /// About how many there are (to reserve memory).
        let count: Int
        let pageSize: Int
        /// The folder of page `n` in a language.
        let folder: (Int, Language) -> String
        let template: String
        /// The page's view from its batches, page number and page count.
        let view: @Sendable ([Batch], Int, Int, Language) -> ViewObject
    }

    /// Publishes a listing page by page. Only ids and revisions are read for the whole listing
    /// (16 bytes a batch, read before any page, since the store cannot be read inside its own
    /// cursor); a page's batches are read and rendered only when its key changed since the last build.
    ///
    /// Pages go in groups: keys are checked and files put in page order (so manifests and the
    /// sitemap come out the same every time), while the pages of a group that must be drawn are
    /// read and rendered on every core. A 100,000-batch site has some 20,000 listing pages.
    ///
    /// - Returns: The number of pages (per language).
    func publish(_ listing: Listing, into sink: SiteFileSink, sitemap: SitemapBuilder) throws -> Int {
        var ids: [Int64] = []
        var revisions: [Int64] = []
        ids.reserveCapacity(listing.count)
        revisions.reserveCapacity(listing.count)
        try listing.forEachBatch { id, revision in
            ids.append(id)
            revisions.append(revision)
        }
        let pageCount = max(1, (ids.count + listing.pageSize - 1) / listing.pageSize)
        let groupSize = 16 * max(1, jobs)
        for groupStart in stride(from: 1, through: pageCount, by: groupSize) {
            var drawn: [PageToDraw] = []
            for page in groupStart...min(groupStart + groupSize - 1, pageCount) {
                let range = min((page - 1) * listing.pageSize, ids.count)..<min(page * listing.pageSize, ids.count)
                var files: [(path: String, key: String, language: Language)] = []
                for language in Language.allCases {
                    let folder = listing.folder(page, language)
                    let key = listingKey(folder, page: page, of: pageCount, Array(ids[range]), Array(revisions[range]))
                    if !sink.keepIfUnchanged(at: folder + "/index.html", key: key) { files.append((folder + "/index.html", key, language)) }
                    try sitemap.add("\(site.baseURL)/\(folder)/")
                }
                if !files.isEmpty { drawn.append(PageToDraw(page: page, ids: Array(ids[range]), files: files)) }
            }
            try draw(&drawn, of: listing, pageCount: pageCount)
            for page in drawn {
                for (file, bytes) in zip(page.files, page.bytes) { try sink.put(bytes, at: file.path, key: file.key) }
            }
        }
        return pageCount
    }

    /// A listing page whose files must be rendered, and (once drawn) their bytes.
    private struct PageToDraw {
        let page: Int
        let ids: [Int64]
        let files: [(path: String, key: String, language: Language)]
        var bytes: [[UInt8]] = []
    }

    /// Reads and renders pages on `jobs` threads (store reads take turns; rendering does not).
    private func draw(_ pages: inout [PageToDraw], of listing: Listing, pageCount: Int) throws {
        guard !pages.isEmpty else { return }
        let work = pages
        let results = Mutex<[Int: [[UInt8]]]>([:])
        let failure = Mutex<(any Error)?>(nil)
        let next = Mutex(0)
        let (store, templates, view, template) = (self.store, self.templates, listing.view, listing.template)
        DispatchQueue.concurrentPerform(iterations: min(jobs, work.count)) { _ in
            while true {
                let index = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < work.count, failure.withLock({ $0 == nil }) else { break }
                let page = work[index]
                do {
                    let batches = try store.batches(ids: page.ids)
                    let bytes = try page.files.map { file in
                        try templates.renderBytes(view(batches, page.page, pageCount, file.language), with: template)
                    }
                    results.withLock { $0[index] = bytes }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let drawn = results.withLock { $0 }
        for index in pages.indices { pages[index].bytes = drawn[index] ?? [] }
    }

    /// What a listing page is rendered from: the shared inputs, its place in the listing and the
    /// revision of every batch on it. Equal keys mean equal pages, so the render can be skipped.
    func listingKey(_ folder: String, page: Int, of pageCount: Int, _ ids: [Int64], _ revisions: [Int64]) -> String {
        var text = "\(sharedKey)|\(folder)|\(page)/\(pageCount)"
        for (id, revision) in zip(ids, revisions) { text += "|\(id):\(revision)" }
        return ContentHash.hex(Array(text.utf8))
    }
}

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
        let view: ([Batch], Int, Int, Language) -> ViewObject
    }

    /// Publishes a listing page by page. Only ids and revisions are read for the whole listing
    /// (16 bytes a batch, read before any page, since the store cannot be read inside its own
    /// cursor); a page's batches are read and rendered only when its key changed since the last build.
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
        for page in 1...pageCount {
            let range = min((page - 1) * listing.pageSize, ids.count)..<min(page * listing.pageSize, ids.count)
            let pageIDs = Array(ids[range])
            var batches: [Batch]?
            for language in Language.allCases {
                let folder = listing.folder(page, language)
                let key = listingKey(folder, page: page, of: pageCount, pageIDs, Array(revisions[range]))
                try sink.put(at: folder + "/index.html", key: key) {
                    if batches == nil { batches = try store.batches(ids: pageIDs) }
                    return try templates.renderBytes(listing.view(batches!, page, pageCount, language), with: listing.template)
                }
                try sitemap.add("\(site.baseURL)/\(folder)/")
            }
        }
        return pageCount
    }

    /// What a listing page is rendered from: the shared inputs, its place in the listing and the
    /// revision of every batch on it. Equal keys mean equal pages, so the render can be skipped.
    func listingKey(_ folder: String, page: Int, of pageCount: Int, _ ids: [Int64], _ revisions: [Int64]) -> String {
        var text = "\(sharedKey)|\(folder)|\(page)/\(pageCount)"
        for (id, revision) in zip(ids, revisions) { text += "|\(id):\(revision)" }
        return ContentHash.hex(Array(text.utf8))
    }
}

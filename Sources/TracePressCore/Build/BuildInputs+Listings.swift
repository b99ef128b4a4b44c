import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

extension BuildInputs {
    /// Writes the home page, 404, and each product's paginated batch list (streamed from the
    /// store a page at a time).
    ///
    /// - Returns: The number of product listing pages.
    func publishListings(into sink: SiteFileSink, sitemap: SitemapBuilder) throws -> Int {
        let counts = try store.batchCountsByProduct()
        for language in Language.allCases {
            try sink.put(
                try templates.renderBytes(HomePage.view(batchCounts: counts, in: site, language: language), with: "home"),
                at: language.folder + "index.html")
            try sitemap.add(site.baseURL + "/" + language.folder)
        }
        try sink.put(try templates.renderBytes(NotFoundPage.view(in: site), with: "404"), at: "404.html")

        var pages = 0
        for product in site.reference.productsInOrder {
            let count = counts[product.gtin] ?? 0
            let pageCount = max(1, (count + ProductPage.pageSize - 1) / ProductPage.pageSize)
            var buffer: [Batch] = []
            var revisions: [Int64] = []
            var page = 1
            func flush() throws {
                for language in Language.allCases {
                    let folder = ProductPage.folder(of: product.gtin, page: page, language: language)
                    let key = listingKey(folder, page: page, of: pageCount, buffer, revisions)
                    try sink.put(at: folder + "/index.html", key: key) {
                        let view = ProductPage.view(of: product, batches: buffer, page: page, pageCount: pageCount, in: site, language: language)
                        return try templates.renderBytes(view, with: "product")
                    }
                    try sitemap.add("\(site.baseURL)/\(folder)/")
                }
                pages += 1
                page += 1
                buffer.removeAll(keepingCapacity: true)
                revisions.removeAll(keepingCapacity: true)
            }
            try store.forEachBatch(of: product.gtin) { batch, revision in
                buffer.append(batch)
                revisions.append(revision)
                if buffer.count == ProductPage.pageSize { try flush() }
            }
            if !buffer.isEmpty || page == 1 { try flush() }
        }
        return pages
    }

    /// What a listing page is rendered from: the shared inputs, its place in the listing and the
    /// revision of every batch on it. Equal keys mean equal pages, so the render can be skipped.
    func listingKey(_ folder: String, page: Int, of pageCount: Int, _ batches: [Batch], _ revisions: [Int64]) -> String {
        var text = "\(sharedKey)|\(folder)|\(page)/\(pageCount)"
        for (batch, revision) in zip(batches, revisions) { text += "|\(batch.id):\(revision)" }
        return ContentHash.hex(Array(text.utf8))
    }
}

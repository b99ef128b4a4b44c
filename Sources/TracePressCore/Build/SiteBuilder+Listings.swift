import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

extension SiteBuilder {
    /// Writes product listing pages (paginated, streamed from the store), the home page and 404.
    ///
    /// - Returns: The number of product listing pages.
    func publishListings(
        from store: TraceStore, site: SiteContext, templates: TemplateSet, batchCounts: [GTIN: Int], into staging: SiteStaging
    ) throws -> Int {
        var pages = 0
        for product in site.reference.productsInOrder {
            let count = batchCounts[product.gtin] ?? 0
            let pageCount = max(1, (count + ProductPage.pageSize - 1) / ProductPage.pageSize)
            var buffer: [Batch] = []
            var page = 1
            func flush() throws {
                let view = ProductPage.view(of: product, batches: buffer, page: page, pageCount: pageCount, in: site)
                let folder = try SitePath(ProductPage.folder(of: product.gtin, page: page))
                try staging.write(try templates.render(view, with: "product"), to: folder.appending("index.html"))
                pages += 1
                page += 1
                buffer.removeAll(keepingCapacity: true)
            }
            try store.forEachBatch(of: product.gtin) { batch in
                buffer.append(batch)
                if buffer.count == ProductPage.pageSize { try flush() }
            }
            if !buffer.isEmpty || page == 1 { try flush() }
        }
        try staging.write(try templates.render(HomePage.view(batchCounts: batchCounts, in: site), with: "home"), to: SitePath("index.html"))
        try staging.write(try templates.render(NotFoundPage.view(in: site), with: "404"), to: SitePath("404.html"))
        return pages
    }
}

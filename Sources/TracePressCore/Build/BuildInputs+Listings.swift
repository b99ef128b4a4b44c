import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

extension BuildInputs {
    /// Writes the home page, the 404 pages (the site's and each product's, for its unknown lots),
    /// and each product's paginated batch list (streamed from the store a page at a time).
    ///
    /// - Returns: The number of product listing pages.
    func publishListings(into sink: SiteFileSink, sitemap: SitemapBuilder, pagesDone: (Int) throws -> Void = { _ in }) throws -> Int {
        let counts = try store.batchCountsByProduct()
        for language in Language.allCases {
            try sink.put(
                try templates.renderBytes(HomePage.view(batchCounts: counts, in: site, language: language), with: "home"),
                at: language.folder + "index.html")
            try sitemap.add(site.baseURL + "/" + language.folder)
        }
        try sink.put(try templates.renderBytes(NotFoundPage.view(in: site), with: "404"), at: "404.html")
        for product in site.reference.productsInOrder {
            try sink.put(
                try templates.renderBytes(NotFoundPage.view(lotsOf: product, in: site), with: "404"),
                at: NotFoundPage.path(of: product.gtin))
        }

        let site = self.site
        let listings = site.reference.productsInOrder.map { product in
            let frame = ProductPage.frame(of: product, in: site)
            return Listing(
                forEachBatch: { store, body in try store.forEachListedBatch(of: product.gtin, body) },
                pageSize: ProductPage.pageSize, folder: { ProductPage.folder(of: product.gtin, page: $0, language: $1) },
                template: "product", references: references.productPagePart(gtin: product.gtin.digits),
                view: { ProductPage.bilingualView(frame: frame, batches: $0, page: $1, pageCount: $2) })
        }
        let pages = try publish(listings, into: sink, sitemap: sitemap, pagesDone: pagesDone)
        return pages
    }
}

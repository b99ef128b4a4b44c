import TraceModel
import TraceStore
public import TraceView

/// Every name a template can use, with its value in an example page drawn from the store, for
/// the people who edit `Templates/` (`tracepress names`): the views are built exactly as a build
/// builds them, so what this lists is what the template gets.
public enum TemplateNames {
    /// The templates a build renders, and which page of the store each is shown with.
    public static let templates: [(name: String, example: String)] = [
        ("batch", "the first batch, and the next 63 for names it leaves empty"),
        ("product", "the first page of the first product's batch list"),
        ("site", "the first page of the first site's batch list"),
        ("home", "the home page"),
        ("404", "the site's 404 page and the first product's"),
        ("live", "the livestream page"),
        ("recalls", "the recalls page"),
    ]

    /// The outline of `template`'s view (`ViewOutline`) for its example page in `language`.
    ///
    /// - Returns: Which page the values are from, and the outline's lines.
    /// - Throws: `BuildError.badOption` for a template no page is drawn from, and what reading
    ///   the store and templates throws (as `build` would).
    public static func outline(of template: String, options: BuildOptions, language: Language) throws -> (page: String, lines: [String]) {
        let inputs = try BuildInputs(options: options, checkingIntegrity: false)
        let (site, store) = (inputs.site, inputs.store)
        var views: [ViewObject] = []
        var page = templates.first { $0.name == template }?.example ?? ""
        switch template {
        case "batch":
            var records: [BatchRecord] = []
            struct Enough: Error {}
            do {
                try store.forEachBatchChunk(chunkSize: 64) { chunk in
                    records += chunk.records
                    if !records.isEmpty { throw Enough() }
                }
            } catch is Enough {}
            guard let first = records.first else { throw BuildError.badOption("the store has no batch to show the batch template's names with") }
            views = records.map { BatchPage.view(of: $0, in: site, language: language) }
            page = "01/\(first.batch.gtin.digits)/10/\(first.batch.lot.text) (and the next \(records.count - 1) batches, for names it leaves empty)"
        case "product":
            guard let product = site.reference.productsInOrder.first else { throw BuildError.badOption("the store has no product") }
            let first = try firstPage(of: ProductPage.pageSize, in: store) { try store.forEachListedBatch(of: product.gtin, $0) }
            views = [ProductPage.view(of: product, batches: first.batches, page: 1, pageCount: first.pageCount, in: site, language: language)]
            page = ProductPage.folder(of: product.gtin, page: 1, language: language)
        case "site":
            guard let place = site.reference.sites.values.min(by: { $0.code < $1.code }) else { throw BuildError.badOption("the store has no site") }
            let first = try firstPage(of: SitePage.pageSize, in: store) { try store.forEachListedBatch(atSite: place.id, $0) }
            views = [SitePage.view(of: place, batches: first.batches, page: 1, pageCount: first.pageCount, in: site, language: language)]
            page = SitePage.folder(of: place.code, page: 1, language: language)
        case "home":
            views = [HomePage.view(batchCounts: try store.batchCountsByProduct(), in: site, language: language)]
        case "404":
            views = [NotFoundPage.view(in: site)] + site.reference.productsInOrder.prefix(1).map { NotFoundPage.view(lotsOf: $0, in: site) }
        case "live":
            views = [LivePage.view(in: site, language: language)]
        case "recalls":
            var recalled: [Batch] = []
            try store.forEachBatchNotReleased { recalled.append($0) }
            views = [RecallsPage.view(of: recalled, in: site, language: language)]
        default:
            throw BuildError.badOption(
                "no page is drawn from a template called '\(template)'; the templates are "
                    + templates.map(\.name).joined(separator: ", ") + " (partials see the names of the page that includes them)")
        }
        return (page, ViewOutline.lines(of: views, language: language))
    }

    /// A listing's first page of `pageSize` batches, and how many pages it has.
    private static func firstPage(
        of pageSize: Int, in store: TraceStore, listing: ((Int64, Int64) throws -> Void) throws -> Void
    ) throws -> (batches: [Batch], pageCount: Int) {
        var ids: [Int64] = []
        try listing { id, _ in ids.append(id) }
        return (try store.batches(ids: Array(ids.prefix(pageSize))), max(1, (ids.count + pageSize - 1) / pageSize))
    }
}

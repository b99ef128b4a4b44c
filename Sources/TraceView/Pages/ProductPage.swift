public import TraceModel

/// A product's page listing its batches, newest first, `pageSize` to a page:
/// `01/{gtin}/index.html`, then `01/{gtin}/page/2/index.html`…
public enum ProductPage {
    /// Batches per listing page: small enough for a phone, few enough pages for a crawler.
    public static let pageSize = 200

    /// The folder of listing page `number` (1-based), relative to the site root.
    public static func folder(of gtin: GTIN, page number: Int, language: Language = .chinese) -> String {
        (number == 1 ? "01/\(gtin.digits)" : "01/\(gtin.digits)/page/\(number)") + (language == .chinese ? "" : "/en")
    }

    /// Builds one listing page.
    ///
    /// - Parameters:
    ///   - product: The product.
    ///   - batches: This page's batches, in display order.
    ///   - page: 1-based page number.
    ///   - pageCount: Number of listing pages (at least 1).
    ///   - site: Base URL and reference data.
    public static func view(
        of product: Product, batches: [Batch], page: Int, pageCount: Int, in site: SiteContext, language: Language
    ) -> ViewObject {
        let pager = ListingPager(page: page, pageCount: pageCount, language: language)
        let root = pager.root
        let toProduct = pager.toFirst
        var view = site.commonFields(
            root: root, title: language.pick(product.name), language: language, alternate: language == .chinese ? "en/" : "../")
        view.merge(BatchPage.productFields(product, gtin: product.gtin, language: language))
        view.merge(pager.fields)
        view.merge([
            "find_base": .text(toProduct.isEmpty ? "./" : toProduct),
            "find_suffix": .text(language.folder),
            "batches": .objects(
                batches.map { batch in
                    let status = Labels.status(batch.status)
                    return [
                        "lot": .text(batch.lot.text),
                        "href": .text("\(toProduct)10/\(batch.lot.text)/\(language.folder)"),
                        "produced_on": .text(batch.producedOn.description),
                        "expires_on": .text(batch.expiresOn.description),
                        "status_text": .text(language.pick(status)),
                        "is_released": .flag(batch.status == .released),
                    ]
                }),
        ])
        return view
    }
}

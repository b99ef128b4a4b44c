public import TraceModel

/// A product's page listing its batches, newest first, `pageSize` to a page:
/// `01/{gtin}/index.html`, then `01/{gtin}/page/2/index.html`…
public enum ProductPage {
    /// Batches per listing page: small enough for a phone, few enough pages for a crawler.
    public static let pageSize = 200

    /// The folder of listing page `number` (1-based), relative to the site root.
    public static func folder(of gtin: GTIN, page number: Int) -> String {
        number == 1 ? "01/\(gtin.digits)" : "01/\(gtin.digits)/page/\(number)"
    }

    /// Builds one listing page.
    ///
    /// - Parameters:
    ///   - product: The product.
    ///   - batches: This page's batches, in display order.
    ///   - page: 1-based page number.
    ///   - pageCount: Number of listing pages (at least 1).
    ///   - site: Base URL and reference data.
    public static func view(of product: Product, batches: [Batch], page: Int, pageCount: Int, in site: SiteContext) -> ViewObject {
        let root = page == 1 ? "../../" : "../../../../"
        let toProduct = page == 1 ? "" : "../../"
        var view = site.commonFields(root: root, title: product.name.zh)
        view.merge(BatchPage.productFields(product, gtin: product.gtin))
        view.merge([
            "page": .text(String(page)),
            "page_count": .text(String(pageCount)),
            "has_pages": .flag(pageCount > 1),
            "previous_page": .text(page > 1 ? (page == 2 ? toProduct.isEmpty ? "./" : toProduct : toProduct + "page/\(page - 1)/") : ""),
            "next_page": .text(page < pageCount ? toProduct + "page/\(page + 1)/" : ""),
            "batches": .objects(
                batches.map { batch in
                    let status = Labels.status(batch.status)
                    return [
                        "lot": .text(batch.lot.text),
                        "href": .text(toProduct + "10/\(batch.lot.text)/"),
                        "produced_on": .text(batch.producedOn.description),
                        "expires_on": .text(batch.expiresOn.description),
                        "status_zh": .text(status.zh),
                        "status_en": .text(status.en),
                        "is_released": .flag(batch.status == .released),
                    ]
                }),
        ])
        return view
    }
}

public import TraceModel

/// The site's home page (`index.html`, `en/index.html`): the brand, its products.
public enum HomePage {
    /// - Parameters:
    ///   - batchCounts: Batches per product.
    ///   - site: Base URL, reference data and texts.
    ///   - language: The page's language.
    public static func view(batchCounts: [GTIN: Int], in site: SiteContext, language: Language) -> ViewObject {
        let root = language == .chinese ? "" : "../"
        var view = site.commonFields(
            root: root, title: language.pick(site.reference.brand.name) + " · " + site.strings.text("home_title", language),
            language: language, alternate: language == .chinese ? "en/" : "../")
        view["products"] = .objects(
            site.reference.productsInOrder.map { product in
                var fields = BatchPage.productFields(product, gtin: product.gtin, language: language)
                fields["href"] = .text(root + "01/\(product.gtin.digits)/" + language.folder)
                fields["batch_count"] = .text(DisplayFormat.grouped(batchCounts[product.gtin] ?? 0))
                fields["find_base"] = .text(root + "01/\(product.gtin.digits)/")
                return fields
            })
        view["find_suffix"] = .text(language.folder)
        view["live_href"] = .text(root + "live/" + language.folder)
        view["recalls_href"] = .text(root + "recalls/" + language.folder)
        return view
    }
}

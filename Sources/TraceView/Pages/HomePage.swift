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

/// The page a host serves for an unknown path: most often a code not yet published, mistyped,
/// or not ours at all. One page in both languages, since the host picks it, not the reader.
public enum NotFoundPage {
    /// Served from any depth, so its links are absolute from the site root.
    public static func view(in site: SiteContext) -> ViewObject {
        var view = site.commonFields(root: "/", title: site.strings.text("not_found_title", .chinese) + " · " + site.strings.text("not_found_title", .english), language: .chinese, alternate: "/en/")
        view["t_en"] = .object(site.strings.texts(for: .english))
        return view
    }
}

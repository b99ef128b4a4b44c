public import TraceModel

/// The page a host serves for an unknown path: most often a code not yet published, mistyped,
/// or not ours at all. One page in both languages, since the host picks it, not the reader.
///
/// Besides the site's `404.html` there is one per product at `01/<gtin>/404.html`, for a lot of
/// that product the site does not have: hosts that look for the nearest `404.html` up the
/// folder tree (Cloudflare Pages) serve it by themselves for `01/<gtin>/10/<lot>`, others
/// through a `_redirects` rule, and it leads to the product's list of lots instead of the home
/// page. (Not in `01/<gtin>/10/`, which holds batch folders and nothing else.)
public enum NotFoundPage {
    /// The site's `404.html`. Served from any depth, so its links are absolute from the site root.
    public static func view(in site: SiteContext) -> ViewObject {
        var view = site.commonFields(
            root: "/", title: site.strings.text("not_found_title", .chinese) + " · " + site.strings.text("not_found_title", .english),
            language: .chinese, alternate: "/en/")
        view["t_en"] = .object(site.strings.texts(for: .english))
        view["lot_product"] = .list([])
        return view
    }

    /// The `404.html` for unknown lots of `product`, with its name and links to its lot lists.
    public static func view(lotsOf product: Product, in site: SiteContext) -> ViewObject {
        var view = view(in: site)
        view["title"] = .text(site.strings.text("not_found_title", .chinese) + " · " + product.name.zh)
        view["lot_product"] = .object([
            "gtin": .text(product.gtin.digits),
            "product_name": .text(product.name.zh),
            "product_name_en": .text(product.name.en),
            "spec": .text(product.spec),
            "href": .text("/" + ProductPage.folder(of: product.gtin, page: 1) + "/"),
            "href_en": .text("/" + ProductPage.folder(of: product.gtin, page: 1, language: .english) + "/"),
        ])
        return view
    }

    /// Where the page for unknown lots of a product is written, relative to the site root.
    public static func path(of gtin: GTIN) -> String { ProductPage.folder(of: gtin, page: 1) + "/404.html" }
}

public import TraceModel

/// The site's home page: the brand, its products, and how to find a batch.
public enum HomePage {
    /// - Parameters:
    ///   - batchCounts: Batches per product.
    ///   - site: Base URL and reference data.
    public static func view(batchCounts: [GTIN: Int], in site: SiteContext) -> ViewObject {
        var view = site.commonFields(root: "", title: site.reference.brand.name.zh + " · 产品追溯")
        view["products"] = .objects(
            site.reference.productsInOrder.map { product in
                var fields = BatchPage.productFields(product, gtin: product.gtin)
                fields["href"] = .text("01/\(product.gtin.digits)/")
                fields["batch_count"] = .text(DisplayFormat.grouped(batchCounts[product.gtin] ?? 0))
                return fields
            })
        return view
    }
}

/// The page a host serves for an unknown path: most often a code not yet published, mistyped,
/// or not ours at all.
public enum NotFoundPage {
    /// Served from any depth, so its links are absolute from the site root.
    public static func view(in site: SiteContext) -> ViewObject {
        site.commonFields(root: "/", title: "未找到该批次 · Batch not found")
    }
}

public import TraceModel

/// A product's page listing its batches, newest first, `pageSize` to a page:
/// `01/{gtin}/index.html`, then `01/{gtin}/page/2/index.html`…
public enum ProductPage {
    /// The keys of `strings.json` this code reads itself: none (its texts come from the store
    /// and `{{t.key}}` in the template); listing pages' render keys cover only the strings they
    /// read, so a `site.strings.text` added here must add its key (see `BatchPage`).
    public static let stringKeysReadByCode: Set<String> = []

    /// Batches per listing page: small enough for a phone, few enough pages for a crawler.
    public static let pageSize = 200

    /// The folder of listing page `number` (1-based), relative to the site root.
    public static func folder(of gtin: GTIN, page number: Int, language: Language = .chinese) -> String {
        (number == 1 ? "01/\(gtin.digits)" : "01/\(gtin.digits)/page/\(number)") + (language == .chinese ? "" : "/en")
    }

    /// Builds one listing page in one language (what a build renders is `bilingualView`, resolved).
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
        bilingualView(frame: frame(of: product, in: site), batches: batches, page: page, pageCount: pageCount).resolved(language)
    }

    /// What every page of a product's listing shows but its batches and pager, drawn once.
    public static func frame(of product: Product, in site: SiteContext) -> ListingFrame {
        ListingFrame { pager in
            let language = pager.language
            var view = site.commonFields(
                root: pager.root, title: language.pick(product.name), language: language, alternate: language == .chinese ? "en/" : "../")
            view.merge(BatchPage.productFields(product, gtin: product.gtin, language: language))
            view.merge([
                "find_base": .text(pager.toFirst.isEmpty ? "./" : pager.toFirst),
                "find_suffix": .text(language.folder),
            ])
            return view
        }
    }

    /// One listing page in both languages, `.localized` where they differ: both pages are
    /// rendered from it in one walk of the template, and each batch's row is built once.
    public static func bilingualView(frame: ListingFrame, batches: [Batch], page: Int, pageCount: Int) -> ViewObject {
        let toProduct = (
            zh: ListingPager(page: page, pageCount: pageCount, language: .chinese).toFirst,
            en: ListingPager(page: page, pageCount: pageCount, language: .english).toFirst
        )
        var view = frame.page(page, of: pageCount)
        view["batches"] = .objects(
            batches.map { batch in
                let lot = batch.lot.text
                return [
                    "lot": .text(lot),
                    "href": .localized(zh: toProduct.zh + "10/" + lot + "/", en: toProduct.en + "10/" + lot + "/en/"),
                    "produced_on": .text(batch.producedOn.description),
                    "expires_on": .text(batch.expiresOn.description),
                    "status_text": .localized(Labels.status(batch.status)),
                    "is_released": .flag(batch.status == .released),
                ]
            })
        return view
    }
}

/// Where one page of a paginated listing sits (product lists at `01/<gtin>/`, site pages at
/// `sites/<code>/`): page 1 at the listing's folder, page N at `page/N/`, English under `en/`.
struct ListingPager {
    let page: Int
    let pageCount: Int
    let language: Language

    /// From this page back to the site root (listings sit two folders deep).
    var root: String { (language == .chinese ? "" : "../") + (page == 1 ? "../../" : "../../../../") }

    /// From this page back to the listing's first page, in the same language ("" on page 1).
    var toFirst: String { (language == .chinese ? "" : "../") + (page == 1 ? "" : "../../") }

    /// The link to page `number` of the listing, in the same language.
    func link(to number: Int) -> String {
        let target = toFirst + (number == 1 ? "" : "page/\(number)/") + language.folder
        return target.isEmpty ? "./" : target
    }

    /// `page`, `page_count`, `has_pages`, `previous_page` and `next_page` for the pager template.
    var fields: ViewObject {
        [
            "page": .text(String(page)),
            "page_count": .text(String(pageCount)),
            "has_pages": .flag(pageCount > 1),
            "previous_page": .text(page > 1 ? link(to: page - 1) : ""),
            "next_page": .text(page < pageCount ? link(to: page + 1) : ""),
        ]
    }
}

/// What every page of a listing shows but its batches and pager (a product's name and facts, a
/// site's certificates, photos and sessions), in both languages: drawn once per listing.
///
/// Why: drawing it for every page and language was most of a listing page's view that is not
/// its rows, and a 100,000-batch site has some 10,000 listing pages. The first page and the
/// others differ only in their ways back to the root and to the first page, so it is drawn
/// for each of the two.
public struct ListingFrame: Sendable {
    private let firstPage: ViewObject
    private let laterPages: ViewObject

    /// - Parameter draw: The frame's fields in one language, for a page placed as the pager is.
    init(draw: (ListingPager) -> ViewObject) {
        func drawn(page: Int) -> ViewObject {
            ViewObject.bilingual { draw(ListingPager(page: page, pageCount: page, language: $0)) }
        }
        firstPage = drawn(page: 1)
        laterPages = drawn(page: 2)
    }

    /// Page `page` of `pageCount`: the frame with the pager's fields, both languages.
    func page(_ page: Int, of pageCount: Int) -> ViewObject {
        var view = page == 1 ? firstPage : laterPages
        view.merge(ViewObject.bilingual { ListingPager(page: page, pageCount: pageCount, language: $0).fields })
        return view
    }
}

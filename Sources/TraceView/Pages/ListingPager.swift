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

import TraceModel

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

    /// `fields` for both languages of a page (`ViewValue.localized` where the links differ).
    static func bilingualFields(page: Int, pageCount: Int) -> ViewObject {
        ViewObject.bilingual { ListingPager(page: page, pageCount: pageCount, language: $0).fields }
    }

    /// The link from a listing page to a batch's page in `language`, e.g.
    /// `../../01/09521234200017/10/261109A02/` from page 1 of a site's Chinese listing.
    ///
    /// Joined from its parts into storage of the right size: interpolating the five parts grew
    /// the string twice or three times, and listings link each batch about six times in each
    /// language (`perf record`: a third of drawing a site's listing page).
    func batchLink(gtin: GTIN, lot: Lot) -> String {
        let (root, digits, lot, folder) = (root, gtin.digits, lot.text, language.folder)
        var link = ""
        link.reserveCapacity(root.utf8.count + digits.utf8.count + lot.utf8.count + folder.utf8.count + 8)
        link += root
        link += "01/"
        link += digits
        link += "/10/"
        link += lot
        link += "/"
        link += folder
        return link
    }
}

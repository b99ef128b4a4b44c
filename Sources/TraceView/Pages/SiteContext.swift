public import TraceModel

/// What every page of one build shares: the base URL, the store's reference data, the interface
/// texts and the published names of assets.
public struct SiteContext: Sendable {
    /// Base URL of the Digital Links, without trailing slash.
    public let baseURL: String
    public let reference: ReferenceData
    public let strings: UIStrings
    /// Asset name in `Public/` → the fingerprinted name it is published under
    /// (`style.css` → `style.3f2a9c1b7d.css`).
    public let assets: [String: String]
    /// Paths of the files in `Public/`, to leave out images that are not there.
    public let publicFiles: Set<String>
    /// Farm cards and livestream sessions of batch pages, drawn once.
    private(set) var batchSiteViews = BatchSiteViews()
    /// Product names by GTIN: a listing row names its product, and reading the name through
    /// `reference.products` copied the whole `Product` (every string in it retained and released)
    /// for each of a listing's rows (`perf record`: 15% of drawing a site's listing page).
    private var productNames: [GTIN: LocalizedText] = [:]

    /// A product's name in both languages; its GTIN's digits for a product the store does not have.
    func productName(_ gtin: GTIN) -> LocalizedText {
        productNames[gtin] ?? LocalizedText(zh: gtin.digits, en: gtin.digits)
    }

    /// A site's name in `language`, or nil for a site the store does not have.
    func siteName(_ siteID: Int64?, _ language: Language) -> String? { batchSiteViews.name(siteID, language) }

    /// A site's name in both languages, or nil for a site the store does not have.
    func siteNames(_ siteID: Int64?) -> LocalizedText? { batchSiteViews.names(siteID) }

    /// A site's code, or nil for a site the store does not have.
    func siteCode(_ siteID: Int64?) -> String? { batchSiteViews.code(siteID) }

    public init(
        baseURL: String, reference: ReferenceData, strings: UIStrings, assets: [String: String] = [:], publicFiles: Set<String> = []
    ) {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        self.baseURL = String(base)
        self.reference = reference
        self.strings = strings
        self.assets = assets
        self.publicFiles = publicFiles
        productNames = reference.products.mapValues(\.name)
        batchSiteViews = BatchSiteViews(drawing: self)
    }

    /// Fields every page template can use.
    ///
    /// - Parameters:
    ///   - root: Relative path back to the site root (`../../../../` from a batch page), so the
    ///     site works from any folder or host.
    ///   - title: The `<title>`.
    ///   - language: The page's language.
    ///   - alternate: Relative link to the same page in the other language.
    func commonFields(root: String, title: String, language: Language, alternate: String) -> ViewObject {
        let brand = reference.brand
        return [
            "lang": .text(language.rawValue),
            "t": .object(strings.texts(for: language)),
            "title": .text(title),
            "root": .text(root),
            "home_href": .text(root + language.folder == "" ? "./" : root + language.folder),
            "stylesheet": .text(root + (assets["style.css"] ?? "style.css")),
            "alternate_href": .text(alternate),
            "alternate_lang": .text(language.other.rawValue),
            "brand_name": .text(language.pick(brand.name)),
            "brand_hotline": .text(brand.hotline),
            "brand_website": .text(isWebLink(brand.website) ? brand.website : ""),
            "data_as_of": .text(reference.dataAsOf.map { DisplayFormat.localTime($0) + " (" + DisplayFormat.offset($0) + ")" }),
        ]
    }
}

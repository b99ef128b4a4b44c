public import TraceModel

/// What every page of one build shares: the base URL and the store's reference data.
public struct SiteContext: Sendable {
    /// Base URL of the Digital Links, without trailing slash.
    public let baseURL: String
    public let reference: ReferenceData
    /// Asset name in `Public/` → the fingerprinted name it is published under
    /// (`style.css` → `style.3f2a9c1b7d.css`).
    public let assets: [String: String]

    public init(baseURL: String, reference: ReferenceData, assets: [String: String] = [:]) {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        self.baseURL = String(base)
        self.reference = reference
        self.assets = assets
    }

    /// Fields every page template can use; `root` is the relative path back to the site root
    /// (`../../../../` from a batch page), so the site works from any folder or host.
    func commonFields(root: String, title: String) -> ViewObject {
        let brand = reference.brand
        return [
            "lang": "zh-CN",
            "title": .text(title),
            "root": .text(root),
            "stylesheet": .text(root + (assets["style.css"] ?? "style.css")),
            "brand_name_zh": .text(brand.name.zh),
            "brand_name_en": .text(brand.name.en),
            "brand_hotline": .text(brand.hotline),
            "brand_website": .text(isWebLink(brand.website) ? brand.website : ""),
            "data_as_of": .text(reference.dataAsOf.map { DisplayFormat.localTime($0) + " (" + DisplayFormat.offset($0) + ")" }),
        ]
    }
}

public import TraceModel

/// The page a consumer reaches by scanning a can: `01/{gtin}/10/{lot}/index.html` in Chinese and
/// `…/en/index.html` in English.
public enum BatchPage {
    /// Relative path from a batch page back to the site root.
    public static func root(_ language: Language) -> String { language == .chinese ? "../../../../" : "../../../../../" }

    /// Builds the view of one batch in one language.
    ///
    /// - Parameters:
    ///   - record: The batch and its rows.
    ///   - site: Base URL, reference data and interface texts.
    ///   - language: The page's language.
    /// - Returns: Every field `batch.mustache` can use.
    public static func view(of record: BatchRecord, in site: SiteContext, language: Language) -> ViewObject {
        view(of: record, in: site, language: language, facts: BatchFacts(record, in: site))
    }

    /// The views of one batch in every language, from facts worked out once.
    public static func views(of record: BatchRecord, in site: SiteContext, facts: BatchFacts) -> [(language: Language, view: ViewObject)] {
        Language.allCases.map { ($0, view(of: record, in: site, language: $0, facts: facts)) }
    }

    static func view(of record: BatchRecord, in site: SiteContext, language: Language, facts: BatchFacts) -> ViewObject {
        let batch = record.batch
        let product = site.reference.products[batch.gtin]
        let link = DigitalLink(base: site.baseURL, gtin: batch.gtin, lot: batch.lot)
        let root = root(language)
        let up = language == .chinese ? "" : "../"
        let name = product.map { language.pick($0.name) } ?? batch.gtin.digits
        var page = site.batchSiteViews.pageCommon(language)
        page.reserveCapacity(96)
        page["title"] = .text("\(name) · \(site.strings.text("lot", language)) \(batch.lot)")
        page.merge(productFields(product, gtin: batch.gtin, language: language))
        page.merge(statusFields(record, language: language))
        let status = Labels.status(batch.status)
        page.merge([
            "digital_link": .text(link.url),
            "canonical": .text(link.url + (language == .chinese ? "" : "/en/")),
            "alternate_url": .text(link.url + (language == .chinese ? "/en/" : "")),
            "lot": .text(batch.lot.text),
            "produced_on": .text(batch.producedOn.description),
            "expires_on": .text(batch.expiresOn.description),
            "quantity": .text(batch.quantity.map(DisplayFormat.grouped)),
            "status_text": .text(language.pick(status)),
            "factory": .text(site.siteName(batch.factorySiteID, language)),
            "product_page": .text(up + "../../" + language.folder),
            "qr_svg": .text(up + "qr.svg"),
            "data_json": .text(up + "data.json"),
            "linkset_json": .text(up + "linkset.json"),
            "json_ld": .text(facts.jsonLD),
        ])
        page["origins"] = .objects(record.origins.map { originFields($0, site: site, language: language) })
        page.merge(journeyFields(record, site: site, language: language, times: facts.steps))
        page.merge(checkFields(record, site: site, language: language, texts: facts.checks))
        page.merge(coldChainFields(language: language, legs: facts.coldChainLegs))
        let livestreams = livestreams(record, site: site, language: language)
        page["livestreams"] = .objects(livestreams)
        page["has_livestreams"] = .flag(!livestreams.isEmpty)
        page["photos"] = .objects(record.media.filter { $0.kind == .photo }.map { photoFields($0, root: root, language: language) })
        return page
    }

    static func productFields(_ product: Product?, gtin: GTIN, language: Language) -> ViewObject {
        [
            "gtin": .text(gtin.digits),
            "product_name": .text(product.map { language.pick($0.name) } ?? gtin.digits),
            "spec": .text(product?.spec),
            "category": .text(product.map { language.pick($0.category) }),
            "product_standard": .text(product?.productStandard),
            "production_licence": .text(product?.productionLicence),
            "formula_registration": .text(product?.formulaRegistration),
            "shelf_life_days": .text(product.map { String($0.shelfLifeDays) }),
        ]
    }

    static func statusFields(_ record: BatchRecord, language: Language) -> ViewObject {
        var fields: ViewObject = ["is_released": .flag(false), "is_on_hold": .flag(false), "is_recalled": .flag(false)]
        switch record.batch.status {
        case .released:
            fields["is_released"] = .flag(true)
            fields.merge(["status_reason": "", "status_since": ""])
        case .onHold(let reason, let since), .recalled(let reason, let since):
            fields[record.batch.status.code == "recalled" ? "is_recalled" : "is_on_hold"] = .flag(true)
            fields.merge(["status_reason": .text(language.pick(reason)), "status_since": .text(since.description)])
        }
        return fields
    }

    static func photoFields(_ item: MediaItem, root: String, language: Language) -> ViewObject {
        [
            "src": .text(isWebLink(item.url) ? item.url : root + item.url),
            "alt": .text(language.pick(item.alt)),
            "title": .text(language.pick(item.title)),
        ]
    }
}

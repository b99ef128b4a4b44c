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
        bilingualView(of: record, in: site, facts: BatchFacts(record, in: site)).resolved(language)
    }

    /// The keys of `strings.json` this code reads itself (templates read theirs as `{{t.key}}`):
    /// a batch's render key covers only the strings its pages read, so keep this in step with
    /// every `site.strings.text` below (a test changes every other string and expects every
    /// batch file to stay the same).
    public static let stringKeysReadByCode: Set<String> = ["lot"]

    /// The one view both pages of a batch render from: texts that differ by language are
    /// `.localized`; `TemplateSet.renderBothLanguages(_:with:)` writes both pages from it.
    ///
    /// Built once per batch, not once per language: the two views shared all but their words,
    /// and building and freeing them was a sixth of a build's CPU (`Benchmarks/profile/run.sh`).
    public static func bilingualView(of record: BatchRecord, in site: SiteContext, facts: BatchFacts) -> ViewObject {
        let batch = record.batch
        let product = site.reference.products[batch.gtin]
        let link = facts.link
        let name = site.productName(batch.gtin)
        var page = site.batchSiteViews.pageCommon
        page.reserveCapacity(96)
        page["title"] = .localized(
            zh: "\(name.zh) · \(site.strings.text("lot", .chinese)) \(batch.lot)",
            en: "\(name.en) · \(site.strings.text("lot", .english)) \(batch.lot)")
        page.merge(bilingualProductFields(product, gtin: batch.gtin))
        page.merge(statusFields(record))
        page.merge([
            "digital_link": .text(link.url),
            "canonical": .localized(zh: link.url, en: link.url + "/en/"),
            "alternate_url": .localized(zh: link.url + "/en/", en: link.url),
            "lot": .text(batch.lot.text),
            "produced_on": .text(batch.producedOn.description),
            "expires_on": .text(batch.expiresOn.description),
            "quantity": .text(batch.quantity.map(DisplayFormat.grouped)),
            "status_text": .localized(Labels.status(batch.status)),
            "factory": .localized(site.siteNames(batch.factorySiteID)),
            "product_page": .localized(zh: "../../", en: "../../../en/"),
            "qr_svg": .localized(zh: "qr.svg", en: "../qr.svg"),
            "data_json": .localized(zh: "data.json", en: "../data.json"),
            "linkset_json": .localized(zh: "linkset.json", en: "../linkset.json"),
            "json_ld": .text(facts.jsonLD),
        ])
        page["origins"] = .list(record.origins.map { .object(originFields($0, site: site)) })
        page.merge(journeyFields(record, site: site, times: facts.steps))
        page.merge(checkFields(record, site: site, texts: facts.checks))
        page.merge(coldChainFields(legs: facts.coldChainLegs))
        let livestreams = livestreams(record, site: site)
        page["livestreams"] = .objects(livestreams)
        page["has_livestreams"] = .flag(!livestreams.isEmpty)
        page["photos"] = .objects(record.media.filter { $0.kind == .photo }.map { item in
            ViewObject.bilingual { photoFields(item, root: root($0), language: $0) }
        })
        return page
    }

    static func productFields(_ product: Product?, gtin: GTIN, language: Language) -> ViewObject {
        bilingualProductFields(product, gtin: gtin).resolved(language)
    }

    /// A product's fields in both languages (batch pages; product and home pages resolve them).
    static func bilingualProductFields(_ product: Product?, gtin: GTIN) -> ViewObject {
        [
            "gtin": .text(gtin.digits),
            "product_name": .localized(product?.name ?? LocalizedText(zh: gtin.digits, en: gtin.digits)),
            "spec": .text(product?.spec),
            "category": .localized(product?.category),
            "product_standard": .text(product?.productStandard),
            "production_licence": .text(product?.productionLicence),
            "formula_registration": .text(product?.formulaRegistration),
            "shelf_life_days": .text(product.map { String($0.shelfLifeDays) }),
        ]
    }

    static func statusFields(_ record: BatchRecord) -> ViewObject {
        var fields: ViewObject = ["is_released": .flag(false), "is_on_hold": .flag(false), "is_recalled": .flag(false)]
        switch record.batch.status {
        case .released:
            fields["is_released"] = .flag(true)
            fields.merge(["status_reason": "", "status_since": ""])
        case .onHold(let reason, let since), .recalled(let reason, let since):
            fields[record.batch.status.code == "recalled" ? "is_recalled" : "is_on_hold"] = .flag(true)
            fields.merge(["status_reason": .localized(reason), "status_since": .text(since.description)])
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

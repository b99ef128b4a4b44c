public import TraceModel

/// The page a consumer reaches by scanning a can: `01/{gtin}/10/{lot}/index.html`.
public enum BatchPage {
    /// Relative path from a batch folder back to the site root.
    public static let root = "../../../../"

    /// Builds the view of one batch.
    ///
    /// - Parameters:
    ///   - record: The batch and its rows.
    ///   - site: Base URL and reference data.
    /// - Returns: Every field `batch.mustache` can use.
    public static func view(of record: BatchRecord, in site: SiteContext) -> ViewObject {
        let batch = record.batch
        let product = site.reference.products[batch.gtin]
        let link = DigitalLink(base: site.baseURL, gtin: batch.gtin, lot: batch.lot)
        var page = site.commonFields(root: root, title: "\(product?.name.zh ?? batch.gtin.digits) · 批次 \(batch.lot)")
        page.merge(productFields(product, gtin: batch.gtin))
        page.merge(statusFields(record))
        let status = Labels.status(batch.status)
        page.merge([
            "digital_link": .text(link.url),
            "lot": .text(batch.lot.text),
            "produced_on": .text(batch.producedOn.description),
            "expires_on": .text(batch.expiresOn.description),
            "quantity": .text(batch.quantity.map(DisplayFormat.grouped)),
            "status_zh": .text(status.zh),
            "status_en": .text(status.en),
            "factory_zh": .text(batch.factorySiteID.flatMap { site.reference.sites[$0]?.name.zh }),
            "factory_en": .text(batch.factorySiteID.flatMap { site.reference.sites[$0]?.name.en }),
            "product_page": .text("../../"),
            "qr_svg": "qr.svg",
            "qr_png": "qr.png",
            "data_json": "data.json",
            "linkset_json": "linkset.json",
            "json_ld": .text(ProductJSONLD.document(for: record, in: site)),
        ])
        page["origins"] = .objects(record.origins.map { originFields($0, site: site) })
        page.merge(journeyFields(record, site: site))
        page.merge(checkFields(record, site: site))
        page.merge(coldChainFields(record))
        page["livestreams"] = .objects(livestreams(record, site: site))
        page["has_livestreams"] = .flag(!(page["livestreams"] == .list([])))
        page["photos"] = .objects(record.media.filter { $0.kind == .photo }.map { photoFields($0, root: root) })
        return page
    }

    static func productFields(_ product: Product?, gtin: GTIN) -> ViewObject {
        [
            "gtin": .text(gtin.digits),
            "product_name_zh": .text(product?.name.zh ?? gtin.digits),
            "product_name_en": .text(product?.name.en ?? gtin.digits),
            "spec": .text(product?.spec),
            "category_zh": .text(product?.category.zh),
            "category_en": .text(product?.category.en),
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
            fields.merge(["status_reason_zh": "", "status_reason_en": "", "status_since": ""])
        case .onHold(let reason, let since), .recalled(let reason, let since):
            fields[record.batch.status.code == "recalled" ? "is_recalled" : "is_on_hold"] = .flag(true)
            fields.merge(["status_reason_zh": .text(reason.zh), "status_reason_en": .text(reason.en), "status_since": .text(since.description)])
        }
        return fields
    }

    static func photoFields(_ item: MediaItem, root: String) -> ViewObject {
        [
            "src": .text(isWebLink(item.url) ? item.url : root + item.url),
            "alt_zh": .text(item.alt.zh),
            "alt_en": .text(item.alt.en),
            "title_zh": .text(item.title.zh),
            "title_en": .text(item.title.en),
        ]
    }
}

import GRDB
import TraceModel

/// Column lists and decoders for the shared tables. Each SELECT and its decoder sit together so
/// column positions cannot drift apart.
enum ReferenceDecoding {
    static let brandSQL = "SELECT id, name_zh, name_en, hotline, website FROM party WHERE kind = 'brand' ORDER BY id LIMIT 1"
    static func brand(_ row: StoreRow) throws(StoreProblem) -> Brand {
        let f = RowFields(row, table: "party")
        return Brand(
            id: f.id ?? 0, name: try f.localized(1, "name"), hotline: try f.optionalText(3, "hotline") ?? "",
            website: try f.optionalText(4, "website") ?? "")
    }

    static let productSQL = """
        SELECT rowid, gtin, name_zh, name_en, spec, category_zh, category_en, product_standard,
               formula_registration, production_licence, shelf_life_days
        FROM product ORDER BY gtin
        """
    static func product(_ row: StoreRow) throws(StoreProblem) -> Product {
        let f = RowFields(row, table: "product")
        return Product(
            gtin: try f.gtin(1, "gtin"), name: try f.localized(2, "name"), spec: try f.text(4, "spec"),
            category: try f.localized(5, "category"), productStandard: try f.text(7, "product_standard"),
            formulaRegistration: try f.optionalText(8, "formula_registration"),
            productionLicence: try f.text(9, "production_licence"), shelfLifeDays: try f.int(10, "shelf_life_days"))
    }

    static let siteSQL = """
        SELECT id, code, kind, name_zh, name_en, region_zh, region_en, latitude, longitude, herd_size,
               description_zh, description_en
        FROM site ORDER BY id
        """
    static func site(_ row: StoreRow) throws(StoreProblem) -> Site {
        let f = RowFields(row, table: "site")
        let latitude = try f.optionalDouble(7, "latitude")
        let longitude = try f.optionalDouble(8, "longitude")
        if (latitude == nil) != (longitude == nil) { throw f.problem("longitude", "latitude and longitude must be given together") }
        return Site(
            id: f.id!, code: try f.text(1, "code"), kind: try f.enumeration(2, "kind", as: Site.Kind.self),
            name: try f.localized(3, "name"), region: try f.localized(5, "region"),
            coordinate: latitude.map { Coordinate(latitude: $0, longitude: longitude!) },
            herdSize: try f.optionalInt(9, "herd_size"), description: try f.localized(10, "description"))
    }

    /// Media rows; column 1 is the owner id (site or batch).
    static func mediaSQL(owner: String) -> String {
        """
        SELECT id, \(owner), kind, title_zh, title_en, url, alt_zh, alt_en, platform, starts_at, ends_at, replay_url, poster
        FROM media WHERE \(owner) IS NOT NULL
        """
    }
    static func media(_ row: StoreRow, batch: String? = nil) throws(StoreProblem) -> MediaItem {
        var f = RowFields(row, table: "media")
        f.batch = batch
        return MediaItem(
            id: f.id!, kind: try f.enumeration(2, "kind", as: MediaItem.Kind.self), title: try f.localized(3, "title"),
            url: try f.text(5, "url"), alt: try f.localized(6, "alt"), platform: try f.optionalText(8, "platform"),
            startsAt: try f.optionalTimestamp(9, "starts_at"), endsAt: try f.optionalTimestamp(10, "ends_at"),
            replayURL: try f.optionalText(11, "replay_url"), poster: try f.optionalText(12, "poster"))
    }

    static let siteCertificateSQL = """
        SELECT id, site_id, name_zh, name_en, number, issuer, valid_from, valid_until, url
        FROM certificate WHERE site_id IS NOT NULL ORDER BY site_id, id
        """
    static func certificate(_ row: StoreRow) throws(StoreProblem) -> Certificate {
        let f = RowFields(row, table: "certificate")
        return Certificate(
            id: f.id!, name: try f.localized(2, "name"), number: try f.text(4, "number"), issuer: try f.text(5, "issuer"),
            validFrom: try f.optionalDate(6, "valid_from"), validUntil: try f.optionalDate(7, "valid_until"),
            url: try f.optionalText(8, "url"))
    }
}

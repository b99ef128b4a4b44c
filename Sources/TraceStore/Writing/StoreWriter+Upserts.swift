import GRDB
public import TraceModel

/// Insert-or-update by natural key, for imports: the same input twice leaves rows (and batch
/// revisions) as they were, because an update only happens when a value differs.
extension StoreWriter {
    /// The id of the brand with this Chinese name, inserting it when new.
    public func brandID(for brand: Brand) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM party WHERE kind = 'brand' AND name_zh = ?", arguments: [brand.name.zh]) {
            try db.execute(
                sql: """
                    UPDATE party SET name_en = ?, hotline = ?, website = ? WHERE id = ?
                    AND (name_en, hotline, website) IS NOT (?, ?, ?)
                    """,
                arguments: [brand.name.en, brand.hotline, brand.website, id, brand.name.en, brand.hotline, brand.website])
            return id
        }
        return try insert(brand)
    }

    /// Inserts a product or updates the one with its GTIN.
    public func upsert(_ product: Product, brandID: Int64) throws {
        let values: StatementArguments = [
            product.gtin.digits, brandID, product.name.zh, product.name.en, product.spec, product.category.zh, product.category.en,
            product.productStandard, product.formulaRegistration, product.productionLicence, product.shelfLifeDays,
        ]
        try db.execute(
            sql: """
                INSERT INTO product (gtin, brand_id, name_zh, name_en, spec, category_zh, category_en, product_standard,
                    formula_registration, production_licence, shelf_life_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(gtin) DO UPDATE SET brand_id = excluded.brand_id, name_zh = excluded.name_zh, name_en = excluded.name_en,
                    spec = excluded.spec, category_zh = excluded.category_zh, category_en = excluded.category_en,
                    product_standard = excluded.product_standard, formula_registration = excluded.formula_registration,
                    production_licence = excluded.production_licence, shelf_life_days = excluded.shelf_life_days
                WHERE (brand_id, name_zh, name_en, spec, category_zh, category_en, product_standard, formula_registration,
                    production_licence, shelf_life_days) IS NOT (excluded.brand_id, excluded.name_zh, excluded.name_en,
                    excluded.spec, excluded.category_zh, excluded.category_en, excluded.product_standard,
                    excluded.formula_registration, excluded.production_licence, excluded.shelf_life_days)
                """, arguments: values)
    }

    /// Inserts a site or updates the one with its code; returns its id.
    public func upsert(_ site: Site, gln: String?) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO site (code, kind, name_zh, name_en, region_zh, region_en, latitude, longitude, herd_size,
                    description_zh, description_en, gln) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en,
                    region_zh = excluded.region_zh, region_en = excluded.region_en, latitude = excluded.latitude,
                    longitude = excluded.longitude, herd_size = excluded.herd_size, description_zh = excluded.description_zh,
                    description_en = excluded.description_en, gln = excluded.gln
                WHERE (kind, name_zh, name_en, region_zh, region_en, latitude, longitude, herd_size, description_zh,
                    description_en, gln) IS NOT (excluded.kind, excluded.name_zh, excluded.name_en, excluded.region_zh,
                    excluded.region_en, excluded.latitude, excluded.longitude, excluded.herd_size, excluded.description_zh,
                    excluded.description_en, excluded.gln)
                """,
            arguments: [
                site.code, site.kind.rawValue, site.name.zh, site.name.en, site.region.zh, site.region.en,
                site.coordinate?.latitude, site.coordinate?.longitude, site.herdSize, site.description.zh, site.description.en, gln,
            ])
        return try Int64.fetchOne(db, sql: "SELECT id FROM site WHERE code = ?", arguments: [site.code])!
    }

    /// Inserts a batch or updates the one with its GTIN and lot; returns its id.
    public func upsert(_ batch: Batch) throws -> Int64 {
        guard let existing = try self.batch(gtin: batch.gtin.digits, lot: batch.lot.text) else { return try insert(batch) }
        var reason: LocalizedText?
        var since: CalendarDate?
        switch batch.status {
        case .released: break
        case .onHold(let why, let date), .recalled(let why, let date): (reason, since) = (why, date)
        }
        let values: [(any DatabaseValueConvertible)?] = [
            batch.producedOn.description, batch.expiresOn.description, batch.quantity, batch.status.code, reason?.zh, reason?.en,
            since?.description, batch.factorySiteID,
        ]
        try db.execute(
            sql: """
                UPDATE batch SET produced_on = ?, expires_on = ?, quantity = ?, status = ?, status_reason_zh = ?,
                    status_reason_en = ?, status_since = ?, factory_site_id = ?
                WHERE id = ? AND (produced_on, expires_on, quantity, status, status_reason_zh, status_reason_en, status_since,
                    factory_site_id) IS NOT (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values + [existing.id] + values))
        return existing.id
    }

    /// Removes a batch's rows of one table that were entered by hand (not derived from EPCIS).
    public func deleteHandRows(_ table: String, batchID: Int64) throws {
        precondition(StoreSchema.batchChildTables.contains(table), "not a batch child table: \(table)")
        let handEntered = StoreSchema.derivedMarkers[table].map { " AND \($0) IS NULL" } ?? ""
        try db.execute(sql: "DELETE FROM \(table) WHERE batch_id = ?\(handEntered)", arguments: [batchID])
    }

    /// Removes a site's media, before a spreadsheet lists them again.
    public func deleteMedia(siteID: Int64) throws {
        try db.execute(sql: "DELETE FROM media WHERE site_id = ?", arguments: [siteID])
    }

    /// A fingerprint of a batch row and its hand-entered child rows (every column but row ids
    /// and the revision), to tell whether re-importing a spreadsheet changed anything.
    public func handRowsSignature(batchID: Int64) throws -> String {
        let queries = [
            """
            SELECT gtin, lot, produced_on, expires_on, quantity, status, status_reason_zh, status_reason_en, status_since,
                factory_site_id FROM batch WHERE id = ?
            """,
            "SELECT farm_site_id, raw_milk_lot, tanker_plate, arrived_at, arrival_celsius FROM batch_origin WHERE batch_id = ? AND epcis_event_id IS NULL ORDER BY id",
            "SELECT sequence, occurred_at, site_id, biz_step, title_zh, title_en, detail_zh, detail_en, responsible FROM process_step WHERE batch_id = ? AND epcis_event_id IS NULL ORDER BY id",
            """
            SELECT stage, item_zh, item_en, method, value, not_detected, samples, unit, limit_min, limit_max, plan_n, plan_c, plan_m,
                plan_big_m, limit_unit, limit_source, verdict, lab_site_id, report_no, report_url, tested_at
            FROM lab_check WHERE batch_id = ? AND epcis_event_id IS NULL ORDER BY id
            """,
            "SELECT leg, recorded_at, celsius, max_celsius FROM cold_chain_reading WHERE batch_id = ? AND sensor_report_id IS NULL ORDER BY id",
            """
            SELECT kind, title_zh, title_en, url, alt_zh, alt_en, platform, starts_at, ends_at, replay_url, poster
            FROM media WHERE batch_id = ? ORDER BY id
            """,
        ]
        var signature = ""
        for sql in queries {
            for row in try Row.fetchAll(db, sql: sql, arguments: [batchID]) {
                signature += row.databaseValues.map { "\($0)" }.joined(separator: "\u{1F}") + "\u{1E}"
            }
            signature += "\u{1D}"
        }
        return signature
    }

    /// A batch's revision.
    public func revision(batchID: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT revision FROM batch WHERE id = ?", arguments: [batchID]) ?? 0
    }

    /// Puts a batch's revision back, when rows were rewritten with the same content: builds then
    /// see nothing to do for it. (Setting the revision itself does not fire the revision trigger.)
    public func restoreRevision(_ revision: Int64, batchID: Int64) throws {
        try db.execute(sql: "UPDATE batch SET revision = ? WHERE id = ?", arguments: [revision, batchID])
    }
}

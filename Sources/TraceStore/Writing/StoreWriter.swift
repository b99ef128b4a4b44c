import GRDB
public import TraceModel

/// Writes model values into the store inside one transaction (see `TraceStore.write`).
///
/// Statements are prepared once and reused, which is what makes a 100,000-batch demo store fast.
/// An id of 0 lets SQLite choose the row id; each insert returns the id used.
public final class StoreWriter {
    let db: Database

    init(db: Database) { self.db = db }

    @discardableResult
    private func insert(_ sql: String, _ arguments: StatementArguments) throws -> Int64 {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: arguments)
        return db.lastInsertedRowID
    }

    private func id(_ value: Int64) -> Int64? { value == 0 ? nil : value }

    /// Sets a `store_info` entry, e.g. `data_as_of`.
    public func setInfo(_ key: String, _ value: String) throws {
        try insert("INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)", [key, value])
    }

    @discardableResult
    public func insert(_ brand: Brand) throws -> Int64 {
        try insert(
            "INSERT INTO party (id, kind, name_zh, name_en, hotline, website) VALUES (?, 'brand', ?, ?, ?, ?)",
            [id(brand.id), brand.name.zh, brand.name.en, brand.hotline, brand.website])
    }

    public func insert(_ product: Product, brandID: Int64) throws {
        try insert(
            """
            INSERT INTO product (gtin, brand_id, name_zh, name_en, spec, category_zh, category_en, product_standard,
                formula_registration, production_licence, shelf_life_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                product.gtin.digits, brandID, product.name.zh, product.name.en, product.spec, product.category.zh,
                product.category.en, product.productStandard, product.formulaRegistration, product.productionLicence,
                product.shelfLifeDays,
            ])
    }

    /// Inserts a site; `gln` is its GS1 Global Location Number, which EPCIS events use to name it.
    @discardableResult
    public func insert(_ site: Site, gln: String? = nil) throws -> Int64 {
        try insert(
            """
            INSERT INTO site (id, code, kind, name_zh, name_en, region_zh, region_en, latitude, longitude, herd_size,
                description_zh, description_en, gln) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id(site.id), site.code, site.kind.rawValue, site.name.zh, site.name.en, site.region.zh, site.region.en,
                site.coordinate?.latitude, site.coordinate?.longitude, site.herdSize, site.description.zh,
                site.description.en, gln,
            ])
    }

    @discardableResult
    public func insert(_ batch: Batch) throws -> Int64 {
        var reason: LocalizedText?
        var since: CalendarDate?
        switch batch.status {
        case .released: break
        case .onHold(let why, let date), .recalled(let why, let date): (reason, since) = (why, date)
        }
        return try insert(
            """
            INSERT INTO batch (id, gtin, lot, produced_on, expires_on, quantity, status, status_reason_zh,
                status_reason_en, status_since, factory_site_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id(batch.id), batch.gtin.digits, batch.lot.text, batch.producedOn.description, batch.expiresOn.description,
                batch.quantity, batch.status.code, reason?.zh, reason?.en, since?.description, batch.factorySiteID,
            ])
    }

    /// Inserts an origin; `epcisEventID` names the event it was derived from (nil: entered by hand).
    @discardableResult
    public func insert(_ origin: BatchOrigin, batchID: Int64, epcisEventID: String? = nil) throws -> Int64 {
        try insert(
            """
            INSERT INTO batch_origin (id, batch_id, farm_site_id, raw_milk_lot, tanker_plate, arrived_at, arrival_celsius,
                epcis_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id(origin.id), batchID, origin.farmSiteID, origin.rawMilkLot, origin.tankerPlate,
                origin.arrivedAt?.description, origin.arrivalCelsius, epcisEventID,
            ])
    }

    /// Inserts a step; `epcisEventID` names the event it was derived from (nil: entered by hand).
    @discardableResult
    public func insert(_ step: ProcessStep, batchID: Int64, epcisEventID: String? = nil) throws -> Int64 {
        try insert(
            """
            INSERT INTO process_step (id, batch_id, sequence, occurred_at, site_id, biz_step, title_zh, title_en,
                detail_zh, detail_en, responsible, epcis_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id(step.id), batchID, step.sequence, step.occurredAt.description, step.siteID, step.bizStep,
                step.title.zh, step.title.en, step.detail.zh, step.detail.en, step.responsible, epcisEventID,
            ])
    }

    /// Inserts a check; `epcisEventID` names the event it was derived from (nil: entered by hand).
    @discardableResult
    public func insert(_ check: LabCheck, batchID: Int64, epcisEventID: String? = nil) throws -> Int64 {
        var value: Double?
        var notDetected = 0
        var samples: String?
        switch check.result {
        case .value(let measured): value = measured
        case .notDetected: notDetected = 1
        case .samples(let results):
            samples = results.map {
                switch $0 {
                case .value(let measured): formatNumber(measured)
                case .notDetected: "ND"
                }
            }.joined(separator: ";")
        case .missing: break
        }
        var limitMin: Double?
        var limitMax: Double?
        var plan: SamplingPlan?
        switch check.limit {
        case .none: break
        case .atMost(let max): limitMax = max
        case .atLeast(let min): limitMin = min
        case .range(let min, let max): (limitMin, limitMax) = (min, max)
        case .samplingPlan(let sampling): plan = sampling
        }
        let values: [(any DatabaseValueConvertible)?] = [
            id(check.id), batchID, check.stage.rawValue, check.item.zh, check.item.en, check.method, value, notDetected,
            samples, check.unit, limitMin, limitMax, plan?.n, plan?.c, plan?.m, plan?.bigM, check.limitUnit,
            check.limitSource, check.statedVerdict.rawValue, check.labSiteID, check.reportNumber, check.reportURL,
            check.testedAt?.description, epcisEventID,
        ]
        return try insert(
            """
            INSERT INTO lab_check (id, batch_id, stage, item_zh, item_en, method, value, not_detected, samples, unit,
                limit_min, limit_max, plan_n, plan_c, plan_m, plan_big_m, limit_unit, limit_source, verdict,
                lab_site_id, report_no, report_url, tested_at, epcis_event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, StatementArguments(values))
    }

    /// Inserts a reading; `sensorReportID` names the sensor report it was derived from (nil: entered by hand).
    @discardableResult
    public func insert(_ reading: ColdChainReading, batchID: Int64, sensorReportID: Int64? = nil) throws -> Int64 {
        try insert(
            """
            INSERT INTO cold_chain_reading (id, batch_id, leg, recorded_at, celsius, max_celsius, sensor_report_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [id(reading.id), batchID, reading.leg, reading.recordedAt.description, reading.celsius, reading.maximumCelsius, sensorReportID])
    }

    /// The row a media item or certificate belongs to.
    public enum Owner {
        case site(Int64)
        case batch(Int64)
    }

    @discardableResult
    public func insert(_ media: MediaItem, owner: Owner) throws -> Int64 {
        let (siteID, batchID): (Int64?, Int64?) =
            switch owner {
            case .site(let site): (site, nil)
            case .batch(let batch): (nil, batch)
            }
        return try insert(
            """
            INSERT INTO media (id, site_id, batch_id, kind, title_zh, title_en, url, alt_zh, alt_en, platform, starts_at,
                ends_at, replay_url, poster) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id(media.id), siteID, batchID, media.kind.rawValue, media.title.zh, media.title.en, media.url, media.alt.zh,
                media.alt.en, media.platform, media.startsAt?.description, media.endsAt?.description, media.replayURL,
                media.poster,
            ])
    }

    @discardableResult
    public func insert(_ certificate: Certificate, siteID: Int64) throws -> Int64 {
        try insert(
            """
            INSERT INTO certificate (id, site_id, name_zh, name_en, number, issuer, valid_from, valid_until, url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id(certificate.id), siteID, certificate.name.zh, certificate.name.en, certificate.number, certificate.issuer,
                certificate.validFrom?.description, certificate.validUntil?.description, certificate.url,
            ])
    }
}

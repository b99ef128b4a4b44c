import Foundation
import GRDB
import TraceModel

/// Column lists and decoders for the per-batch tables. Child rows are selected for a range of
/// batch ids at once (`batch_id BETWEEN ? AND ?`), column 1 being the batch id.
enum BatchDecoding {
    private static let batchColumns = """
        SELECT id, gtin, lot, produced_on, expires_on, quantity, status, status_reason_zh, status_reason_en,
               status_since, factory_site_id, revision
        FROM batch
        """
    /// The next chunk of batches in id order, up to an id.
    static let batchSQL = batchColumns + " WHERE id > ? AND id <= ? ORDER BY id LIMIT ?"
    /// One product's batches, newest first (product listing pages).
    static let productListingSQL = "SELECT id, revision FROM batch WHERE gtin = ? ORDER BY produced_on DESC, lot"
    static let batchesByIDSQL = batchColumns + " WHERE id IN"
    /// Batches a site supplied or handled (farm of an origin, factory, place of a step, lab of a
    /// check); `?1` is the site id. Each arm reads a covering index in batch order, so its
    /// DISTINCT needs no temporary table, and `IN` removes what the arms share: a laboratory
    /// with ten checks a batch fed a million rows to a UNION's temporary B-tree, and listing its
    /// batches took twice as long (0.28 s → 0.14 s at 100,000 batches).
    static let siteBatchIDs = """
        SELECT * FROM (SELECT DISTINCT batch_id FROM batch_origin WHERE farm_site_id = ?1)
        UNION ALL SELECT id FROM batch WHERE factory_site_id = ?1
        UNION ALL SELECT * FROM (SELECT DISTINCT batch_id FROM process_step WHERE site_id = ?1)
        UNION ALL SELECT * FROM (SELECT DISTINCT batch_id FROM lab_check WHERE lab_site_id = ?1)
        """
    static let notReleasedSQL = batchColumns + " WHERE status <> 'released' ORDER BY status_since DESC, gtin, lot"
    /// A site's batches, newest first.
    static let siteListingSQL = "SELECT id, revision FROM batch WHERE id IN (\(siteBatchIDs)) ORDER BY produced_on DESC, gtin, lot"
    static func batch(_ row: StoreRow) throws(StoreProblem) -> Batch {
        var f = RowFields(row, table: "batch")
        if let gtin = row.string(1), let lot = row.string(2) {
            f.batch = "\(gtin)/\(lot)"
        }
        let status: BatchStatus
        switch try f.text(6, "status") {
        case "released":
            status = .released
        case let code where code == "on_hold" || code == "recalled":
            guard let reason = try? f.localized(7, "status_reason") else {
                throw f.problem("status_reason_zh", "a batch that is \(code) needs a reason in Chinese and English")
            }
            guard let since = try f.optionalDate(9, "status_since") else {
                throw f.problem("status_since", "a batch that is \(code) needs the date it became so")
            }
            status = code == "recalled" ? .recalled(reason: reason, since: since) : .onHold(reason: reason, since: since)
        case let other:
            throw f.problem("status", "unknown status '\(other)' (released, on_hold or recalled)")
        }
        return Batch(
            id: f.id!, gtin: try f.gtin(1, "gtin"), lot: try f.lot(2, "lot"), producedOn: try f.date(3, "produced_on"),
            expiresOn: try f.date(4, "expires_on"), quantity: try f.optionalInt(5, "quantity"), status: status,
            factorySiteID: try f.optionalInt64(10, "factory_site_id"))
    }

    static let originSQL = """
        SELECT id, batch_id, farm_site_id, raw_milk_lot, tanker_plate, arrived_at, arrival_celsius
        FROM batch_origin WHERE batch_id BETWEEN ? AND ? ORDER BY batch_id, id
        """
    static func origin(_ row: StoreRow) throws(StoreProblem) -> BatchOrigin {
        let f = RowFields(row, table: "batch_origin")
        return BatchOrigin(
            id: f.id!, farmSiteID: Int64(try f.int(2, "farm_site_id")), rawMilkLot: try f.text(3, "raw_milk_lot"),
            tankerPlate: try f.optionalText(4, "tanker_plate"), arrivedAt: try f.optionalTimestamp(5, "arrived_at"),
            arrivalCelsius: try f.optionalDouble(6, "arrival_celsius"))
    }

    static let stepSQL = """
        SELECT id, batch_id, sequence, occurred_at, site_id, biz_step, title_zh, title_en, detail_zh, detail_en, responsible
        FROM process_step WHERE batch_id BETWEEN ? AND ? ORDER BY batch_id, sequence, id
        """
    static func step(_ row: StoreRow) throws(StoreProblem) -> ProcessStep {
        let f = RowFields(row, table: "process_step")
        return ProcessStep(
            id: f.id!, sequence: try f.int(2, "sequence"), occurredAt: try f.timestamp(3, "occurred_at"),
            siteID: try f.optionalInt64(4, "site_id"), bizStep: try f.text(5, "biz_step"), title: try f.localized(6, "title"),
            detail: try f.localized(8, "detail"), responsible: try f.optionalText(10, "responsible"))
    }

    static let checkSQL = """
        SELECT id, batch_id, stage, item_zh, item_en, method, value, not_detected, samples, unit,
               limit_min, limit_max, plan_n, plan_c, plan_m, plan_big_m, limit_unit, limit_source, verdict,
               lab_site_id, report_no, report_url, tested_at
        FROM lab_check WHERE batch_id BETWEEN ? AND ? ORDER BY batch_id, id
        """
    static func check(_ row: StoreRow) throws(StoreProblem) -> LabCheck {
        let f = RowFields(row, table: "lab_check")
        return LabCheck(
            id: f.id!, stage: try f.enumeration(2, "stage", as: LabCheck.Stage.self), item: try f.localized(3, "item"),
            method: try f.text(5, "method"), result: try result(f), unit: try f.text(9, "unit"), limit: try limit(f),
            limitUnit: try f.text(16, "limit_unit"), limitSource: try f.text(17, "limit_source"),
            statedVerdict: try f.enumeration(18, "verdict", as: Verdict.self), labSiteID: try f.optionalInt64(19, "lab_site_id"),
            reportNumber: try f.optionalText(20, "report_no"), reportURL: try f.optionalText(21, "report_url"),
            testedAt: try f.optionalTimestamp(22, "tested_at"))
    }

    private static func result(_ f: RowFields) throws(StoreProblem) -> CheckResult {
        if let samples = try f.optionalText(8, "samples") {
            var results: [SampleResult] = []
            for part in samples.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                let token = trimmingSpaces(part)
                if isND(token) || token == "未检出" {
                    results.append(.notDetected)
                } else if let value = Double(token), value.isFinite {
                    results.append(.value(value))
                } else {
                    throw f.problem("samples", "'\(token)' is neither a number nor ND")
                }
            }
            return .samples(results)
        }
        if try f.int(7, "not_detected") != 0 { return .notDetected }
        if let value = try f.optionalDouble(6, "value") { return .value(value) }
        return .missing
    }

    /// `part` without the spaces and tabs around it (what `CharacterSet.whitespaces` holds: tab
    /// and every space separator, the ideographic space among them). Foundation's
    /// `trimmingCharacters` goes through NSString, 0.7% of a build for the microbiology samples.
    private static func trimmingSpaces(_ part: Substring) -> Substring {
        // ASCII answered without Unicode's tables (the category lookup was most of this).
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = part.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// `ND` in any case: "not detected" in a sample list. Compared as bytes; counting and
    /// upper-casing `Character`s for every sample cost more than the comparison.
    private static func isND(_ token: Substring) -> Bool {
        let bytes = token.utf8
        guard bytes.count == 2 else { return false }
        return bytes.first! | 0x20 == UInt8(ascii: "n") && bytes.last! | 0x20 == UInt8(ascii: "d")
    }

    private static func limit(_ f: RowFields) throws(StoreProblem) -> CheckLimit {
        if let n = try f.optionalInt(12, "plan_n") {
            guard let c = try f.optionalInt(13, "plan_c"), let m = try f.optionalDouble(14, "plan_m"),
                let bigM = try f.optionalDouble(15, "plan_big_m")
            else { throw f.problem("plan_c", "a sampling plan needs n, c, m and M") }
            guard n > 0, c >= 0, c <= n, m <= bigM else { throw f.problem("plan_n", "plan n=\(n) c=\(c) m=\(m) M=\(bigM) is not a valid plan") }
            return .samplingPlan(SamplingPlan(n: n, c: c, m: m, bigM: bigM))
        }
        switch (try f.optionalDouble(10, "limit_min"), try f.optionalDouble(11, "limit_max")) {
        case (let min?, let max?):
            guard min <= max else { throw f.problem("limit_min", "minimum \(min) is above maximum \(max)") }
            return .range(min, max)
        case (let min?, nil): return .atLeast(min)
        case (nil, let max?): return .atMost(max)
        case (nil, nil): return .none
        }
    }

    static let readingSQL = """
        SELECT id, batch_id, leg, recorded_at, celsius, max_celsius
        FROM cold_chain_reading WHERE batch_id BETWEEN ? AND ? ORDER BY batch_id, recorded_at, id
        """
    static func reading(_ row: StoreRow) throws(StoreProblem) -> ColdChainReading {
        let f = RowFields(row, table: "cold_chain_reading")
        return ColdChainReading(
            id: f.id!, leg: try f.text(2, "leg"), recordedAt: try f.timestamp(3, "recorded_at"),
            celsius: try f.double(4, "celsius"), maximumCelsius: try f.optionalDouble(5, "max_celsius"))
    }
}

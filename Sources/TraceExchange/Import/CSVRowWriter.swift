import Foundation
import TraceModel
import TraceStore

/// Writes the records of each CSV table through the store writer, checking every field and every
/// reference (a batch's product, a step's site) and collecting problems rather than stopping.
struct CSVRowWriter {
    let writer: StoreWriter
    var problems: [ImportProblem] = []
    var written = 0
    var batchesTouched: Set<Int64> = []
    /// Batches (and sites, for media) whose hand rows of a table were already cleared this run.
    private var cleared: Set<String> = []
    /// Each rewritten batch's revision and hand-row fingerprint before this import touched it.
    private var before: [Int64: (revision: Int64, signature: String)] = [:]

    init(writer: StoreWriter) { self.writer = writer }

    mutating func write(_ table: CSVTable, as schema: CSVSchema.Table, file: String) throws {
        var columns: [String: Int] = [:]
        for (index, name) in table.header.enumerated() where columns[name] == nil { columns[name] = index }
        for record in table.records {
            var row = CSVRecordReader(file: file, line: record.line, fields: record.fields, columns: columns)
            if record.fields.count > table.header.count {
                row.report(table.header.last ?? "", "the line has \(record.fields.count) fields but the header has \(table.header.count)")
            }
            switch schema.name {
            case "products": try product(&row)
            case "sites": try site(&row)
            case "batches": try batch(&row)
            case "origins": try origin(&row)
            case "steps": try step(&row)
            case "checks": try check(&row)
            case "readings": try reading(&row)
            case "media": try media(&row)
            default: preconditionFailure("unknown table \(schema.name)")
            }
            problems += row.problems
        }
    }

    mutating func product(_ row: inout CSVRecordReader) throws {
        let gtin = row.gtin()
        let name = row.localized("name")
        let spec = row.text("spec")
        let category = row.localized("category")
        let standard = row.text("product_standard")
        let licence = row.text("production_licence")
        if !licence.isEmpty && !Product.isProductionLicence(licence) {
            row.report("production_licence", "'\(licence)' is not an SC licence number (SC and 14 digits)")
        }
        let shelfLife = row.integer("shelf_life_days")
        if shelfLife == nil && row.raw("shelf_life_days") == nil { row.report("shelf_life_days", "is empty") }
        let brand = Brand(id: 0, name: row.localized("brand"), hotline: row.raw("brand_hotline") ?? "", website: row.raw("brand_website") ?? "")
        guard row.problems.isEmpty, let gtin, let shelfLife else { return }
        let product = Product(
            gtin: gtin, name: name, spec: spec, category: category, productStandard: standard,
            formulaRegistration: row.raw("formula_registration"), productionLicence: licence, shelfLifeDays: shelfLife)
        try writer.upsert(product, brandID: try writer.brandID(for: brand))
        written += 1
    }

    mutating func site(_ row: inout CSVRecordReader) throws {
        let code = row.text("code")
        let kind = row.choice("kind", as: Site.Kind.self)
        let name = row.localized("name")
        let region = row.localized("region", required: false)
        let latitude = row.number("latitude")
        let longitude = row.number("longitude")
        var coordinate: Coordinate?
        if let latitude, let longitude {
            coordinate = Coordinate(latitude: latitude, longitude: longitude)
            if coordinate?.isValid == false { row.report("latitude", "(\(latitude), \(longitude)) is not a place on Earth") }
        } else if (latitude == nil) != (longitude == nil) {
            row.report(latitude == nil ? "latitude" : "longitude", "is empty while the other coordinate is given")
        }
        let gln = row.raw("gln")
        if let gln, !GS1CheckDigit.isValidGLN(gln) {
            row.report("gln", "'\(gln)' is not a GLN (13 digits with a valid check digit)")
        }
        let herd = row.integer("herd_size")
        guard row.problems.isEmpty, let kind else { return }
        let site = Site(
            id: 0, code: code, kind: kind, name: name, region: region, coordinate: coordinate, herdSize: herd,
            description: row.localized("description", required: false))
        _ = try writer.upsert(site, gln: gln)
        written += 1
    }

    private mutating func batch(_ row: inout CSVRecordReader) throws {
        let gtin = row.gtin()
        let lot = row.lot()
        let producedOn = row.date("produced_on")
        let expiresOn = row.date("expires_on")
        let quantity = row.integer("quantity")
        let statusCode = row.raw("status") ?? "released"
        var status = BatchStatus.released
        if statusCode != "released" {
            let reason = row.localized("status_reason")
            let since = row.date("status_since")
            switch (statusCode, since) {
            case ("on_hold", let since?): status = .onHold(reason: reason, since: since)
            case ("recalled", let since?): status = .recalled(reason: reason, since: since)
            case ("on_hold", nil), ("recalled", nil): break
            default: row.report("status", "'\(statusCode)' is not one of: released, on_hold, recalled")
            }
        }
        if let producedOn, let expiresOn, expiresOn <= producedOn {
            row.report("expires_on", "\(expiresOn) is not after the production date \(producedOn)")
        }
        let factory = try siteID(&row, "factory_code", mustBe: [.factory])
        if let gtin, try writer.shelfLifeDays(of: gtin.digits) == nil {
            row.report("gtin", "no product with GTIN \(gtin) (add it to products.csv)")
        }
        if let gtin, let lot, let stored = try writer.batch(gtin: gtin.digits, lot: lot.text), stored.lot != lot.text {
            row.report("lot", "'\(lot)' differs only in case from stored lot '\(stored.lot)'; they would share one folder")
        }
        guard row.problems.isEmpty, let gtin, let lot, let producedOn, let expiresOn else { return }
        if let existing = try writer.batch(gtin: gtin.digits, lot: lot.text) { try noteBefore(existing.id) }
        let id = try writer.upsert(
            Batch(
                id: 0, gtin: gtin, lot: lot, producedOn: producedOn, expiresOn: expiresOn, quantity: quantity, status: status,
                factorySiteID: factory))
        batchesTouched.insert(id)
        written += 1
    }

    private mutating func origin(_ row: inout CSVRecordReader) throws {
        let batchID = try batchID(&row)
        let farm = try siteID(&row, "farm_code", mustBe: [.farm, .pasture], required: true)
        let rawLot = row.text("raw_milk_lot")
        let arrivedAt = row.timestamp("arrived_at", required: false)
        let celsius = row.number("arrival_celsius")
        guard row.problems.isEmpty, let batchID, let farm else { return }
        try clear("batch_origin", batchID: batchID)
        _ = try writer.insert(
            BatchOrigin(id: 0, farmSiteID: farm, rawMilkLot: rawLot, tankerPlate: row.raw("tanker_plate"), arrivedAt: arrivedAt, arrivalCelsius: celsius),
            batchID: batchID)
        written += 1
    }

    private mutating func step(_ row: inout CSVRecordReader) throws {
        let batchID = try batchID(&row)
        let occurredAt = row.timestamp("occurred_at")
        let site = try siteID(&row, "site_code", mustBe: nil)
        let bizStep = CBVVocabulary.normalise(row.text("biz_step"), kind: "BizStep")
        let title = row.localized("title")
        let sequence = row.integer("sequence")
        guard row.problems.isEmpty, let batchID, let occurredAt else { return }
        try clear("process_step", batchID: batchID)
        let step = ProcessStep(
            id: 0, sequence: try sequence ?? writer.nextStepSequence(batchID: batchID), occurredAt: occurredAt, siteID: site,
            bizStep: bizStep, title: title, detail: row.localized("detail", required: false), responsible: row.raw("responsible"))
        _ = try writer.insert(step, batchID: batchID)
        written += 1
    }

    private mutating func check(_ row: inout CSVRecordReader) throws {
        let batchID = try batchID(&row)
        let stage = row.choice("stage", as: LabCheck.Stage.self)
        let item = row.localized("item")
        let method = row.text("method")
        let unit = row.text("unit")
        var result = CheckResult.missing
        if let samples = row.raw("samples") {
            var parsed: [SampleResult] = []
            for part in samples.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if part.uppercased() == "ND" { parsed.append(.notDetected) } else if let value = Double(part) { parsed.append(.value(value)) } else {
                    row.report("samples", "'\(part)' is neither a number nor ND (samples are separated by ';')")
                }
            }
            result = .samples(parsed)
        } else if let value = row.raw("value") {
            if ["ND", "未检出", "<LOD"].contains(value.uppercased()) { result = .notDetected } else if let number = row.number("value") {
                result = .value(number)
            }
        }
        var limit = CheckLimit.none
        if let n = row.integer("plan_n") {
            let c = row.integer("plan_c")
            let m = row.number("plan_m")
            let bigM = row.number("plan_big_m")
            if let c, let m, let bigM { limit = .samplingPlan(SamplingPlan(n: n, c: c, m: m, bigM: bigM)) } else {
                row.report("plan_n", "a sampling plan needs plan_n, plan_c, plan_m and plan_big_m")
            }
        } else {
            switch (row.number("limit_min"), row.number("limit_max")) {
            case (let min?, let max?): limit = .range(min, max)
            case (nil, let max?): limit = .atMost(max)
            case (let min?, nil): limit = .atLeast(min)
            case (nil, nil): break
            }
        }
        let limitUnit = row.raw("limit_unit") ?? unit
        let evaluation = VerdictEvaluation(result: result, unit: unit, limit: limit, limitUnit: limitUnit)
        let stated = row.choice("verdict", as: Verdict.self, default: evaluation.verdict)
        if let stated, stated != evaluation.verdict {
            row.report("verdict", "states '\(stated.rawValue)' but the numbers give '\(evaluation.verdict.rawValue)': \(evaluation.reason)")
        }
        let lab = try siteID(&row, "lab_code", mustBe: [.lab])
        let testedAt = row.timestamp("tested_at", required: false)
        let reportURL = row.webLink("report_url")
        guard row.problems.isEmpty, let batchID, let stage else { return }
        try clear("lab_check", batchID: batchID)
        let check = LabCheck(
            id: 0, stage: stage, item: item, method: method, result: result, unit: unit, limit: limit, limitUnit: limitUnit,
            limitSource: row.raw("limit_source") ?? "", statedVerdict: evaluation.verdict, labSiteID: lab,
            reportNumber: row.raw("report_no"), reportURL: reportURL, testedAt: testedAt)
        _ = try writer.insert(check, batchID: batchID)
        written += 1
    }

    private mutating func reading(_ row: inout CSVRecordReader) throws {
        let batchID = try batchID(&row)
        let leg = row.text("leg")
        let recordedAt = row.timestamp("recorded_at")
        let celsius = row.number("celsius")
        if celsius == nil && row.raw("celsius") == nil { row.report("celsius", "is empty") }
        let maximum = row.number("max_celsius")
        guard row.problems.isEmpty, let batchID, let recordedAt, let celsius else { return }
        try clear("cold_chain_reading", batchID: batchID)
        _ = try writer.insert(ColdChainReading(id: 0, leg: leg, recordedAt: recordedAt, celsius: celsius, maximumCelsius: maximum), batchID: batchID)
        written += 1
    }

    private mutating func media(_ row: inout CSVRecordReader) throws {
        let kind = row.choice("kind", as: MediaItem.Kind.self)
        let title = row.localized("title")
        let url = row.text("url")
        if !url.isEmpty && !isWebLink(url) && !isPublicAssetPath(url) {
            row.report("url", "'\(url)' is neither an http(s) link nor a path under Public/ such as images/farm.jpg")
        }
        let startsAt = row.timestamp("starts_at", required: false)
        let endsAt = row.timestamp("ends_at", required: false)
        if let startsAt, let endsAt, endsAt < startsAt { row.report("ends_at", "\(endsAt) is before the start \(startsAt)") }
        let replay = row.webLink("replay_url")
        let owner: StoreWriter.Owner?
        if row.raw("site_code") != nil {
            owner = try siteID(&row, "site_code", mustBe: nil).map { .site($0) }
        } else if row.raw("gtin") != nil || row.raw("lot") != nil {
            owner = try batchID(&row).map { .batch($0) }
        } else {
            row.report("site_code", "a media row belongs to a site (site_code) or a batch (gtin and lot)")
            owner = nil
        }
        guard row.problems.isEmpty, let kind, let owner else { return }
        switch owner {
        case .site(let id):
            if cleared.insert("media-site-\(id)").inserted { try writer.deleteMedia(siteID: id) }
        case .batch(let id): try clear("media", batchID: id)
        }
        let item = MediaItem(
            id: 0, kind: kind, title: title, url: url, alt: row.localized("alt", required: false), platform: row.raw("platform"),
            startsAt: startsAt, endsAt: endsAt, replayURL: replay, poster: row.raw("poster"))
        _ = try writer.insert(item, owner: owner)
        written += 1
    }

    /// The batch a child row names by `gtin` and `lot`; it must exist (in batches.csv or the store).
    private mutating func batchID(_ row: inout CSVRecordReader) throws -> Int64? {
        guard let gtin = row.gtin(), let lot = row.lot() else { return nil }
        guard let batch = try writer.batch(gtin: gtin.digits, lot: lot.text) else {
            row.report("lot", "no batch \(gtin)/\(lot) (add it to batches.csv)")
            return nil
        }
        return batch.id
    }

    /// The site a row names by code, optionally of given kinds.
    private mutating func siteID(_ row: inout CSVRecordReader, _ column: String, mustBe kinds: [Site.Kind]?, required: Bool = false) throws -> Int64? {
        guard let code = row.raw(column) else {
            if required { row.report(column, "is empty") }
            return nil
        }
        guard let found = try writer.site(code: code) else {
            row.report(column, "no site with code '\(code)' (add it to sites.csv)")
            return nil
        }
        if let kinds, !kinds.map(\.rawValue).contains(found.kind) {
            row.report(column, "site '\(code)' is a \(found.kind), not a \(kinds.map(\.rawValue).joined(separator: " or "))")
        }
        return found.id
    }

    /// Clears a batch's hand rows of a table the first time the file lists the batch.
    private mutating func clear(_ table: String, batchID: Int64) throws {
        try noteBefore(batchID)
        if cleared.insert("\(table)-\(batchID)").inserted { try writer.deleteHandRows(table, batchID: batchID) }
        batchesTouched.insert(batchID)
    }

    /// Remembers a batch's revision and rows the first time this import touches it.
    private mutating func noteBefore(_ batchID: Int64) throws {
        if before[batchID] == nil {
            before[batchID] = (try writer.revision(batchID: batchID), try writer.handRowsSignature(batchID: batchID))
        }
    }

    /// Gives batches whose rows came back exactly as they were their old revision, so a
    /// re-imported spreadsheet does not make the next build render them again.
    ///
    /// - Returns: The ids of the batches that did change.
    mutating func settleRevisions() throws -> Set<Int64> {
        var changed: Set<Int64> = []
        for (batchID, previous) in before {
            if try writer.handRowsSignature(batchID: batchID) == previous.signature {
                try writer.restoreRevision(previous.revision, batchID: batchID)
            } else {
                changed.insert(batchID)
            }
        }
        return changed.union(batchesTouched.subtracting(before.keys))
    }
}

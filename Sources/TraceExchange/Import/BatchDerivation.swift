import TraceModel
import TraceStore

/// Why a product lot could not become a batch (its lot cannot be served, say).
struct DerivationProblem: Error {
    let message: String
}

/// Derives the rows a batch page shows from every stored event that reaches the batch's lot:
/// the lot's own events, and those of every lot that went into it through TransformationEvents.
///
/// Rows entered by hand are kept; rows derived earlier are replaced, so deriving twice gives the
/// same rows. Stages follow lineage: events on the batch itself give finished-product checks,
/// events on lots nothing was made from (a farm's tank) raw-milk checks, the rest in-process.
struct BatchDerivation {
    let writer: StoreWriter
    var sites: SiteDirectory
    var notes: [String] = []
    /// Events already parsed (this import's, and earlier ones once read back), by id: reading
    /// a stored event's JSON again is the dearest step of deriving.
    var parsed: [String: EPCISEvent]

    init(writer: StoreWriter, sites: SiteDirectory, parsed: [String: EPCISEvent]) {
        self.writer = writer
        self.sites = sites
        self.parsed = parsed
    }

    /// Derives one product lot's rows; returns true when the batch now has any.
    mutating func derive(_ lot: LotKey) throws -> Bool {
        let lineage = try self.lineage(of: lot)
        var events: [EPCISEvent] = []
        var seen: Set<String> = []
        for member in lineage.lots {
            for id in try writer.eventIDs(naming: member.gtin.digits, member.lot) where seen.insert(id).inserted {
                if let event = parsed[id] {
                    events.append(event)
                } else if let document = try writer.eventDocument(id: id), let event = EPCISReader.storedEvent(document) {
                    parsed[id] = event
                    events.append(event)
                }
            }
        }
        events.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        guard !events.isEmpty else { return false }
        var lotsOf: [String: Set<LotKey>] = [:]
        for event in events { lotsOf[event.id] = Set(try writer.lots(ofEvent: event.id).compactMap(LotResolver.key)) }
        let batchID = try batchID(for: lot, events: events, lotsOf: lotsOf)
        try writer.deleteEventRows(batchID: batchID)
        var sequence = try writer.nextStepSequence(batchID: batchID)
        for event in events {
            let lots = lotsOf[event.id] ?? []
            let stage: LabCheck.Stage =
                lots.contains(lot) ? .finished : lots.isSubset(of: lineage.roots) && !lots.isEmpty ? .rawMilk : .inProcess
            let site = try event.location.flatMap { try sites.site($0) }
            if event.annotations.isStep {
                try writer.insert(
                    step(for: event, sequence: sequence, siteID: site?.id, otherLots: lots.subtracting([lot])), batchID: batchID,
                    epcisEventID: event.id)
                sequence += 1
            }
            let reportIDs = try writer.sensorReportIDs(event: event.id)
            for (index, report) in event.sensorReports.enumerated() {
                if report.isLabResult {
                    let check = labCheck(report, event: event, stage: report.check?.stage ?? stage, labSiteID: site?.kind == .lab ? site?.id : nil)
                    try writer.insert(check, batchID: batchID, epcisEventID: event.id)
                } else if let celsius = report.celsius {
                    let reading = ColdChainReading(
                        id: 0, leg: event.annotations.leg ?? event.bizStep ?? "sensor_reporting",
                        recordedAt: (report.time ?? event.time).inOffset(of: event.time), celsius: celsius,
                        maximumCelsius: event.annotations.maximumCelsius)
                    try writer.insert(reading, batchID: batchID, sensorReportID: index < reportIDs.count ? reportIDs[index] : nil)
                }
            }
            if lots.contains(lot), let disposition = event.disposition { try applyStatus(disposition, event: event, batchID: batchID) }
        }
        try deriveOrigins(lineage: lineage, events: events, lotsOf: lotsOf, batchID: batchID)
        try putStepsInTimeOrder(batchID: batchID)
        return true
    }

    /// The lot and every lot that went into it, with the roots (lots made from nothing recorded).
    private func lineage(of lot: LotKey) throws -> (lots: [LotKey], roots: Set<LotKey>) {
        var ordered: [LotKey] = [lot]
        var seen: Set<LotKey> = [lot]
        var roots: Set<LotKey> = []
        var index = 0
        while index < ordered.count {
            let current = ordered[index]
            index += 1
            let inputs = try writer.inputs(of: current.gtin.digits, current.lot).compactMap(LotResolver.key)
            if inputs.isEmpty && current != lot { roots.insert(current) }
            for input in inputs where seen.insert(input).inserted { ordered.append(input) }
        }
        return (ordered, roots)
    }

    /// The batch row for a product lot, created from its events when it does not exist yet.
    private mutating func batchID(for lot: LotKey, events: [EPCISEvent], lotsOf: [String: Set<LotKey>]) throws -> Int64 {
        if let existing = try writer.batch(gtin: lot.gtin.digits, lot: lot.lot) {
            if existing.lot != lot.lot {
                throw DerivationProblem(message: "lot '\(lot.lot)' of \(lot.gtin) differs only in case from stored lot '\(existing.lot)'; they would share one folder")
            }
            return existing.id
        }
        let servable: Lot
        do { servable = try Lot(lot.lot) } catch { throw DerivationProblem(message: "\(lot.gtin): \(error)") }
        let own = events.filter { lotsOf[$0.id]?.contains(lot) == true }
        let making =
            own.first { $0.lotExpiry != nil } ?? own.first { $0.kind == .transformation || $0.bizStep == "commissioning" } ?? own.first
            ?? events.last!
        let producedOn = making.time.local.date
        let shelfLife = try writer.shelfLifeDays(of: lot.gtin.digits) ?? 0
        let expiresOn = own.compactMap(\.lotExpiry).first ?? producedOn.adding(days: shelfLife)
        let factory = try making.location.flatMap { try sites.site($0) }
        let batch = Batch(
            id: 0, gtin: lot.gtin, lot: servable, producedOn: producedOn, expiresOn: expiresOn, quantity: nil, status: .released,
            factorySiteID: factory?.kind == .factory ? factory?.id : nil)
        return try writer.insert(batch)
    }

    private func step(for event: EPCISEvent, sequence: Int, siteID: Int64?, otherLots: Set<LotKey>) -> ProcessStep {
        var detail = event.annotations.detail ?? LocalizedText(zh: "", en: "")
        if event.annotations.detail == nil {
            var zh: [String] = []
            var en: [String] = []
            if let disposition = event.disposition {
                let text = CBVVocabulary.dispositionText(disposition)
                zh.append("状态：\(text.zh)")
                en.append("Status: \(text.en)")
            }
            let upstream = otherLots.sorted().map(\.lot)
            if !upstream.isEmpty {
                zh.append("批次：\(upstream.joined(separator: "、"))")
                en.append("Lots: \(upstream.joined(separator: ", "))")
            }
            detail = LocalizedText(zh: zh.joined(separator: "；"), en: en.joined(separator: "; "))
        }
        return ProcessStep(
            id: 0, sequence: sequence, occurredAt: event.time, siteID: siteID, bizStep: event.bizStep ?? "other",
            title: event.annotations.title ?? CBVVocabulary.stepTitle(bizStep: event.bizStep, eventType: event.kind.rawValue),
            detail: detail, responsible: event.annotations.responsible)
    }

    private func labCheck(_ report: SensorReading, event: EPCISEvent, stage: LabCheck.Stage, labSiteID: Int64?) -> LabCheck {
        let evaluation = report.labEvaluation
        return LabCheck(
            id: 0, stage: stage, item: report.check?.item ?? LocalizedText(zh: report.analyteName, en: report.analyteName),
            method: report.check?.method ?? "", result: report.labResult, unit: report.labUnit, limit: report.labLimit,
            limitUnit: report.check?.limitUnit ?? report.labUnit, limitSource: report.check?.limitSource ?? "",
            statedVerdict: evaluation.verdict, labSiteID: labSiteID, reportNumber: report.check?.reportNumber,
            reportURL: event.certificationInfo.first, testedAt: (report.time ?? event.time).inOffset(of: event.time))
    }

    /// `recalled` on the batch's own event recalls it; `non_conformant` puts it on hold.
    private func applyStatus(_ disposition: String, event: EPCISEvent, batchID: Int64) throws {
        let date = event.time.local.date
        switch disposition {
        case "recalled":
            let reason = event.annotations.statusReason ?? LocalizedText(zh: "已召回（EPCIS 事件）", en: "Recalled (EPCIS event)")
            try writer.raiseStatus(batchID: batchID, to: .recalled(reason: reason, since: date))
        case "non_conformant":
            let reason = event.annotations.statusReason ?? LocalizedText(zh: "检验不符合要求，暂停销售", en: "Non-conformant; on hold")
            try writer.raiseStatus(batchID: batchID, to: .onHold(reason: reason, since: date))
        default: break
        }
    }

    /// One origin per root lot that was first seen at a farm or pasture: its arrival is the first
    /// receiving event elsewhere, with that event's first temperature reading.
    private mutating func deriveOrigins(
        lineage: (lots: [LotKey], roots: Set<LotKey>), events: [EPCISEvent], lotsOf: [String: Set<LotKey>], batchID: Int64
    ) throws {
        for root in lineage.roots.sorted() {
            let own = events.filter { lotsOf[$0.id]?.contains(root) == true }
            guard let first = own.first else { continue }
            guard let farm = try first.location.flatMap({ try sites.site($0) }), farm.kind.suppliesRawMilk else {
                notes.append("lot \(root.lot) has no farm or pasture with a known GLN where it was first recorded; it is not shown as an origin")
                continue
            }
            let arrival = own.first { ($0.bizStep == "receiving" || $0.bizStep == "arriving") && $0.location != first.location }
            let origin = BatchOrigin(
                id: 0, farmSiteID: farm.id, rawMilkLot: root.lot, tankerPlate: own.lazy.compactMap(\.annotations.tankerPlate).first,
                arrivedAt: arrival?.time, arrivalCelsius: arrival?.sensorReports.lazy.compactMap(\.celsius).first)
            try writer.insert(origin, batchID: batchID, epcisEventID: first.id)
        }
        for event in events where lotsOf[event.id]?.contains(lineage.lots[0]) == true {
            guard let annotated = event.annotations.origin else { continue }
            guard let farm = try sites.site(annotated.farm), farm.kind.suppliesRawMilk else {
                throw DerivationProblem(message: "event \(event.id): tp:origin names \(annotated.farm.uri), which is not a farm or pasture in the store")
            }
            let origin = BatchOrigin(
                id: 0, farmSiteID: farm.id, rawMilkLot: annotated.rawMilkLot, tankerPlate: annotated.tankerPlate,
                arrivedAt: event.time, arrivalCelsius: annotated.arrivalCelsius)
            try writer.insert(origin, batchID: batchID, epcisEventID: event.id)
        }
    }

    /// Renumbers a batch's steps (hand-entered and derived) in time order.
    private func putStepsInTimeOrder(batchID: Int64) throws {
        let steps = try writer.steps(batchID: batchID).map { step in
            (step, (try? Timestamp(parsing: step.occurredAt)) ?? Timestamp(secondsSinceEpoch: 0, utcOffsetMinutes: 0))
        }
        let ordered = steps.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
        for (position, entry) in ordered.enumerated() where entry.element.0.sequence != position + 1 {
            try writer.setSequence(position + 1, stepID: entry.element.0.id)
        }
    }
}

extension Timestamp {
    /// The same instant, shown in another timestamp's UTC offset.
    func inOffset(of other: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch, nanoseconds: nanoseconds, utcOffsetMinutes: other.utcOffsetMinutes)
    }
}

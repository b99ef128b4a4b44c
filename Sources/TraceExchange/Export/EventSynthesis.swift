import TraceModel
import TraceStore

/// Turns rows entered by hand into EPCIS events and the store's sites and products into master
/// data, using the `tp:` fields `import epcis` reads back.
struct EventSynthesis {
    let reference: ReferenceData
    let glns: [Int64: String]
    let generation: String

    /// How a site is named in events: its GLN when it has one, else its code.
    func location(_ siteID: Int64?) -> LocationKey? {
        guard let siteID, let site = reference.sites[siteID] else { return nil }
        return glns[siteID].map(LocationKey.gln) ?? .code(site.code)
    }

    /// BusinessLocation and EPCClass vocabularies with every field `import` needs to recreate them.
    func masterData() -> [JSONValue] {
        func attributes(_ pairs: [(String, JSONValue?)]) -> JSONValue {
            .array(pairs.compactMap { name, value in value.map { .object(["id": .string(name), "attribute": $0]) } })
        }
        func text(_ value: String?) -> JSONValue? { value.flatMap { $0.isEmpty ? nil : .string($0) } }
        let locations: [JSONValue] = reference.sites.keys.sorted().map { id in
            let site = reference.sites[id]!
            return .object([
                "id": .string(location(id)!.uri),
                "attributes": attributes([
                    ("cbvmda:name", .string(site.name.zh)), ("tp:code", .string(site.code)), ("tp:kind", .string(site.kind.rawValue)),
                    ("tp:name_en", .string(site.name.en)), ("tp:region_zh", text(site.region.zh)), ("tp:region_en", text(site.region.en)),
                    ("tp:latitude", site.coordinate.map { .number($0.latitude) }), ("tp:longitude", site.coordinate.map { .number($0.longitude) }),
                    ("tp:herd_size", site.herdSize.map { .number(Double($0)) }), ("tp:description_zh", text(site.description.zh)),
                    ("tp:description_en", text(site.description.en)),
                ]),
            ])
        }
        let brand = reference.brand
        let products: [JSONValue] = reference.productsInOrder.map { product in
            .object([
                "id": .string("https://id.gs1.org/01/\(product.gtin)"),
                "attributes": attributes([
                    ("tp:name_zh", .string(product.name.zh)), ("tp:name_en", .string(product.name.en)), ("tp:spec", .string(product.spec)),
                    ("tp:category_zh", .string(product.category.zh)), ("tp:category_en", .string(product.category.en)),
                    ("tp:product_standard", .string(product.productStandard)), ("tp:formula_registration", text(product.formulaRegistration)),
                    ("tp:production_licence", .string(product.productionLicence)),
                    ("tp:shelf_life_days", .number(Double(product.shelfLifeDays))), ("tp:brand_zh", .string(brand.name.zh)),
                    ("tp:brand_en", .string(brand.name.en)), ("tp:brand_hotline", text(brand.hotline)), ("tp:brand_website", text(brand.website)),
                ]),
            ])
        }
        return [
            .object(["type": .string("urn:epcglobal:epcis:vtype:BusinessLocation"), "vocabularyElementList": .array(locations)]),
            .object(["type": .string("urn:epcglobal:epcis:vtype:EPCClass"), "vocabularyElementList": .array(products)]),
        ]
    }

    /// Events for a batch's hand-entered rows: its commissioning (dates, factory), status, steps,
    /// checks grouped by test, readings grouped by leg, and origins.
    func events(for record: BatchRecord, skipping derived: TraceStore.DerivedRows) -> [JSONValue] {
        let batch = record.batch
        let lot = LotKey(gtin: batch.gtin, lot: batch.lot.text)
        let quantity: JSONValue = .array([.object(["epcClass": .string(lot.digitalLinkURI)])])
        let startOfProduction = Timestamp.startOfDay(batch.producedOn)
        var events: [JSONValue] = []
        func event(_ time: Timestamp, isStep: Bool = false, _ fields: [String: JSONValue?]) {
            var members: [String: JSONValue] = [
                "type": .string("ObjectEvent"), "action": .string("OBSERVE"), "eventTime": .string(time.description),
                "eventTimeZoneOffset": .string(time.offsetText), "quantityList": quantity, "tp:exportedFromStore": .string(generation),
            ]
            for (key, value) in fields { members[key] = value }
            if !isStep { members["tp:step"] = .bool(false) }
            members["eventID"] = .string(EPCISReader.contentHashID(of: .object(members)))
            events.append(.object(members))
        }
        func place(_ siteID: Int64?) -> JSONValue? { location(siteID).map { .object(["id": .string($0.uri)]) } }
        func localized(_ text: LocalizedText) -> JSONValue? {
            text.zh.isEmpty && text.en.isEmpty ? nil : .object(["zh": .string(text.zh), "en": .string(text.en)])
        }

        // A batch that events name got its dates and status from them; only hand-made ones need these.
        let isHandMade = !derived.eventLots.contains("\(batch.gtin)/\(batch.lot)")
        if isHandMade {
            event(startOfProduction, [
                "action": .string("ADD"), "bizStep": .string("commissioning"), "bizLocation": place(batch.factorySiteID),
                "ilmd": .object(["cbvmda:itemExpirationDate": .string(batch.expiresOn.description)]),
                "tp:title": localized(LocalizedText(zh: "批次投产", en: "Batch started")),
            ])
            switch batch.status {
            case .released: break
            case .onHold(let reason, let since), .recalled(let reason, let since):
                let disposition = batch.status.code == "recalled" ? "recalled" : "non_conformant"
                event(Timestamp.startOfDay(since), ["disposition": .string(disposition), "tp:statusReason": localized(reason)])
            }
        }
        for step in record.steps where !derived.steps.contains(step.id) {
            event(step.occurredAt, isStep: true, [
                "bizStep": .string(step.bizStep), "bizLocation": place(step.siteID), "tp:title": localized(step.title),
                "tp:detail": localized(step.detail), "tp:responsible": step.responsible.map(JSONValue.string),
            ])
        }
        let handChecks = record.checks.filter { !derived.checks.contains($0.id) }
        for checks in grouped(handChecks, by: { "\($0.testedAt?.description ?? "")|\($0.labSiteID ?? 0)|\($0.reportURL ?? "")" }) {
            let first = checks[0]
            event(first.testedAt ?? startOfProduction, [
                "bizStep": .string("inspecting"), "bizLocation": place(first.labSiteID),
                "certificationInfo": first.reportURL.map(JSONValue.string),
                "sensorElementList": .array([.object(["sensorReport": .array(checks.map(sensorReport))])]),
            ])
        }
        let handReadings = record.readings.filter { !derived.readings.contains($0.id) }
        for readings in grouped(handReadings, by: { "\($0.leg)|\($0.maximumCelsius.map(JSONValue.numberText) ?? "")" }) {
            event(readings[0].recordedAt, [
                "bizStep": .string("sensor_reporting"), "tp:leg": .string(readings[0].leg),
                "tp:maximumCelsius": readings[0].maximumCelsius.map(JSONValue.number),
                "sensorElementList": .array([
                    .object([
                        "sensorReport": .array(
                            readings.map {
                                .object([
                                    "type": .string("gs1:Temperature"), "value": .number($0.celsius), "uom": .string("CEL"),
                                    "time": .string($0.recordedAt.description),
                                ])
                            })
                    ])
                ]),
            ])
        }
        for origin in record.origins where !derived.origins.contains(origin.id) {
            guard let farm = location(origin.farmSiteID) else { continue }
            var annotation: [String: JSONValue] = ["farm": .string(farm.uri), "rawMilkLot": .string(origin.rawMilkLot)]
            annotation["tankerPlate"] = origin.tankerPlate.map(JSONValue.string)
            annotation["arrivalCelsius"] = origin.arrivalCelsius.map(JSONValue.number)
            event(origin.arrivedAt ?? startOfProduction, [
                "bizStep": .string("receiving"), "bizLocation": place(batch.factorySiteID), "tp:origin": .object(annotation),
            ])
        }
        return events
    }

    /// Items grouped by key, groups in the order their first item appears (so exports are stable).
    private func grouped<Item>(_ items: [Item], by key: (Item) -> String) -> [[Item]] {
        var groups: [String: Int] = [:]
        var result: [[Item]] = []
        for item in items {
            let name = key(item)
            if let index = groups[name] {
                result[index].append(item)
            } else {
                groups[name] = result.count
                result.append([item])
            }
        }
        return result
    }

    private func sensorReport(_ check: LabCheck) -> JSONValue {
        var report: [String: JSONValue] = [
            "tp:item": .object(["zh": .string(check.item.zh), "en": .string(check.item.en)]), "tp:unit": .string(check.unit),
            "tp:limitUnit": .string(check.limitUnit), "tp:verdict": .string(check.statedVerdict.rawValue),
            "tp:stage": .string(check.stage.rawValue),
        ]
        if !check.method.isEmpty { report["tp:method"] = .string(check.method) }
        if !check.limitSource.isEmpty { report["tp:limitSource"] = .string(check.limitSource) }
        report["tp:reportNumber"] = check.reportNumber.map(JSONValue.string)
        switch check.result {
        case .value(let value): report["value"] = .number(value)
        case .notDetected: report["tp:notDetected"] = .bool(true)
        case .samples(let samples):
            report["tp:samples"] = .array(samples.map { if case .value(let value) = $0 { .number(value) } else { .string("ND") } })
        case .missing: break
        }
        switch check.limit {
        case .none: break
        case .atMost(let max): report["tp:limitMax"] = .number(max)
        case .atLeast(let min): report["tp:limitMin"] = .number(min)
        case .range(let min, let max): (report["tp:limitMin"], report["tp:limitMax"]) = (.number(min), .number(max))
        case .samplingPlan(let plan):
            report["tp:plan"] = .object([
                "n": .number(Double(plan.n)), "c": .number(Double(plan.c)), "m": .number(plan.m), "M": .number(plan.bigM),
            ])
        }
        return .object(report)
    }
}

extension Timestamp {
    /// Midnight at the start of a day, China time: when a row gives only a date.
    static func startOfDay(_ date: CalendarDate) -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400 - 8 * 3600, utcOffsetMinutes: 8 * 60)
    }
}

import TraceModel

extension BatchPage {
    static func journeyFields(_ record: BatchRecord, site: SiteContext) -> ViewObject {
        let steps = record.steps.map { step -> ViewObject in
            let place = step.siteID.flatMap { site.reference.sites[$0] }
            return [
                "sequence": .text(String(step.sequence)),
                "time": .text(DisplayFormat.localTime(step.occurredAt)),
                "offset": .text(DisplayFormat.offset(step.occurredAt)),
                "datetime": .text(step.occurredAt.description),
                "title_zh": .text(step.title.zh),
                "title_en": .text(step.title.en),
                "detail_zh": .text(step.detail.zh),
                "detail_en": .text(step.detail.en),
                "place_zh": .text(place?.name.zh),
                "place_en": .text(place?.name.en),
                "responsible": .text(step.responsible),
                "biz_step": .text(step.bizStep),
            ]
        }
        // "Milk to processing": from the first step (milking) to the first step at the factory.
        var milkToFactory: (zh: String, en: String)?
        if let first = record.steps.first, let factory = record.batch.factorySiteID,
            let arrival = record.steps.first(where: { $0.siteID == factory })
        {
            milkToFactory = DisplayFormat.duration(seconds: first.occurredAt.seconds(until: arrival.occurredAt))
        }
        return [
            "steps": .objects(steps),
            "step_count": .text(String(steps.count)),
            "milk_to_factory_zh": .text(milkToFactory?.zh),
            "milk_to_factory_en": .text(milkToFactory?.en),
        ]
    }

    static func coldChainFields(_ record: BatchRecord) -> ViewObject {
        var legOrder: [String] = []
        var byLeg: [String: [ColdChainReading]] = [:]
        for reading in record.readings {
            if byLeg[reading.leg] == nil { legOrder.append(reading.leg) }
            byLeg[reading.leg, default: []].append(reading)
        }
        var excursions: [ViewObject] = []
        let legs = legOrder.map { code -> ViewObject in
            let readings = byLeg[code]!
            let label = Labels.leg(code)
            let values = readings.map(\.celsius)
            let limit = readings.compactMap(\.maximumCelsius).min()
            for reading in readings where reading.isExcursion {
                excursions.append([
                    "leg_zh": .text(label.zh),
                    "leg_en": .text(label.en),
                    "time": .text(DisplayFormat.localTime(reading.recordedAt)),
                    "celsius": .text(DisplayFormat.celsius(reading.celsius)),
                    "limit": .text(reading.maximumCelsius.map(DisplayFormat.celsius)),
                ])
            }
            return [
                "leg_zh": .text(label.zh),
                "leg_en": .text(label.en),
                "count": .text(String(readings.count)),
                "min": .text(DisplayFormat.celsius(values.min()!)),
                "max": .text(DisplayFormat.celsius(values.max()!)),
                "limit": .text(limit.map { "≤ " + DisplayFormat.celsius($0) }),
                "from": .text(DisplayFormat.localTime(readings.first!.recordedAt)),
                "to": .text(DisplayFormat.localTime(readings.last!.recordedAt)),
                "has_excursion": .flag(readings.contains(where: \.isExcursion)),
                "chart": .text(ColdChainChart.svg(readings, limit: limit)),
                "readings": .objects(
                    readings.map { reading in
                        [
                            "time": .text(DisplayFormat.localTime(reading.recordedAt)),
                            "celsius": .text(DisplayFormat.celsius(reading.celsius)),
                            "is_excursion": .flag(reading.isExcursion),
                        ]
                    }),
            ]
        }
        return [
            "cold_chain_legs": .objects(legs),
            "has_cold_chain": .flag(!legs.isEmpty),
            "excursions": .objects(excursions),
            "has_excursions": .flag(!excursions.isEmpty),
            "excursion_count": .text(String(excursions.count)),
        ]
    }
}

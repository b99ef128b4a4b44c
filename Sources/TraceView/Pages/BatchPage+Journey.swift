import TraceModel

extension BatchPage {
    /// How a step's time is shown, the same in every language: drawn once per batch.
    struct StepTimes: Sendable {
        let sequence: String
        let time: String
        let offset: String
        let datetime: String

        init(_ step: ProcessStep) {
            sequence = String(step.sequence)
            time = DisplayFormat.localTime(step.occurredAt)
            offset = DisplayFormat.offset(step.occurredAt)
            datetime = step.occurredAt.description
        }
    }

    static func journeyFields(_ record: BatchRecord, site: SiteContext, language: Language, times: [StepTimes]) -> ViewObject {
        let steps = zip(record.steps, times).map { step, times -> ViewObject in
            return [
                "sequence": .text(times.sequence),
                "time": .text(times.time),
                "offset": .text(times.offset),
                "datetime": .text(times.datetime),
                "title": .text(language.pick(step.title)),
                "detail": .text(language.pick(step.detail)),
                "place": .text(site.siteName(step.siteID, language)),
                "responsible": .text(step.responsible),
                "biz_step": .text(step.bizStep),
            ]
        }
        // "Milk to processing": from the first step (milking) to the first step at the factory.
        var milkToFactory: LocalizedText?
        if let first = record.steps.first, let factory = record.batch.factorySiteID,
            let arrival = record.steps.first(where: { $0.siteID == factory })
        {
            let duration = DisplayFormat.duration(seconds: first.occurredAt.seconds(until: arrival.occurredAt))
            milkToFactory = LocalizedText(zh: duration.zh, en: duration.en)
        }
        return [
            "steps": .objects(steps),
            "step_count": .text(String(steps.count)),
            "milk_to_factory": .text(milkToFactory.map { language.pick($0) }),
        ]
    }

    /// Charts of each leg, in leg order: the same in every language, so drawn once per batch.
    static func coldChainCharts(_ record: BatchRecord) -> [String: String] {
        var byLeg: [String: [ColdChainReading]] = [:]
        for reading in record.readings { byLeg[reading.leg, default: []].append(reading) }
        return byLeg.mapValues { readings in ColdChainChart.svg(readings, limit: readings.compactMap(\.maximumCelsius).min()) }
    }

    static func coldChainFields(_ record: BatchRecord, language: Language, charts: [String: String]) -> ViewObject {
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
                    "leg": .text(language.pick(label)),
                    "time": .text(DisplayFormat.localTime(reading.recordedAt)),
                    "celsius": .text(DisplayFormat.celsius(reading.celsius)),
                    "limit": .text(reading.maximumCelsius.map(DisplayFormat.celsius)),
                ])
            }
            return [
                "leg": .text(language.pick(label)),
                "count": .text(String(readings.count)),
                "min": .text(DisplayFormat.celsius(values.min()!)),
                "max": .text(DisplayFormat.celsius(values.max()!)),
                "limit": .text(limit.map { "≤ " + DisplayFormat.celsius($0) }),
                "from": .text(DisplayFormat.localTime(readings.first!.recordedAt)),
                "to": .text(DisplayFormat.localTime(readings.last!.recordedAt)),
                "has_excursion": .flag(readings.contains(where: \.isExcursion)),
                "chart": .text(charts[code] ?? ColdChainChart.svg(readings, limit: limit)),
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

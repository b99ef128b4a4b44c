import TraceModel

extension BatchPage {
    /// What a step shows besides its time (a `.time` value), the same in every language: drawn once per batch.
    struct StepTimes: Sendable {
        let sequence: String
        let offset: String

        init(_ step: ProcessStep) {
            sequence = String(step.sequence)
            offset = DisplayFormat.offset(step.occurredAt)
        }
    }

    static func journeyFields(_ record: BatchRecord, site: SiteContext, times: [StepTimes]) -> ViewObject {
        // Rows made as list values: a list of objects mapped into one copied every row again.
        let steps = zip(record.steps, times).map { step, times -> ViewValue in
            .object([
                "sequence": .text(times.sequence),
                "time": .time(step.occurredAt, .minute),
                "offset": .text(times.offset),
                "datetime": .time(step.occurredAt, .instant),
                "title": .localized(step.title),
                "detail": .localized(step.detail),
                "place": .localized(site.siteNames(step.siteID)),
                "responsible": .text(step.responsible),
                "biz_step": .text(step.bizStep),
            ])
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
            "steps": .list(steps),
            "step_count": .text(String(steps.count)),
            "milk_to_factory": .localized(milkToFactory),
        ]
    }
}

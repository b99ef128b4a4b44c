public import TraceModel

/// What the documents of one batch show that no language changes: worked out once per batch and
/// read by both pages and `data.json`, instead of being formatted again for each.
public struct BatchFacts: Sendable {
    /// The batch's Digital Link: made once, read by every document (each made its own).
    public let link: DigitalLink
    /// The schema.org JSON-LD embedded in both pages.
    let jsonLD: String
    /// Cold-chain legs in the order of their first reading, charted.
    let coldChainLegs: [BatchPage.ColdChainLeg]
    /// Per check, in the record's order.
    let checks: [BatchPage.CheckTexts]
    /// Per step, in the record's order.
    let steps: [BatchPage.StepTimes]

    public init(_ record: BatchRecord, in site: SiteContext) {
        link = DigitalLink(base: site.baseURL, gtin: record.batch.gtin, lot: record.batch.lot)
        jsonLD = ProductJSONLD.document(for: record, in: site, link: link)
        coldChainLegs = BatchPage.ColdChainLeg.legs(of: record.readings)
        // A batch's dozen checks come from two or three test runs: a time written once is
        // reused while the next check has the same one (same instant, same offset).
        var last: (time: Timestamp, text: String)?
        checks = record.checks.map { check in
            BatchPage.CheckTexts(check) { time in
                if let last, last.time == time, last.time.utcOffsetMinutes == time.utcOffsetMinutes { return last.text }
                let text = DisplayFormat.localTime(time)
                last = (time, text)
                return text
            }
        }
        steps = record.steps.map(BatchPage.StepTimes.init)
    }
}

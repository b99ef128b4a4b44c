public import TraceModel

/// What the documents of one batch show that no language changes: worked out once per batch and
/// read by both pages and `data.json`, instead of being formatted again for each.
public struct BatchFacts: Sendable {
    /// The schema.org JSON-LD embedded in both pages.
    let jsonLD: String
    /// Cold-chain legs in the order of their first reading, charted.
    let coldChainLegs: [BatchPage.ColdChainLeg]
    /// Per check, in the record's order.
    let checks: [BatchPage.CheckTexts]
    /// Per step, in the record's order.
    let steps: [BatchPage.StepTimes]

    public init(_ record: BatchRecord, in site: SiteContext) {
        jsonLD = ProductJSONLD.document(for: record, in: site)
        coldChainLegs = BatchPage.ColdChainLeg.legs(of: record.readings)
        checks = record.checks.map(BatchPage.CheckTexts.init)
        steps = record.steps.map(BatchPage.StepTimes.init)
    }
}

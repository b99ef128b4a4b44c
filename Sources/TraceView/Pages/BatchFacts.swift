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
        checks = record.checks.map(BatchPage.CheckTexts.init)
        steps = record.steps.map(BatchPage.StepTimes.init)
    }
}

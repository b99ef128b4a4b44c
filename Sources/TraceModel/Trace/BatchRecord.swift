/// Everything the store knows about one batch: what one batch page shows.
public struct BatchRecord: Hashable, Sendable {
    public var batch: Batch
    public var origins: [BatchOrigin]
    /// In journey order.
    public var steps: [ProcessStep]
    public var checks: [LabCheck]
    /// In time order.
    public var readings: [ColdChainReading]
    public var media: [MediaItem]

    public init(
        batch: Batch, origins: [BatchOrigin] = [], steps: [ProcessStep] = [], checks: [LabCheck] = [],
        readings: [ColdChainReading] = [], media: [MediaItem] = []
    ) {
        self.batch = batch
        self.origins = origins
        self.steps = steps
        self.checks = checks
        self.readings = readings
        self.media = media
    }
}

extension BatchRecord {
    /// The sites the batch's rows name, each once, in id order: its factory, the farms of its
    /// milk, the places of its steps and the labs of its checks. What its pages show of the
    /// store's sites comes from these alone (`ReferenceDigests` keys it by them).
    public var siteIDs: [Int64] {
        var ids = origins.map(\.farmSiteID) + steps.compactMap(\.siteID) + checks.compactMap(\.labSiteID)
        if let factory = batch.factorySiteID { ids.append(factory) }
        return Set(ids).sorted()
    }
}

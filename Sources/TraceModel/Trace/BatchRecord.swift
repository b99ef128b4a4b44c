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

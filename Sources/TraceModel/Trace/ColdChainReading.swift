/// One temperature reading on a leg of the cold chain.
public struct ColdChainReading: Hashable, Sendable {
    public var id: Int64
    /// Leg code, e.g. `farm_tank`, `tanker`, `factory_silo`.
    public var leg: String
    public var recordedAt: Timestamp
    public var celsius: Double
    /// The highest allowed temperature on this leg, when one applies.
    public var maximumCelsius: Double?

    public init(id: Int64, leg: String, recordedAt: Timestamp, celsius: Double, maximumCelsius: Double?) {
        self.id = id
        self.leg = leg
        self.recordedAt = recordedAt
        self.celsius = celsius
        self.maximumCelsius = maximumCelsius
    }

    /// Whether the reading is above its leg's limit.
    public var isExcursion: Bool { maximumCelsius.map { celsius > $0 } ?? false }
}

/// A raw-milk delivery that went into a batch: which farm, which tanker, how cold on arrival.
public struct BatchOrigin: Hashable, Sendable {
    public var id: Int64
    public var farmSiteID: Int64
    public var rawMilkLot: String
    public var tankerPlate: String?
    public var arrivedAt: Timestamp?
    public var arrivalCelsius: Double?

    public init(
        id: Int64, farmSiteID: Int64, rawMilkLot: String, tankerPlate: String?, arrivedAt: Timestamp?,
        arrivalCelsius: Double?
    ) {
        self.id = id
        self.farmSiteID = farmSiteID
        self.rawMilkLot = rawMilkLot
        self.tankerPlate = tankerPlate
        self.arrivedAt = arrivedAt
        self.arrivalCelsius = arrivalCelsius
    }
}

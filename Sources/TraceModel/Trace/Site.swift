/// A place in the chain: farm, pasture, factory, lab, warehouse or store.
public struct Site: Hashable, Sendable {
    /// What kind of place a site is.
    public enum Kind: String, CaseIterable, Sendable {
        case farm, pasture, factory, lab, warehouse, store

        /// Whether raw milk can come from a site of this kind (a batch origin's farm).
        public var suppliesRawMilk: Bool { self == .farm || self == .pasture }
    }

    public var id: Int64
    /// Stable short code used in URLs, e.g. `qiqihar-pasture`.
    public var code: String
    public var kind: Kind
    public var name: LocalizedText
    /// Province / city / county, e.g. 黑龙江省齐齐哈尔市.
    public var region: LocalizedText
    /// WGS 84 latitude and longitude in degrees, when known.
    public var coordinate: Coordinate?
    /// Herd size for farms and pastures.
    public var herdSize: Int?
    public var description: LocalizedText

    public init(
        id: Int64, code: String, kind: Kind, name: LocalizedText, region: LocalizedText, coordinate: Coordinate?,
        herdSize: Int?, description: LocalizedText
    ) {
        self.id = id
        self.code = code
        self.kind = kind
        self.name = name
        self.region = region
        self.coordinate = coordinate
        self.herdSize = herdSize
        self.description = description
    }
}

/// A WGS 84 position.
public struct Coordinate: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether both values are on the globe.
    public var isValid: Bool { (-90...90).contains(latitude) && (-180...180).contains(longitude) }
}

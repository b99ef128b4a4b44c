/// An EPCIS 2.0 capture or query document, read: its events and the location master data.
public struct EPCISDocument: Sendable {
    public var events: [EPCISEvent]
    /// Names and places of locations from `epcisHeader.epcisMasterData`, by GLN.
    public var locations: [String: LocationMasterData]
    /// Set when the document was written by `tracepress export` (its store's generation).
    public var exportedFromStore: String?
    /// Fields read but not used, worth a note (e.g. an unknown top-level type of event list).
    public var notes: [String]
}

/// What master data says about one location (`urn:epcglobal:epcis:vtype:BusinessLocation`).
public struct LocationMasterData: Sendable, Equatable {
    public var gln: String
    public var name: String?
    public var nameEnglish: String?
    public var region: String?
    public var latitude: Double?
    public var longitude: Double?
    /// `tp:siteKind`: farm, pasture, factory, lab, warehouse or store.
    public var siteKind: String?
}

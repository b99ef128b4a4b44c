/// An EPCIS 2.0 capture or query document, read: its events and master data.
public struct EPCISDocument: Sendable {
    public var events: [EPCISEvent]
    /// Locations and product classes from `epcisHeader.epcisMasterData`.
    public var masterData: [MasterDataElement]
}

/// One vocabulary element of the header's master data: a location or a product class.
public struct MasterDataElement: Sendable {
    public enum Kind: Sendable { case location(LocationKey), productClass(String) }

    public var kind: Kind
    /// Where it is in the document.
    public var pointer: String
    /// Attribute values by their last word (`cbvmda:name` → `name`, `tp:name_en` → `name_en`),
    /// numbers as text, each with its JSON pointer.
    public var attributes: [String: (text: String, place: String)]
}

/// How an event or master data names a site: by GLN, or by the site's code in the store
/// (`urn:tracepress:site:{code}`, which export writes for sites that have no GLN).
public enum LocationKey: Hashable, Sendable {
    case gln(String)
    case code(String)

    /// The identifier export writes.
    public var uri: String {
        switch self {
        case .gln(let gln): "https://id.gs1.org/414/\(gln)"
        case .code(let code): "urn:tracepress:site:\(code)"
        }
    }
}

/// One production batch (lot) of a product: the unit a consumer's QR code points to.
public struct Batch: Hashable, Sendable {
    public var id: Int64
    public var gtin: GTIN
    public var lot: Lot
    public var producedOn: CalendarDate
    public var expiresOn: CalendarDate
    /// Units produced, when known.
    public var quantity: Int?
    public var status: BatchStatus
    /// The factory site that made it.
    public var factorySiteID: Int64?

    public init(
        id: Int64, gtin: GTIN, lot: Lot, producedOn: CalendarDate, expiresOn: CalendarDate, quantity: Int?,
        status: BatchStatus, factorySiteID: Int64?
    ) {
        self.id = id
        self.gtin = gtin
        self.lot = lot
        self.producedOn = producedOn
        self.expiresOn = expiresOn
        self.quantity = quantity
        self.status = status
        self.factorySiteID = factorySiteID
    }
}

/// Whether a batch may be sold.
public enum BatchStatus: Hashable, Sendable {
    /// Released for sale after release inspection.
    case released
    /// Held: not to be sold until further notice.
    case onHold(reason: LocalizedText, since: CalendarDate)
    /// Recalled: consumers should stop using it.
    case recalled(reason: LocalizedText, since: CalendarDate)

    /// The word stored in the `status` column.
    public var code: String {
        switch self {
        case .released: "released"
        case .onHold: "on_hold"
        case .recalled: "recalled"
        }
    }
}

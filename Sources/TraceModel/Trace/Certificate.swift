/// A certificate held by a site or a product (organic, GAP, ISO 22000, HACCP…).
public struct Certificate: Hashable, Sendable {
    public var id: Int64
    public var name: LocalizedText
    public var number: String
    public var issuer: String
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?
    public var url: String?

    public init(
        id: Int64, name: LocalizedText, number: String, issuer: String, validFrom: CalendarDate?,
        validUntil: CalendarDate?, url: String?
    ) {
        self.id = id
        self.name = name
        self.number = number
        self.issuer = issuer
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.url = url
    }
}

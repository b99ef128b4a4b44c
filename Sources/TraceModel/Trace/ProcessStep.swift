/// One step of the journey from milking to sealed can, in the order it happened.
public struct ProcessStep: Hashable, Sendable {
    public var id: Int64
    /// Position in the journey, 1-based.
    public var sequence: Int
    public var occurredAt: Timestamp
    public var siteID: Int64?
    /// CBV business step (bare word, e.g. `commissioning`).
    public var bizStep: String
    public var title: LocalizedText
    public var detail: LocalizedText
    /// Who was responsible (operator, shift, company).
    public var responsible: String?

    public init(
        id: Int64, sequence: Int, occurredAt: Timestamp, siteID: Int64?, bizStep: String, title: LocalizedText,
        detail: LocalizedText, responsible: String?
    ) {
        self.id = id
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.siteID = siteID
        self.bizStep = bizStep
        self.title = title
        self.detail = detail
        self.responsible = responsible
    }
}

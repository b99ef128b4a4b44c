/// One inconsistency in the trace store, located by table, row and field.
///
/// Prints as one line, e.g.
/// `lab_check row 812 field verdict: stated 'pass' but 0.7 exceeds the maximum 0.5 µg/kg (batch 06901234567892/24A0113)`.
public struct StoreProblem: Hashable, Sendable, CustomStringConvertible {
    public var table: String
    /// The row's primary key, when the row has one.
    public var rowID: Int64?
    public var field: String
    public var message: String
    /// `GTIN/lot` of the batch concerned, when there is one.
    public var batch: String?

    public init(table: String, rowID: Int64?, field: String, message: String, batch: String? = nil) {
        self.table = table
        self.rowID = rowID
        self.field = field
        self.message = message
        self.batch = batch
    }

    public var description: String {
        let row = rowID.map { " row \($0)" } ?? ""
        let context = batch.map { " (batch \($0))" } ?? ""
        return "\(table)\(row) field \(field): \(message)\(context)"
    }
}

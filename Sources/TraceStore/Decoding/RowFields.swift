public import TraceModel

extension StoreProblem: Error {}

/// Reads the columns of one row by position and turns every bad value into a `StoreProblem`
/// that names the table, row and field.
///
/// Columns are read by index because the SELECTs here list them explicitly, and GRDB's typed
/// subscripts trap on a type mismatch instead of throwing.
struct RowFields {
    let row: StoreRow
    let table: String
    let id: Int64?
    var batch: String?

    init(_ row: StoreRow, table: String, idColumn: Int? = 0) {
        self.row = row
        self.table = table
        if let idColumn, case .integer(let id) = row.value(idColumn) { self.id = id } else { self.id = nil }
    }

    func problem(_ field: String, _ message: String) -> StoreProblem {
        StoreProblem(table: table, rowID: id, field: field, message: message, batch: batch)
    }

    func optionalText(_ index: Int, _ field: String) throws(StoreProblem) -> String? {
        switch row.value(index) {
        case .null: return nil
        case .text(let text): return text
        default: throw problem(field, "expected text")
        }
    }

    func text(_ index: Int, _ field: String) throws(StoreProblem) -> String {
        guard let text = try optionalText(index, field) else { throw problem(field, "is missing") }
        return text
    }

    func optionalDouble(_ index: Int, _ field: String) throws(StoreProblem) -> Double? {
        switch row.value(index) {
        case .null: return nil
        case .real(let value) where value.isFinite: return value
        case .integer(let value): return Double(value)
        default: throw problem(field, "expected a number")
        }
    }

    func double(_ index: Int, _ field: String) throws(StoreProblem) -> Double {
        guard let value = try optionalDouble(index, field) else { throw problem(field, "is missing") }
        return value
    }

    func optionalInt(_ index: Int, _ field: String) throws(StoreProblem) -> Int? {
        switch row.value(index) {
        case .null: return nil
        case .integer(let value): return Int(value)
        default: throw problem(field, "expected an integer")
        }
    }

    func int(_ index: Int, _ field: String) throws(StoreProblem) -> Int {
        guard let value = try optionalInt(index, field) else { throw problem(field, "is missing") }
        return value
    }

    func optionalInt64(_ index: Int, _ field: String) throws(StoreProblem) -> Int64? {
        try optionalInt(index, field).map(Int64.init)
    }

    func localized(_ index: Int, _ field: String) throws(StoreProblem) -> LocalizedText {
        LocalizedText(zh: try text(index, field + "_zh"), en: try text(index + 1, field + "_en"))
    }

    func gtin(_ index: Int, _ field: String) throws(StoreProblem) -> GTIN {
        let raw = try text(index, field)
        do { return try GTIN(raw) } catch { throw problem(field, error.description) }
    }

    func lot(_ index: Int, _ field: String) throws(StoreProblem) -> Lot {
        let raw = try text(index, field)
        do { return try Lot(raw) } catch { throw problem(field, error.description) }
    }

    func optionalDate(_ index: Int, _ field: String) throws(StoreProblem) -> CalendarDate? {
        guard let raw = try optionalText(index, field) else { return nil }
        do { return try CalendarDate(parsing: raw) } catch { throw problem(field, error.description) }
    }

    func date(_ index: Int, _ field: String) throws(StoreProblem) -> CalendarDate {
        guard let value = try optionalDate(index, field) else { throw problem(field, "is missing") }
        return value
    }

    /// Parsed from the column's bytes in place: a batch has some fifty timestamps.
    func optionalTimestamp(_ index: Int, _ field: String) throws(StoreProblem) -> Timestamp? {
        let parsed = row.withTextBytes(index) { bytes in Result { () throws(TimeParseError) in try Timestamp(parsingUTF8: bytes) } }
        switch parsed {
        case .success(let timestamp)?: return timestamp
        case .failure(let error)?: throw problem(field, error.description)
        case nil:
            _ = try optionalText(index, field)  // not text: null is no timestamp, another type a problem
            return nil
        }
    }

    func timestamp(_ index: Int, _ field: String) throws(StoreProblem) -> Timestamp {
        guard let value = try optionalTimestamp(index, field) else { throw problem(field, "is missing") }
        return value
    }

    func enumeration<Value: RawRepresentable<String>>(_ index: Int, _ field: String, as type: Value.Type) throws(StoreProblem) -> Value {
        let raw = try text(index, field)
        guard let value = Value(rawValue: raw) else { throw problem(field, "unknown value '\(raw)'") }
        return value
    }
}

import GRDB
import GRDBSQLite

/// The current row of a statement being stepped, read with SQLite's own column accessors.
///
/// Why not GRDB's `Row` subscripts here: every `row[i] as DatabaseValue` builds a
/// `DatabaseValue` through GRDB's generic decoding, and a 20,000-batch build spent 3.5% of its
/// CPU time there for the ~60 child rows each batch has. The decoders only need a column's type
/// and its value, which SQLite hands out directly. GRDB still prepares, binds and steps the
/// statement (`forEach`); this only reads the row it stands on.
struct StoreRow {
    /// What SQLite stores in a column of this row.
    enum Value {
        case null, integer(Int64), real(Double), text(String), other
    }

    private let statement: SQLiteStatement
    /// Shares texts that repeat between rows; nil makes every text anew.
    private let interner: TextInterner?

    fileprivate init(_ statement: SQLiteStatement, interner: TextInterner?) {
        self.statement = statement
        self.interner = interner
    }

    /// The column's value; text is decoded as UTF-8 without a second length scan.
    func value(_ index: Int) -> Value {
        let column = Int32(index)
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT: return .text(text(column))
        default: return .other
        }
    }

    /// An integer column (ids, foreign keys); 0 when it is not an integer.
    func int64(_ index: Int) -> Int64 {
        if case .integer(let value) = value(index) { return value }
        return 0
    }

    /// Calls `body` with a text column's UTF-8 bytes where SQLite keeps them (valid until the row
    /// moves on), without making a `String`; nil when the column is not text.
    func withTextBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let column = Int32(index)
        guard sqlite3_column_type(statement, column) == SQLITE_TEXT else { return nil }
        let bytes = sqlite3_column_text(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        return body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    /// A text column; nil when it is not text.
    func string(_ index: Int) -> String? {
        if case .text(let text) = value(index) { return text }
        return nil
    }

    private func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let text = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
        return interner?.string(text) ?? String(decoding: text, as: UTF8.self)
    }

    /// Runs `sql` and calls `body` with each row, in order.
    ///
    /// - Parameter interner: Shares the texts that repeat from row to row (`TextInterner`).
    static func forEach(
        in db: Database, sql: String, arguments: StatementArguments = [], interner: TextInterner? = nil,
        _ body: (StoreRow) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        let row = StoreRow(statement.sqliteStatement, interner: interner)
        while try cursor.next() != nil { try body(row) }
    }
}

/// Why the store could not be opened or read. Each case prints one actionable line.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// No file at the path.
    case missing(path: String)
    /// The file exists but is not an SQLite database.
    case notSQLite(path: String)
    /// Written by a newer TracePress: its migrations include ones this build does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Written by an older TracePress and not yet upgraded; reading it read-only would be wrong.
    case needsMigration(path: String, pending: [String])
    /// Any other SQLite failure, with what we were doing.
    case sqlite(path: String, doing: String, message: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no trace store at '\(path)' (create one with `tracepress demo --store \(path)`)"
        case .notSQLite(let path):
            "'\(path)' is not an SQLite trace store"
        case .newerSchema(let path, let unknown):
            "'\(path)' was written by a newer TracePress (unknown schema migrations: \(unknown.joined(separator: ", "))); upgrade TracePress"
        case .needsMigration(let path, let pending):
            "'\(path)' uses an older schema (pending: \(pending.joined(separator: ", "))); run `tracepress migrate --store \(path)`"
        case .sqlite(let path, let doing, let message):
            "SQLite error while \(doing) '\(path)': \(message)"
        }
    }
}

import Foundation
import GRDB

/// An open SQLite trace store.
///
/// Reads stream in chunks (`forEachBatchChunk`) so memory stays flat in the number of batches.
public final class TraceStore: Sendable {
    /// How to open a store.
    public enum AccessMode: Sendable {
        /// Read only; the store must exist and be at the current schema.
        case readOnly
        /// Read and write; the store must exist; pending migrations are applied.
        case readWrite
        /// Read and write, created and migrated if missing.
        case create
    }

    /// The path the store was opened from.
    public let path: String
    let queue: DatabaseQueue

    /// Opens a store.
    ///
    /// - Parameters:
    ///   - path: SQLite file.
    ///   - mode: See `AccessMode`.
    /// - Throws: `StoreError` when the file is missing, not SQLite, or at an unknown schema.
    ///   - bulkLoad: Turn off the journal and fsync, for a freshly created file that is thrown
    ///     away on failure anyway (the demo generator writes to a temporary path and renames it).
    public init(path: String, mode: AccessMode, bulkLoad: Bool = false) throws(StoreError) {
        self.path = path
        if mode != .create && !FileManager.default.fileExists(atPath: path) { throw .missing(path: path) }
        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.label = "trace-store"
        if bulkLoad {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notSQLite(path: path)
        } catch {
            throw .sqlite(path: path, doing: "opening", message: "\(error)")
        }
        try checkSchema(migrateIfNeeded: mode != .readOnly)
    }

    private func checkSchema(migrateIfNeeded: Bool) throws(StoreError) {
        let migrator = StoreSchema.migrator
        do {
            let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(StoreSchema.knownMigrations)
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
            let pending = StoreSchema.knownMigrations.filter { !applied.contains($0) }
            guard !pending.isEmpty else { return }
            if !migrateIfNeeded {
                let isEmpty = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")! == 0 }
                if isEmpty { throw StoreError.notSQLite(path: path) }
                throw StoreError.needsMigration(path: path, pending: pending)
            }
            try migrator.migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(path: path, doing: "checking the schema of", message: "\(error)")
        }
    }

    /// Runs a read inside one transaction, translating SQLite errors into `StoreError`.
    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(path: path, doing: doing, message: "\(error)")
        }
    }

    /// Runs a read whose body may throw its own errors (a render failure while streaming): those
    /// pass through unchanged; only SQLite's errors become `StoreError`.
    func readPassingErrors<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw StoreError.sqlite(path: path, doing: doing, message: "\(error)")
        }
    }
}

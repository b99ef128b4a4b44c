import GRDB

extension TraceStore {
    /// Writes in one transaction: on any error nothing is changed.
    ///
    /// - Parameter body: Inserts through the writer.
    /// - Throws: `StoreError` wrapping the SQLite failure, or what `body` throws.
    public func write(_ body: (StoreWriter) throws -> Void) throws {
        do {
            try queue.write { db in try body(StoreWriter(db: db)) }
        } catch let error as DatabaseError {
            throw StoreError.sqlite(path: path, doing: "writing to", message: "\(error)")
        }
    }

    /// Applies pending migrations (no-op on a current store; `init` already does it for writers).
    public func migrate() throws(StoreError) {
        do { try StoreSchema.migrator.migrate(queue) } catch {
            throw .sqlite(path: path, doing: "migrating", message: "\(error)")
        }
    }
}

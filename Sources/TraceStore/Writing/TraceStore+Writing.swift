import GRDB

extension TraceStore {
    /// Writes in one transaction: on any error nothing is changed.
    ///
    /// - Parameter body: Inserts through the writer.
    /// - Throws: `StoreError` wrapping the SQLite failure, or what `body` throws.
    public func write(_ body: (StoreWriter) throws -> Void) throws(StoreError) {
        try write("writing to") { db in try body(StoreWriter(db: db)) }
    }

    /// Applies pending migrations (no-op on a current store; `init` already does it for writers).
    public func migrate() throws(StoreError) {
        do { try StoreSchema.migrator.migrate(queue) } catch {
            throw .sqlite(path: path, doing: "migrating", message: "\(error)")
        }
    }
}

import GRDB
public import TraceModel

extension TraceStore {
    /// Problems that span rows: references to rows that do not exist (SQLite's foreign key check,
    /// which catches stores written with foreign keys off) and lots that collide case-insensitively.
    public func crossRowProblems() throws(StoreError) -> [StoreProblem] {
        try read("checking references in") { db in
            var problems: [StoreProblem] = []
            let violations = try db.foreignKeyViolations()
            while let violation = try violations.next() {
                problems.append(
                    StoreProblem(
                        table: violation.originTable, rowID: violation.originRowID, field: "reference",
                        message: "refers to a \(violation.destinationTable) row that does not exist"))
            }
            let collisions = try Row.fetchCursor(
                db,
                // Grouping, not a self-join: the self-join is quadratic (5 s at 10,000 batches).
                sql: """
                    WITH duplicated AS (
                        SELECT gtin, lower(lot) AS folded, min(id) AS first FROM batch
                        GROUP BY gtin, lower(lot) HAVING count(*) > 1
                    )
                    SELECT b.id, b.gtin, b.lot, f.lot FROM duplicated d
                    JOIN batch b ON b.gtin = d.gtin AND lower(b.lot) = d.folded AND b.id <> d.first
                    JOIN batch f ON f.id = d.first
                    ORDER BY b.id
                    """)
            while let row = try collisions.next() {
                let lot: String = row[2]
                let other: String = row[3]
                problems.append(
                    StoreProblem(
                        table: "batch", rowID: row[0], field: "lot",
                        message: lot == other ? "lot '\(lot)' appears twice for GTIN \(row[1] as String)"
                            : "lot '\(lot)' collides with '\(other)' on case-insensitive disks", batch: "\(row[1] as String)/\(lot)"))
            }
            return problems
        }
    }
}

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
                sql: """
                    SELECT a.id, a.gtin, a.lot, b.lot FROM batch a JOIN batch b
                    ON a.gtin = b.gtin AND lower(a.lot) = lower(b.lot) AND a.id > b.id ORDER BY a.id
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

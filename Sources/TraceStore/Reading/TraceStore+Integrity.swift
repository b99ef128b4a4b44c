import GRDB
public import TraceModel

/// What a cross-row check of the store looked at and found.
public struct CrossRowCheck: Sendable {
    /// References to rows that do not exist, and lots that collide.
    public let problems: [StoreProblem]
    /// Every table's change tokens when the check ran (see `StoreSchema.changeTokenTable`),
    /// as `name` → token and `name.removal` → removal token: a later check passed these can
    /// skip the tables whose tokens are still the same.
    public let tokens: [String: Int64]
    /// The tables whose references were checked, in name order.
    public let checkedTables: [String]

    /// No check at all: no problems, no tables, no tokens (a later check starts from scratch).
    public static let notRun = CrossRowCheck(problems: [], tokens: [:], checkedTables: [])
}

extension TraceStore {
    /// Problems that span rows: references to rows that do not exist (SQLite's foreign key check,
    /// which catches stores written with foreign keys off) and lots that collide case-insensitively.
    public func crossRowProblems() throws(StoreError) -> [StoreProblem] {
        try crossRowCheck(cleanAt: nil).problems
    }

    /// The cross-row check, limited to what can have changed since a check that found nothing.
    ///
    /// A reference can break only when the table holding it changes or the table it points to
    /// loses a row (deleted, or its key changed), and triggers replace a table's tokens on each,
    /// whoever writes. So given the tokens of a clean check, only tables whose own token or whose
    /// referenced tables' removal tokens moved are checked; lot collisions only when `batch`
    /// changed. A one-batch edit checks the batch table alone.
    ///
    /// - Parameter clean: The tokens of an earlier check of this store that found no problem;
    ///   nil checks everything.
    public func crossRowCheck(cleanAt clean: [String: Int64]?) throws(StoreError) -> CrossRowCheck {
        try read("checking references in") { db in
            // Read in the same transaction as the check, so the tokens describe what was checked.
            var tokens: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, token, removal_token FROM \(StoreSchema.changeTokenTable)") {
                let name: String = row[0]
                tokens[name] = row[1]
                tokens[name + ".removal"] = row[2]
            }
            func moved(_ key: String) -> Bool {
                guard let clean, let before = clean[key], let now = tokens[key] else { return true }
                return before != now
            }
            func changed(_ table: String) -> Bool { moved(table) }
            func lostRows(_ table: String) -> Bool { moved(table + ".removal") }
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            var checked: [String] = []
            for table in tables {
                let foreignKeys = try db.foreignKeys(on: table)
                guard !foreignKeys.isEmpty else { continue }
                if changed(table) || foreignKeys.contains(where: { lostRows($0.destinationTable) }) { checked.append(table) }
            }

            var problems: [StoreProblem] = []
            func collect(_ violations: RecordCursor<ForeignKeyViolation>) throws {
                while let violation = try violations.next() {
                    problems.append(
                        StoreProblem(
                            table: violation.originTable, rowID: violation.originRowID, field: "reference",
                            message: "refers to a \(violation.destinationTable) row that does not exist"))
                }
            }
            if clean == nil {
                // Everything: one pass, in SQLite's own order (what `tracepress check` lists).
                try collect(try db.foreignKeyViolations())
            } else {
                for table in checked { try collect(try db.foreignKeyViolations(in: table)) }
            }
            if changed("batch") { problems += try lotCollisions(db) }
            return CrossRowCheck(problems: problems, tokens: tokens, checkedTables: checked)
        }
    }

    private func lotCollisions(_ db: Database) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
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

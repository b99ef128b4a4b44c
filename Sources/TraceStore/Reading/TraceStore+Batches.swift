import Foundation
import GRDB
public import TraceModel

extension TraceStore {
    /// The number of batches in the store.
    public func batchCount() throws(StoreError) -> Int {
        try read("counting batches in") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM batch") ?? 0 }
    }

    /// A summary of the batch table that changes whenever a batch is added, removed or revised
    /// (SQLite triggers only ever raise revisions): builds compare it with the one they recorded
    /// to skip the row-by-row up-to-date check when something surely changed. Equal summaries do
    /// not prove nothing changed; that still takes the check.
    public func batchFingerprint() throws(StoreError) -> String {
        try read("summing up the batches in") { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), total(revision), total(id), max(id) FROM batch")!
            return "\(row[0] as Int64):\(row[1] as Double):\(row[2] as Double):\((row[3] as Int64?) ?? 0)"
        }
    }

    /// Streams every batch with its child rows, `chunkSize` batches at a time, in id order.
    ///
    /// Everything is read in one transaction, so the pages of one build see one consistent store;
    /// only one chunk is in memory at a time.
    /// - Parameters:
    ///   - ids: Only the batches whose ids are in this range (all by default).
    ///   - chunkSize: Batches per chunk.
    ///   - select: Which batches to read in full; the others appear only as headers. Child rows
    ///     are not read at all for a chunk with nothing selected.
    ///   - body: Called once per chunk, in order. Throwing stops the stream.
    public func forEachBatchChunk(
        ids: ClosedRange<Int64> = Int64.min...Int64.max, chunkSize: Int = 512, selecting select: (BatchHeader) -> Bool = { _ in true },
        _ body: (BatchChunk) throws -> Void
    ) throws {
        try readPassingErrors("reading batches from") { db in
            let interner = TextInterner()
            // `id > afterID`: ids are SQLite rowids, never below 1 in a store of ours, but a
            // range from the very bottom must still start below its first id.
            var afterID: Int64 = ids.lowerBound == Int64.min ? Int64.min : ids.lowerBound - 1
            while true {
                var problems: [StoreProblem] = []
                var batches: [Batch] = []
                var headers: [BatchHeader] = []
                var lastID: Int64 = afterID
                try StoreRow.forEach(in: db, sql: BatchDecoding.batchSQL, arguments: [afterID, ids.upperBound, chunkSize], interner: interner) { row in
                    lastID = row.int64(0)
                    let header = BatchHeader(id: lastID, gtin: row.string(1) ?? "", lot: row.string(2) ?? "", revision: row.int64(11))
                    headers.append(header)
                    guard select(header) else { return }
                    do { batches.append(try BatchDecoding.batch(row)) } catch let problem as StoreProblem { problems.append(problem) }
                }
                guard lastID > afterID else { return }
                if batches.isEmpty && problems.isEmpty {
                    try body(BatchChunk(headers: headers, records: [], problems: []))
                    afterID = lastID
                    continue
                }
                let range: StatementArguments = [afterID + 1, lastID]
                // In id order, as the batch rows came; child rows come in batch id order too, so
                // each query walks the records with a cursor. Reached through a dictionary, every
                // child row moved its whole record out of the dictionary and back (`perf record`:
                // 1.5% of a build).
                var records = batches.map { BatchRecord(batch: $0) }
                var broken: Set<Int64> = []

                func children(_ sql: String, _ attach: (StoreRow, inout BatchRecord) throws(StoreProblem) -> Void) throws {
                    var cursor = 0
                    try StoreRow.forEach(in: db, sql: sql, arguments: range, interner: interner) { row in
                        let batchID = row.int64(1)
                        while cursor < records.count && records[cursor].batch.id < batchID { cursor += 1 }
                        // No record: its batch row failed to decode, or the selection left it out.
                        guard cursor < records.count && records[cursor].batch.id == batchID else { return }
                        do throws(StoreProblem) {
                            try attach(row, &records[cursor])
                        } catch {
                            var located = error
                            let batch = records[cursor].batch
                            located.batch = "\(batch.gtin)/\(batch.lot)"
                            problems.append(located)
                            broken.insert(batchID)
                        }
                    }
                }
                try children(BatchDecoding.originSQL) { row, record throws(StoreProblem) in record.origins.append(try BatchDecoding.origin(row)) }
                try children(BatchDecoding.stepSQL) { row, record throws(StoreProblem) in record.steps.append(try BatchDecoding.step(row)) }
                try children(BatchDecoding.checkSQL) { row, record throws(StoreProblem) in record.checks.append(try BatchDecoding.check(row)) }
                try children(BatchDecoding.readingSQL) { row, record throws(StoreProblem) in record.readings.append(try BatchDecoding.reading(row)) }
                try children(ReferenceDecoding.mediaSQL(owner: "batch_id") + " AND batch_id BETWEEN ? AND ? ORDER BY batch_id, id") {
                    row, record throws(StoreProblem) in record.media.append(try ReferenceDecoding.media(row))
                }

                let ordered = broken.isEmpty ? records : records.filter { !broken.contains($0.batch.id) }
                try body(BatchChunk(headers: headers, records: ordered, problems: problems))
                afterID = lastID
            }
        }
    }

    /// The id of the batch at `position` (from 0) in id order, or nil past the last.
    public func batchID(atPosition position: Int) throws(StoreError) -> Int64? {
        try read("finding a batch by position in") { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM batch ORDER BY id LIMIT 1 OFFSET ?", arguments: [position])
        }
    }

    /// The ids and revisions of one product's batches, newest production date first: what a
    /// listing needs to tell which of its pages changed without decoding every row.
    public func forEachListedBatch(of gtin: GTIN, _ body: (_ id: Int64, _ revision: Int64) throws -> Void) throws {
        try listIDs(BatchDecoding.productListingSQL, [gtin.digits], "listing batches of \(gtin) in", body)
    }

    /// The batches with these ids, without child rows, in the order given.
    public func batches(ids: [Int64]) throws -> [Batch] {
        guard !ids.isEmpty else { return [] }
        var byID: [Int64: Batch] = [:]
        byID.reserveCapacity(ids.count)  // grown from empty, it rehashed every page's batches (0.8% of listing)
        try readPassingErrors("reading listed batches from") { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            try StoreRow.forEach(in: db, sql: BatchDecoding.batchesByIDSQL + " (\(placeholders))", arguments: StatementArguments(ids)) { row in
                if let batch = try? BatchDecoding.batch(row) { byID[batch.id] = batch }
            }
        }
        return ids.compactMap { byID[$0] }
    }

    private func listIDs(_ sql: String, _ arguments: StatementArguments, _ doing: String, _ body: (Int64, Int64) throws -> Void) throws {
        try readPassingErrors(doing) { db in
            try StoreRow.forEach(in: db, sql: sql, arguments: arguments) { row in try body(row.int64(0), row.int64(1)) }
        }
    }

    /// Runs a batch listing query; undecodable rows are left out (the batch stream reports them).
    private func listBatches(_ sql: String, _ arguments: StatementArguments, _ doing: String, _ body: (Batch) throws -> Void) throws {
        try readPassingErrors(doing) { db in
            try StoreRow.forEach(in: db, sql: sql, arguments: arguments) { row in
                if let batch = try? BatchDecoding.batch(row) { try body(batch) }
            }
        }
    }
}

extension TraceStore {
    /// The ids and revisions of the batches a site supplied or handled (farm of one of its
    /// origins, its factory, the place of one of its steps, the lab of one of its checks), newest first.
    public func forEachListedBatch(atSite siteID: Int64, _ body: (_ id: Int64, _ revision: Int64) throws -> Void) throws {
        try listIDs(BatchDecoding.siteListingSQL, [siteID], "listing the batches of site \(siteID) in", body)
    }

    /// Recalled and on-hold batches, most recent status change first, without child rows.
    public func forEachBatchNotReleased(_ body: (Batch) throws -> Void) throws {
        try listBatches(BatchDecoding.notReleasedSQL, [], "listing recalled and on-hold batches in", body)
    }
}

extension TraceStore {
    /// A product's first lot in the order of the lot index (without case), or nil when it has
    /// no batch: a seek in that index, where listing the product's batch folders reads them all.
    public func firstLot(of gtin: GTIN) throws(StoreError) -> String? {
        try read("finding a batch of \(gtin) in") { db in
            try String.fetchOne(db, sql: "SELECT lot FROM batch WHERE gtin = ? ORDER BY lot COLLATE NOCASE LIMIT 1", arguments: [gtin.digits])
        }
    }

    /// The id of the batch published at `gtin`/`lot` (compared as the disk would: without case,
    /// the lot written exactly so preferred), or nil when there is none.
    public func batchID(gtin: String, lot: String) throws(StoreError) -> Int64? {
        try read("looking up a batch in") { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM batch WHERE gtin = ? AND lot = ? COLLATE NOCASE ORDER BY lot = ? DESC, id LIMIT 1",
                arguments: [gtin, lot, lot])
        }
    }

    /// Whether some batch is published at `gtin`/`lot` (compared as the disk would: without case).
    public func hasBatch(gtin: String, lot: String) throws(StoreError) -> Bool { try batchID(gtin: gtin, lot: lot) != nil }
}

extension TraceStore {
    /// How many batches each product has (rows whose GTIN does not decode are left out).
    public func batchCountsByProduct() throws(StoreError) -> [GTIN: Int] {
        try read("counting batches per product in") { db in
            var counts: [GTIN: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT gtin, count(*) FROM batch GROUP BY gtin") {
                if let text = row[0] as String?, let gtin = try? GTIN(text) { counts[gtin] = row[1] }
            }
            return counts
        }
    }
}

extension TraceStore {
    /// Withdrawn lots that are servable folder names and not published as a batch, in order.
    ///
    /// - Parameter body: Called with each lot's `01/{gtin}/10/{lot}` path.
    public func forEachWithdrawnLot(_ body: (String) throws -> Void) throws {
        try readPassingErrors("listing withdrawn lots in") { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT w.gtin, w.lot FROM withdrawn_lot w
                    WHERE NOT EXISTS (SELECT 1 FROM batch b WHERE b.gtin = w.gtin AND b.lot = w.lot COLLATE NOCASE)
                    ORDER BY w.gtin, w.lot
                    """)
            while let row = try rows.next() {
                guard let gtin = try? GTIN(row[0] as String), let lot = try? Lot(row[1] as String) else { continue }
                try body("01/\(gtin.digits)/10/\(lot.text)")
            }
        }
    }
}

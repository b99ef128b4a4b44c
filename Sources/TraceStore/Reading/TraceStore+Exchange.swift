import GRDB

/// What `export epcis` needs beyond batches and reference data.
extension TraceStore {
    /// Ids of rows derived from EPCIS events (export writes the events, not these rows).
    public struct DerivedRows: Sendable {
        public var steps: Set<Int64> = []
        public var checks: Set<Int64> = []
        public var readings: Set<Int64> = []
        public var origins: Set<Int64> = []
        /// `{gtin}/{lot}` of every lot an event names: such batches came from events, not by hand.
        public var eventLots: Set<String> = []
    }

    /// Rows that carry an EPCIS event or sensor report id.
    public func derivedRows() throws(StoreError) -> DerivedRows {
        try read("listing rows derived from EPCIS events in") { db in
            func derived(_ table: String) throws -> Set<Int64> {
                Set(try Int64.fetchAll(db, sql: "SELECT id FROM \(table) WHERE \(StoreSchema.derivedMarkers[table]!) IS NOT NULL"))
            }
            return DerivedRows(
                steps: try derived("process_step"), checks: try derived("lab_check"), readings: try derived("cold_chain_reading"),
                origins: try derived("batch_origin"),
                eventLots: Set(try String.fetchAll(db, sql: "SELECT DISTINCT gtin || '/' || lot FROM epcis_event_lot")))
        }
    }

    /// Each site's GLN, where it has one.
    public func siteGLNs() throws(StoreError) -> [Int64: String] {
        try read("reading site GLNs from") { db in
            var glns: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, gln FROM site WHERE gln IS NOT NULL") { glns[row["id"]] = row["gln"] }
            return glns
        }
    }

    /// Every stored EPCIS event's document, in time order (void ones too: they carry their
    /// error declaration).
    public func forEachEventDocument(_ body: (String) throws -> Void) throws {
        try readPassingErrors("reading EPCIS events from") { db in
            let rows = try String.fetchCursor(db, sql: "SELECT document FROM epcis_event ORDER BY event_time, event_id")
            while let document = try rows.next() { try body(document) }
        }
    }
}

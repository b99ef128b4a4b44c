import GRDB
public import TraceModel

/// An EPCIS event as the store keeps it: the whole event, plus the lots it names.
public struct StoredEvent: Sendable {
    public var id: String
    public var type: String
    /// RFC 3339 in the event's own offset.
    public var time: String
    public var bizStep: String?
    public var disposition: String?
    public var readPoint: String?
    public var bizLocation: String?
    public var voided: Bool
    /// The event's JSON, canonical (sorted keys).
    public var document: String
    /// (GTIN, lot, role) for every lot the event names.
    public var lots: [(gtin: String, lot: String, role: String)]
    /// One row per sensor report: (type, value, min, max, mean, uom, time, exception).
    public var sensorReports: [(type: String, value: Double?, min: Double?, max: Double?, mean: Double?, uom: String?, time: String?, exception: String?)]

    public init(
        id: String, type: String, time: String, bizStep: String?, disposition: String?, readPoint: String?, bizLocation: String?,
        voided: Bool, document: String, lots: [(gtin: String, lot: String, role: String)],
        sensorReports: [(type: String, value: Double?, min: Double?, max: Double?, mean: Double?, uom: String?, time: String?, exception: String?)]
    ) {
        (self.id, self.type, self.time, self.bizStep, self.disposition) = (id, type, time, bizStep, disposition)
        (self.readPoint, self.bizLocation, self.voided, self.document) = (readPoint, bizLocation, voided, document)
        (self.lots, self.sensorReports) = (lots, sensorReports)
    }
}

/// The EPCIS ledger inside a write transaction: events, lineage, and the rows derived from them.
extension StoreWriter {
    /// Inserts an event with its lots and sensor reports; for an event already stored, only its
    /// document and void flag change (an error declaration voids what it repeats).
    ///
    /// - Parameter isNew: Whether the event was not stored yet (the caller has just looked it up
    ///   with `eventDocument(id:)`); only a new event gets sensor report rows.
    public func record(_ event: StoredEvent, isNew: Bool) throws {
        try db.execute(
            sql: """
                INSERT INTO epcis_event (event_id, event_type, event_time, biz_step, disposition, read_point, biz_location, voided, document)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(event_id) DO UPDATE SET voided = excluded.voided, document = excluded.document
                """,
            arguments: [
                event.id, event.type, event.time, event.bizStep, event.disposition, event.readPoint, event.bizLocation,
                event.voided ? 1 : 0, event.document,
            ])
        for lot in event.lots {
            try db.execute(
                sql: "INSERT OR IGNORE INTO epcis_event_lot (event_id, gtin, lot, role) VALUES (?, ?, ?, ?)",
                arguments: [event.id, lot.gtin, lot.lot, lot.role])
        }
        guard isNew else { return }
        for report in event.sensorReports {
            try db.execute(
                sql: """
                    INSERT INTO sensor_report (event_id, type, value, min_value, max_value, mean_value, uom, time, exception)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [event.id, report.type, report.value, report.min, report.max, report.mean, report.uom, report.time, report.exception])
        }
    }

    /// Steps of a batch as (id, occurred_at, sequence), for putting them in time order.
    public func steps(batchID: Int64) throws -> [(id: Int64, occurredAt: String, sequence: Int)] {
        try Row.fetchAll(db, sql: "SELECT id, occurred_at, sequence FROM process_step WHERE batch_id = ? ORDER BY sequence, id", arguments: [batchID])
            .map { ($0["id"], $0["occurred_at"], $0["sequence"]) }
    }

    public func setSequence(_ sequence: Int, stepID: Int64) throws {
        try db.execute(sql: "UPDATE process_step SET sequence = ? WHERE id = ?", arguments: [sequence, stepID])
    }

    /// Remembers which lot a unit or container holds (from ILMD, Digital Link URIs, aggregations).
    public func recordUnit(epc: String, gtin: String, lot: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO epcis_unit (epc, gtin, lot) VALUES (?, ?, ?)", arguments: [epc, gtin, lot])
    }

    /// The lots a unit or container is known to hold.
    public func lotsHeld(by epc: String) throws -> [(gtin: String, lot: String)] {
        try Row.fetchAll(db, sql: "SELECT gtin, lot FROM epcis_unit WHERE epc = ? ORDER BY gtin, lot", arguments: [epc])
            .map { ($0["gtin"], $0["lot"]) }
    }

    /// Lots that went into `lot` through TransformationEvents that are not void.
    public func inputs(of gtin: String, _ lot: String) throws -> [(gtin: String, lot: String)] {
        try transformationNeighbours(of: gtin, lot, role: "output", neighbourRole: "input")
    }

    /// Lots made from `lot` through TransformationEvents that are not void.
    public func outputs(of gtin: String, _ lot: String) throws -> [(gtin: String, lot: String)] {
        try transformationNeighbours(of: gtin, lot, role: "input", neighbourRole: "output")
    }

    /// The lots on the other side of the events (not void) where `lot` has `role`.
    private func transformationNeighbours(of gtin: String, _ lot: String, role: String, neighbourRole: String) throws
        -> [(gtin: String, lot: String)]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT n.gtin, n.lot FROM epcis_event_lot l
                JOIN epcis_event e ON e.event_id = l.event_id AND e.voided = 0
                JOIN epcis_event_lot n ON n.event_id = l.event_id AND n.role = ?
                WHERE l.role = ? AND l.gtin = ? AND l.lot = ? ORDER BY n.gtin, n.lot
                """, arguments: [neighbourRole, role, gtin, lot]
        ).map { ($0["gtin"], $0["lot"]) }
    }

    /// Ids of the events (not void) that name `lot` in any role, oldest first.
    public func eventIDs(naming gtin: String, _ lot: String) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT e.event_id FROM epcis_event_lot l JOIN epcis_event e ON e.event_id = l.event_id
                WHERE l.gtin = ? AND l.lot = ? AND e.voided = 0 ORDER BY e.event_time, e.event_id
                """, arguments: [gtin, lot])
    }

    /// The stored document of an event, or nil when it was never imported.
    public func eventDocument(id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT document FROM epcis_event WHERE event_id = ?", arguments: [id])
    }

    /// The lots an event was resolved to when it was imported.
    public func lots(ofEvent id: String) throws -> [(gtin: String, lot: String)] {
        try Row.fetchAll(db, sql: "SELECT DISTINCT gtin, lot FROM epcis_event_lot WHERE event_id = ? ORDER BY gtin, lot", arguments: [id])
            .map { ($0["gtin"], $0["lot"]) }
    }

    /// Ids of the sensor_report rows of an event, in report order.
    public func sensorReportIDs(event id: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM sensor_report WHERE event_id = ? ORDER BY id", arguments: [id])
    }

    /// Shelf life of a product in days, or nil when the GTIN is not a product in the store.
    public func shelfLifeDays(of gtin: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT shelf_life_days FROM product WHERE gtin = ?", arguments: [gtin])
    }

    /// The batch row of a lot (case-insensitive, as lots are unique that way), with its status code.
    public func batch(gtin: String, lot: String) throws -> (id: Int64, lot: String, status: String)? {
        try Row.fetchOne(db, sql: "SELECT id, lot, status FROM batch WHERE gtin = ? AND lot = ? COLLATE NOCASE", arguments: [gtin, lot])
            .map { ($0["id"], $0["lot"], $0["status"]) }
    }

    /// Sets a batch's status, never lowering it: recalled beats on hold beats released.
    public func raiseStatus(batchID: Int64, to status: BatchStatus) throws {
        let (reason, since, replaceable): (LocalizedText, CalendarDate, String)
        switch status {
        case .released: return
        case .onHold(let why, let date): (reason, since, replaceable) = (why, date, "status = 'released'")
        case .recalled(let why, let date): (reason, since, replaceable) = (why, date, "status <> 'recalled'")
        }
        try db.execute(
            sql: "UPDATE batch SET status = ?, status_reason_zh = ?, status_reason_en = ?, status_since = ? WHERE id = ? AND \(replaceable)",
            arguments: [status.code, reason.zh, reason.en, since.description, batchID])
    }

    /// Removes the rows of a batch that were derived from EPCIS events, before deriving them again.
    public func deleteEventRows(batchID: Int64) throws {
        for (table, marker) in StoreSchema.derivedMarkers.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "DELETE FROM \(table) WHERE batch_id = ? AND \(marker) IS NOT NULL", arguments: [batchID])
        }
    }

    /// The next free step sequence of a batch (after its hand-entered steps).
    public func nextStepSequence(batchID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(sequence), 0) + 1 FROM process_step WHERE batch_id = ?", arguments: [batchID]) ?? 1
    }

    /// A site by GLN: its id and kind.
    public func site(gln: String) throws -> (id: Int64, kind: String)? {
        try Row.fetchOne(db, sql: "SELECT id, kind FROM site WHERE gln = ?", arguments: [gln]).map { ($0["id"], $0["kind"]) }
    }

    /// A site by code: its id and kind.
    public func site(code: String) throws -> (id: Int64, kind: String)? {
        try Row.fetchOne(db, sql: "SELECT id, kind FROM site WHERE code = ?", arguments: [code]).map { ($0["id"], $0["kind"]) }
    }
}

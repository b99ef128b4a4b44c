import Foundation
import GRDB
import Testing
import TraceModel
import TraceStore

@Suite("Trace store: schema, migrations, opening errors")
struct StoreTests {
    @Test("a new store has every table and is at the latest migration")
    func createsSchema() throws {
        let directory = TemporaryDirectory()
        _ = try TraceStore(path: directory.file("new.sqlite"), mode: .create)
        let queue = try DatabaseQueue(path: directory.file("new.sqlite"))
        let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        for table in ["batch", "batch_origin", "certificate", "cold_chain_reading", "epcis_event", "lab_check", "media", "party",
                      "process_step", "product", "sensor_report", "site", "store_info", "withdrawn_lot"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == StoreSchema.knownMigrations)
    }

    @Test("a missing store is named")
    func missing() {
        #expect(throws: StoreError.self) { try TraceStore(path: "/nonexistent/trace.sqlite", mode: .readOnly) }
        do { _ = try TraceStore(path: "/nonexistent/trace.sqlite", mode: .readOnly) } catch {
            #expect(error.description.contains("no trace store at '/nonexistent/trace.sqlite'"))
        }
    }

    @Test("a file that is not SQLite is named as such")
    func notSQLite() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("notes.sqlite")
        try Data("this is a text file, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try TraceStore(path: path, mode: .readOnly)
            Issue.record("opened a text file as a store")
        } catch {
            guard case .notSQLite = error else { Issue.record("wrong error: \(error)"); return }
        }
    }

    @Test("a store from a newer schema is refused, not misread")
    func newerSchema() throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 1)
        try Fixtures.tamper(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        do {
            _ = try TraceStore(path: path, mode: .readOnly)
            Issue.record("opened a newer store")
        } catch {
            guard case .newerSchema(_, let unknown) = error else { Issue.record("wrong error: \(error)"); return }
            #expect(unknown == ["v9-from-the-future"])
            #expect(error.description.contains("newer TracePress"))
        }
    }

    @Test("STRICT tables refuse a number where text belongs")
    func strictTypes() throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 1)
        #expect(throws: (any Error).self) { try Fixtures.tamper(path, "UPDATE product SET name_zh = x'00ff' WHERE 1") }
    }

    @Test("lots that differ only in case cannot both exist for one product")
    func caseInsensitiveLots() throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 1)
        #expect(throws: (any Error).self) {
            try Fixtures.tamper(path, "INSERT INTO batch (gtin, lot, produced_on, expires_on) SELECT gtin, lower(lot) || 'x', produced_on, expires_on FROM batch")
            try Fixtures.tamper(path, "INSERT INTO batch (gtin, lot, produced_on, expires_on) SELECT gtin, upper(lot), produced_on, expires_on FROM batch WHERE lot LIKE '%x'")
        }
    }

    @Test("batches stream in chunks with all their rows")
    func streaming() throws {
        let directory = TemporaryDirectory()
        let store = try TraceStore(path: Fixtures.demoStore(in: directory, batches: 23), mode: .readOnly)
        var chunks = 0
        var records: [BatchRecord] = []
        try store.forEachBatchChunk(chunkSize: 5) { chunk in
            chunks += 1
            #expect(chunk.records.count <= 5)
            records += chunk.records
        }
        #expect(chunks == 5)
        #expect(records.map(\.batch.id) == Array(1...23))
        for record in records {
            #expect((10...14).contains(record.steps.count))
            #expect((10...16).contains(record.checks.count))
            #expect(record.readings.count >= 20)
            #expect(!record.origins.isEmpty)
        }
    }

    @Test("the demo store is deterministic for a seed")
    func deterministicDemo() throws {
        let directory = TemporaryDirectory()
        func dump(_ path: String) throws -> [String] {
            let queue = try DatabaseQueue(path: path)
            return try queue.read { db in
                try ["batch", "process_step", "lab_check", "cold_chain_reading", "batch_origin", "media"].flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map { "\(table) \($0)" }
                }
            }
        }
        let first = try Fixtures.demoStore(in: directory, batches: 8, name: "a.sqlite")
        let second = try Fixtures.demoStore(in: directory, batches: 8, name: "b.sqlite")
        #expect(try dump(first) == dump(second))
    }

    @Test("demo refuses to overwrite a store it did not make")
    func demoKeepsForeignStores() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("precious.sqlite")
        _ = try TraceStore(path: path, mode: .create)
        #expect(throws: (any Error).self) { try Fixtures.demoStore(in: directory, batches: 1, name: "precious.sqlite") }
        // A demo store may be replaced by another demo store.
        _ = try Fixtures.demoStore(in: directory, batches: 1, name: "demo.sqlite")
        _ = try Fixtures.demoStore(in: directory, batches: 2, name: "demo.sqlite")
    }

    @Test("sample results are read around spaces (full-width ones too), ND and 未检出; anything else is named")
    func sampleResults() throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 1)
        let check = "(SELECT min(id) FROM lab_check WHERE batch_id = 1)"
        try Fixtures.tamper(path, "UPDATE lab_check SET samples = ' 120 ;nd,\u{3000}80\u{3000}; 未检出 ' WHERE id = \(check)")
        var results: [CheckResult] = []
        try TraceStore(path: path, mode: .readOnly).forEachBatchChunk { chunk in
            #expect(chunk.problems.isEmpty, "\(chunk.problems)")
            results += chunk.records.flatMap { $0.checks.map(\.result) }
        }
        #expect(results.contains(.samples([.value(120), .notDetected, .value(80), .notDetected])))

        try Fixtures.tamper(path, "UPDATE lab_check SET samples = '120; 8O' WHERE id = \(check)")
        var problems: [String] = []
        try TraceStore(path: path, mode: .readOnly).forEachBatchChunk { chunk in problems += chunk.problems.map(\.description) }
        #expect(problems.contains { $0.contains("field samples: '8O' is neither a number nor ND") }, "\(problems)")
    }
}

import Foundation
import Testing
import TraceExchange
import TracePressCore
import TraceStore

@Suite("EPCIS export")
struct EPCISExportTests {
    /// Events and master data of an exported document, events as canonical text in sorted order.
    func contents(of path: String) throws -> (events: [String], masterData: String) {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect(object["type"] as? String == "EPCISDocument")
        #expect(object["schemaVersion"] as? String == "2.0")
        #expect((object["@context"] as? [Any])?.first as? String == "https://ref.gs1.org/standards/epcis/epcis-context.jsonld")
        let events = ((object["epcisBody"] as! [String: Any])["eventList"] as! [[String: Any]])
        for event in events {
            #expect(event["eventID"] is String && event["eventTime"] is String && event["type"] is String)
        }
        let canonical = events.map { String(decoding: try! JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        let header = (object["epcisHeader"] as! [String: Any])["epcisMasterData"]!
        return (canonical.sorted(), String(decoding: try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]), as: UTF8.self))
    }

    @Test("import → export → import into an empty store → export gives the same events, master data and batches")
    func roundTrip() throws {
        let directory = TemporaryDirectory()
        let first = try Fixtures.demoStore(in: directory, batches: 8)
        _ = try EPCISImporter(store: TraceStore(path: first, mode: .readWrite)).importFiles([ExchangeFixtures.farmToCan])
        let exported = directory.file("first.jsonld")
        let count = try EPCISExporter(store: TraceStore(path: first, mode: .readOnly)).export(to: exported)
        #expect(count > 100)

        let second = directory.file("second.sqlite")
        _ = try EPCISImporter(store: TraceStore(path: second, mode: .create)).importFiles([exported])
        let again = directory.file("second.jsonld")
        _ = try EPCISExporter(store: TraceStore(path: second, mode: .readOnly)).export(to: again)
        let (firstEvents, firstMaster) = try contents(of: exported)
        let (secondEvents, secondMaster) = try contents(of: again)
        #expect(firstEvents == secondEvents)
        #expect(firstMaster == secondMaster)

        let summary = """
            SELECT b.gtin, b.lot, b.produced_on, b.expires_on, b.status, ifnull(b.status_reason_en, ''),
                (SELECT code FROM site WHERE id = b.factory_site_id),
                (SELECT count(*) FROM process_step WHERE batch_id = b.id), (SELECT count(*) FROM lab_check WHERE batch_id = b.id),
                (SELECT group_concat(verdict) FROM lab_check WHERE batch_id = b.id),
                (SELECT count(*) FROM cold_chain_reading WHERE batch_id = b.id), (SELECT count(*) FROM batch_origin WHERE batch_id = b.id)
            FROM batch b ORDER BY b.gtin, b.lot
            """
        #expect(try ExchangeFixtures.rows(first, summary) == ExchangeFixtures.rows(second, summary))
        #expect(try StoreAudit(storePath: second).run().isEmpty)
    }

    @Test("an export imported into its own store adds nothing")
    func reimportIntoSameStore() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        let exported = directory.file("out.jsonld")
        _ = try EPCISExporter(store: TraceStore(path: store, mode: .readOnly)).export(to: exported)
        let before = try ExchangeFixtures.rows(store, "SELECT id, revision FROM batch ORDER BY id")
        let report = try EPCISImporter(store: TraceStore(path: store, mode: .readWrite)).importFiles([exported])
        #expect(report.added == 0 && report.unchanged > 0)
        #expect(try ExchangeFixtures.rows(store, "SELECT id, revision FROM batch ORDER BY id") == before)
    }

    @Test("the same store exports the same bytes")
    func deterministic() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        let exporter = EPCISExporter(store: try TraceStore(path: store, mode: .readOnly))
        _ = try exporter.export(to: directory.file("a.jsonld"))
        _ = try exporter.export(to: directory.file("b.jsonld"))
        #expect(FileManager.default.contents(atPath: directory.file("a.jsonld")) == FileManager.default.contents(atPath: directory.file("b.jsonld")))
    }
}

import Foundation
import Testing
import TraceExchange
import TracePressCore
import TraceStore

@Suite("EPCIS import")
struct EPCISImportTests {
    let canned = "gtin = '09521234200017' AND lot = 'L260303A'"

    /// A demo store with the farm-to-can example imported.
    func importedStore(_ directory: TemporaryDirectory) throws -> String {
        let store = try Fixtures.demoStore(in: directory)
        _ = try EPCISImporter(store: TraceStore(path: store, mode: .readWrite)).importFiles([ExchangeFixtures.farmToCan])
        return store
    }

    @Test("every event type becomes the canned lot's steps, origins, readings and checks through lineage")
    func farmToCan() throws {
        let directory = TemporaryDirectory()
        let store = try importedStore(directory)
        let types = try ExchangeFixtures.rows(store, "SELECT DISTINCT event_type FROM epcis_event ORDER BY 1").map { $0[0] }
        #expect(types == ["AggregationEvent", "AssociationEvent", "ObjectEvent", "TransformationEvent"])

        let batch = try ExchangeFixtures.rows(
            store, "SELECT produced_on, expires_on, status, (SELECT code FROM site WHERE id = factory_site_id) FROM batch WHERE \(canned)")
        #expect(batch == [["2026-03-03", "2026-08-30", "released", "gln-0952123000026"]])

        let steps = try ExchangeFixtures.rows(
            store,
            "SELECT occurred_at, title_en FROM process_step WHERE batch_id = (SELECT id FROM batch WHERE \(canned)) ORDER BY sequence")
        #expect(steps.first == ["2026-03-01T05:30:00+08:00", "Milked into the farm tank"])
        // A time given in UTC is shown in its event's offset; 7 fractional digits are accepted.
        #expect(steps.contains(["2026-03-01T05:45:00+08:00", "Commissioned"]))
        #expect(steps.contains(["2026-03-03T02:00:00+08:00", "Filled and sealed"]))
        // The aggregation names cans by SGTIN URN and by Digital Link: both resolve through the commissioning ILMD.
        #expect(steps.contains(["2026-03-03T04:00:00+08:00", "Packed"]))
        #expect(steps.count == 11)
        #expect(steps.map { $0[0] } == steps.map { $0[0] }.sorted())

        let origins = try ExchangeFixtures.rows(
            store,
            """
            SELECT s.name_en, s.kind, o.raw_milk_lot, ifnull(o.tanker_plate, ''), o.arrived_at, o.arrival_celsius
            FROM batch_origin o JOIN site s ON s.id = o.farm_site_id WHERE o.batch_id = (SELECT id FROM batch WHERE \(canned))
            ORDER BY o.raw_milk_lot
            """)
        #expect(origins.count == 2)
        #expect(origins[0] == ["Beijiang Farm No. 1", "farm", "T260301A", "黑B·12345", "2026-03-01T09:20:00+08:00", "4.2"])
        #expect(origins[1][2] == "T260301B")

        let checks = try ExchangeFixtures.rows(
            store,
            """
            SELECT stage, item_en, verdict, ifnull(report_url, '') FROM lab_check
            WHERE batch_id = (SELECT id FROM batch WHERE \(canned)) ORDER BY stage, item_en
            """)
        #expect(checks == [
            ["finished", "Nitrite (as NaNO₂)", "pass", ""], ["finished", "Salmonella", "pass", ""],
            ["raw", "Aflatoxin M1", "pass", "https://trace.example.com/reports/QC-260301-07.pdf"],
            ["raw", "Protein", "pass", "https://trace.example.com/reports/QC-260301-07.pdf"],
        ])

        let readings = try ExchangeFixtures.rows(
            store,
            "SELECT leg, celsius FROM cold_chain_reading WHERE batch_id = (SELECT id FROM batch WHERE \(canned)) ORDER BY recorded_at")
        #expect(readings.count == 7)
        #expect(readings.contains(["tanker", "7.1"]))
        #expect(readings.contains(["warehouse", "19.0"]))  // 66.2 °F
        #expect(try StoreAudit(storePath: store).run().isEmpty)
    }

    @Test("the imported batch is rendered with its farm, lots and checks")
    func buildRendersImport() throws {
        let directory = TemporaryDirectory()
        let store = try importedStore(directory)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let page = try String(contentsOfFile: out + "/01/09521234200017/10/L260303A/index.html", encoding: .utf8)
        for expected in ["北疆一号牧场", "T260301A", "黄曲霉毒素M1", "灌装封罐", "黑B·12345"] {
            #expect(page.contains(expected), "page lacks \(expected)")
        }
        let english = try String(contentsOfFile: out + "/01/09521234200017/10/L260303A/en/index.html", encoding: .utf8)
        #expect(english.contains("Beijiang Farm No. 1") && english.contains("Aflatoxin M1"))
    }

    @Test("importing the same document again changes nothing")
    func reimportIsIdempotent() throws {
        let directory = TemporaryDirectory()
        let store = try importedStore(directory)
        let before = try ExchangeFixtures.rows(store, "SELECT id, revision FROM batch ORDER BY id")
        let counts = "SELECT (SELECT count(*) FROM process_step), (SELECT count(*) FROM lab_check), (SELECT count(*) FROM epcis_event)"
        let countsBefore = try ExchangeFixtures.rows(store, counts)
        let report = try EPCISImporter(store: TraceStore(path: store, mode: .readWrite)).importFiles([ExchangeFixtures.farmToCan])
        #expect(report.added == 0 && report.unchanged == 11)
        #expect(try ExchangeFixtures.rows(store, "SELECT id, revision FROM batch ORDER BY id") == before)
        #expect(try ExchangeFixtures.rows(store, counts) == countsBefore)
    }

    @Test("an error declaration voids its event and the rows derived from it")
    func errorDeclarationVoids() throws {
        let directory = TemporaryDirectory()
        let store = try importedStore(directory)
        let original = try ExchangeFixtures.value(
            store, "SELECT document FROM epcis_event WHERE biz_step = 'inspecting' AND document LIKE '%nitrite%'")
        let declaration = original.replacingOccurrences(
            of: "\"eventID\":",
            with: "\"errorDeclaration\":{\"declarationTime\":\"2026-03-07T09:00:00+08:00\",\"reason\":\"incorrect_data\"},\"eventID\":")
        let file = try ExchangeFixtures.write(ExchangeFixtures.document([declaration]), to: "void.json", in: directory)
        let report = try EPCISImporter(store: TraceStore(path: store, mode: .readWrite)).importFiles([file])
        #expect(report.added == 1 && report.batchesUpdated == 1)
        #expect(try ExchangeFixtures.value(store, "SELECT voided FROM epcis_event WHERE document LIKE '%errorDeclaration%'") == "1")
        let items = try ExchangeFixtures.rows(
            store, "SELECT item_en FROM lab_check WHERE batch_id = (SELECT id FROM batch WHERE \(canned)) ORDER BY item_en").map { $0[0] }
        #expect(items == ["Aflatoxin M1", "Protein"])
    }

    @Test("a query document's recall event recalls the batch with its reason")
    func queryDocumentRecall() throws {
        let directory = TemporaryDirectory()
        let store = try importedStore(directory)
        let recall = """
            {"type":"ObjectEvent","eventTime":"2026-03-20T10:00:00+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE",
             "bizStep":"holding","disposition":"urn:epcglobal:cbv:disp:recalled",
             "epcList":["https://id.gs1.org/01/09521234200017/10/L260303A/21/1001"],
             "tp:statusReason":{"zh":"包装密封不良","en":"Faulty can seal"},"acme:recallClass":"II"}
            """
        let file = try ExchangeFixtures.write(ExchangeFixtures.document([recall], type: "EPCISQueryDocument"), to: "q.json", in: directory)
        let report = try EPCISImporter(store: TraceStore(path: store, mode: .readWrite)).importFiles([file])
        // A vendor's extension is kept in the stored event, with a note that pages do not show it.
        #expect(report.notes.contains("kept in the stored events but not shown on pages: acme:recallClass (1 event)"))
        #expect(try ExchangeFixtures.value(store, "SELECT count(*) FROM epcis_event WHERE document LIKE '%\"acme:recallClass\":\"II\"%'") == "1")
        #expect(
            try ExchangeFixtures.rows(store, "SELECT status, status_reason_en, status_since FROM batch WHERE \(canned)")
                == [["recalled", "Faulty can seal", "2026-03-20"]])
    }

    static let goodEvent = """
        {"type":"ObjectEvent","eventTime":"2026-03-01T05:30:00Z","eventTimeZoneOffset":"+08:00","action":"OBSERVE",
         "quantityList":[{"epcClass":"https://id.gs1.org/01/09521234200017/10/LOTX1"}]}
        """

    static let malformed: [(String, String, String)] = [
        ("not JSON", "this is not json", "not valid JSON"),
        ("JSON with comments", "{\n  // exported by ERP\n  \"type\": \"EPCISDocument\"}", "line 2, column 3: JSON does not allow comments"),
        ("EPCIS 1.2 XML", "<?xml version=\"1.0\"?><epcis:EPCISDocument/>", "this is XML"),
        ("an event with no time", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "\"eventTime\":\"2026-03-01T05:30:00Z\",", with: "")]),
         "/epcisBody/eventList/0/eventTime: is missing"),
        ("an event with no identifiers", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "\"quantityList\"", with: "\"x\"")]),
         "the event names no objects"),
        ("a GTIN with a bad check digit", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "09521234200017", with: "09521234200018")]),
         "/epcisBody/eventList/0/quantityList/0/epcClass: 'https://id.gs1.org/01/09521234200018/10/LOTX1': GTIN '09521234200018' has a wrong check digit"),
        ("a lot that cannot be served", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "LOTX1", with: "A%2FB")]),
         "/epcisBody/eventList/0: 09521234200017: lot 'A/B' contains '/'"),
        ("a number where a string belongs", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "\"action\":\"OBSERVE\"", with: "\"action\":\"OBSERVE\",\"bizStep\":5")]),
         "/epcisBody/eventList/0/bizStep: should be a string, found a number"),
        ("a time without an offset", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "05:30:00Z", with: "05:30:00")]),
         "/epcisBody/eventList/0/eventTime: '2026-03-01T05:30:00' is not a time"),
        ("a stated verdict the numbers contradict", ExchangeFixtures.document([goodEvent.replacingOccurrences(of: "]}", with: "],\"sensorElementList\":[{\"sensorReport\":[{\"value\":3.0,\"tp:item\":\"Nitrite\",\"tp:unit\":\"mg/kg\",\"tp:limitMax\":2.0,\"tp:verdict\":\"pass\"}]}]}")]),
         "/epcisBody/eventList/0/sensorElementList/0/sensorReport/0: states 'pass' but the numbers give 'fail'"),
        ("an EPCIS 1.2 schema version", ExchangeFixtures.document([goodEvent]).replacingOccurrences(of: "\"2.0\"", with: "\"1.2\""),
         "/schemaVersion: is '1.2'"),
    ]

    @Test("malformed documents are rejected with their place, and the store is left untouched", arguments: malformed)
    func malformedDocument(_ label: String, _ text: String, _ expected: String) throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory)
        let before = FileManager.default.contents(atPath: store)
        let file = try ExchangeFixtures.write(text, to: "bad.json", in: directory)
        let importer = EPCISImporter(store: try TraceStore(path: store, mode: .readWrite))
        let error = #expect(throws: ImportError.self, "\(label)") { try importer.importFiles([file]) }
        #expect(error.map { "\($0)" }?.contains(expected) == true, "\(label): \(error.map { "\($0)" } ?? "")")
        #expect(FileManager.default.contents(atPath: store) == before, "\(label) changed the store")
    }

    @Test("every problem of a file is listed, not only the first")
    func allProblemsListed() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory)
        let broken = [
            Self.goodEvent.replacingOccurrences(of: "OBSERVE", with: "LOOK"),
            Self.goodEvent.replacingOccurrences(of: "\"eventTimeZoneOffset\":\"+08:00\"", with: "\"eventTimeZoneOffset\":\"8h\""),
        ]
        let file = try ExchangeFixtures.write(ExchangeFixtures.document(broken), to: "two.json", in: directory)
        let error = #expect(throws: ImportError.self) {
            try EPCISImporter(store: TraceStore(path: store, mode: .readWrite)).importFiles([file])
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("/epcisBody/eventList/0/action: is 'LOOK'"))
        #expect(text.contains("/epcisBody/eventList/1/eventTimeZoneOffset: '8h'"))
    }
}

import Foundation
import Testing
import TracePressCore
import TracePublish
import TraceStore

@Suite("cross-row checks: only what changed since the last clean check")
struct CrossRowCheckTests {
    static let tablesWithReferences = [
        "batch", "batch_origin", "certificate", "cold_chain_reading", "epcis_event_lot", "lab_check", "media",
        "process_step", "product", "sensor_report", "site",
    ]

    @Test("without an earlier check every table with references is checked; after one, only what moved")
    func checksWhatMoved() throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 6)
        let first = try TraceStore(path: path, mode: .readOnly).crossRowCheck(cleanAt: nil)
        #expect(first.problems.isEmpty)
        #expect(first.checkedTables == Self.tablesWithReferences)

        let unchanged = try TraceStore(path: path, mode: .readOnly).crossRowCheck(cleanAt: first.tokens)
        #expect(unchanged.checkedTables.isEmpty)

        // Editing a batch cannot break the references its steps hold: only its own are checked.
        try Fixtures.tamper(path, "UPDATE batch SET quantity = 7 WHERE id = 2")
        let batchEdited = try TraceStore(path: path, mode: .readOnly).crossRowCheck(cleanAt: first.tokens)
        #expect(batchEdited.checkedTables == ["batch"])

        // A step's own edit checks the steps (and, through the revision trigger, the batch).
        try Fixtures.tamper(path, "UPDATE process_step SET detail_en = 'x' WHERE id = 1")
        let stepEdited = try TraceStore(path: path, mode: .readOnly).crossRowCheck(cleanAt: batchEdited.tokens)
        #expect(stepEdited.checkedTables == ["batch", "process_step"])
    }

    @Test(
        "a change after a clean build that breaks a reference fails the next build, and the site stays",
        arguments: [
            // Deleting a batch with foreign keys off leaves its rows pointing at nothing.
            ("DELETE FROM batch WHERE id = 3", "refers to a batch row that does not exist"),
            // A new row that points at nothing changes no batch's revision.
            ("INSERT INTO media (batch_id, kind, title_zh, title_en, url) VALUES (999999, 'photo', '照片', 'Photo', 'https://example.com/p.jpg')",
             "media row"),
            // A site's id moving under the steps that name it.
            ("UPDATE site SET id = 777 WHERE id = 11", "refers to a site row that does not exist"),
        ])
    func breakageAfterCleanBuild(_ breakage: (sql: String, expected: String)) throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 8)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(CheckedTables.load(site: out) != nil)
        let before = Fixtures.snapshot(out)

        try Fixtures.tamper(store, breakage.sql)
        do {
            _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
            Issue.record("the build succeeded")
        } catch BuildError.inconsistentStore(let problems) {
            let text = problems.map(\.description).joined(separator: "\n")
            #expect(text.contains(breakage.expected), "\(text)")
        }
        #expect(Fixtures.snapshot(out) == before)
    }

    @Test("an edited record of the last check is not trusted")
    func editedRecordIgnored() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let record = out + "/" + Manifest.checkedTablesFile
        var text = try String(contentsOfFile: record, encoding: .utf8)
        #expect(CheckedTables.load(site: out)?["batch"] != nil)
        text = text.replacingOccurrences(of: "\nbatch\t", with: "\nbatch\t9")
        try text.write(toFile: record, atomically: false, encoding: .utf8)
        #expect(CheckedTables.load(site: out) == nil)
    }
}

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

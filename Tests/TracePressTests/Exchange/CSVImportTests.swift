import Foundation
import Testing
import TraceExchange
import TracePressCore
import TraceStore

@Suite("CSV import")
struct CSVImportTests {
    func importTemplates(into store: String) throws -> ImportReport {
        try CSVImporter(store: TraceStore(path: store, mode: .create), baseURL: "https://trace.example.com")
            .importFolder(ExchangeFixtures.csvTemplates)
    }

    @Test("the Examples/csv templates make a clean store that builds")
    func templatesImportAndBuild() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("csv.sqlite")
        let report = try importTemplates(into: store)
        #expect(report.added == 17)
        #expect(try StoreAudit(storePath: store).run().isEmpty)
        let counts = try ExchangeFixtures.rows(
            store,
            """
            SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM site), (SELECT count(*) FROM batch),
                (SELECT count(*) FROM batch_origin), (SELECT count(*) FROM process_step), (SELECT count(*) FROM lab_check),
                (SELECT count(*) FROM cold_chain_reading), (SELECT count(*) FROM media)
            """)
        #expect(counts == [["1", "3", "1", "1", "3", "3", "3", "2"]])
        // A quoted field with a comma keeps it; the plate-count samples evaluate under the n/c/m/M plan.
        #expect(try ExchangeFixtures.value(store, "SELECT region_en FROM site WHERE code = 'qq-plant'") == "Qiqihar, Heilongjiang")
        #expect(try ExchangeFixtures.value(store, "SELECT verdict FROM lab_check WHERE item_en = 'Total plate count'") == "pass")

        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let page = try String(contentsOfFile: out + "/01/09521234200017/10/M260310A/index.html", encoding: .utf8)
        #expect(page.contains("齐齐哈尔二号牧场") && page.contains("R260309-02") && page.contains("超高温灭菌灌装"))
    }

    @Test("importing the templates twice duplicates nothing")
    func reimportDuplicatesNothing() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("csv.sqlite")
        _ = try importTemplates(into: store)
        let query = "SELECT (SELECT count(*) FROM process_step), (SELECT count(*) FROM lab_check), (SELECT count(*) FROM media), (SELECT count(*) FROM party)"
        let before = try ExchangeFixtures.rows(store, query)
        let revisions = try ExchangeFixtures.rows(store, "SELECT id, revision FROM batch ORDER BY id")
        let again = try importTemplates(into: store)
        #expect(try ExchangeFixtures.rows(store, query) == before)
        // Rows rewritten with the same content leave the batch at its revision: nothing to rebuild.
        #expect(again.batchesUpdated == 0)
        #expect(try ExchangeFixtures.rows(store, "SELECT id, revision FROM batch ORDER BY id") == revisions)

        // One changed reading is a change: the batch moves on.
        let folder = directory.file("changed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let readings = try String(contentsOfFile: ExchangeFixtures.csvTemplates + "/readings.csv", encoding: .utf8)
        try readings.replacingOccurrences(of: ",4.4,", with: ",4.5,").write(toFile: folder + "/readings.csv", atomically: false, encoding: .utf8)
        let changed = try CSVImporter(store: TraceStore(path: store, mode: .readWrite)).importFolder(folder)
        #expect(changed.batchesUpdated == 1)
        #expect(try ExchangeFixtures.value(store, "SELECT revision FROM batch") != revisions[0][1])
    }

    @Test("a GB18030 file from Chinese Excel is detected and read; forcing UTF-8 explains itself")
    func gb18030() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("csv.sqlite")
        _ = try importTemplates(into: store)
        let folder = directory.file("gb")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let utf8 = "code,kind,name_zh,name_en,region_zh,region_en\r\nnew-farm,pasture,呼伦贝尔草原牧场,Hulunbuir Grassland Farm,内蒙古 呼伦贝尔,\"Hulunbuir, Inner Mongolia\"\r\n"
        let source = try ExchangeFixtures.write(utf8, to: "utf8.csv", in: directory)
        let raw = try ExternalTool.runRaw("iconv", ["-f", "UTF-8", "-t", "GB18030", source])
        #expect(String(data: raw, encoding: .utf8) == nil, "the GB18030 bytes must not be valid UTF-8 for this test to mean anything")
        try raw.write(to: URL(fileURLWithPath: folder + "/sites.csv"))

        let forced = #expect(throws: ImportError.self) {
            try CSVImporter(store: TraceStore(path: store, mode: .readWrite), encoding: .utf8).importFolder(folder)
        }
        #expect(forced.map { "\($0)" }?.contains("not valid UTF-8") == true)

        let report = try CSVImporter(store: TraceStore(path: store, mode: .readWrite)).importFolder(folder)
        #expect(report.notes.contains { $0.contains("read as GB18030") })
        #expect(try ExchangeFixtures.value(store, "SELECT name_zh FROM site WHERE code = 'new-farm'") == "呼伦贝尔草原牧场")
    }

    @Test("bad fields are reported by file, line and column, all of them, and nothing is written")
    func badRows() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("csv.sqlite")
        _ = try importTemplates(into: store)
        let before = FileManager.default.contents(atPath: store)
        let folder = directory.file("bad")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(
            """
            gtin,lot,produced_on,expires_on,quantity,factory_code
            09521234200017,OK1,2026-03-10,2026-09-06,"12
            000",qq-plant
            09521234200018,a/b,2026-13-01,2026-01-01,ten,qq-farm-2

            """.utf8
        ).write(to: URL(fileURLWithPath: folder + "/batches.csv"))
        try Data("gtin,lot,leg,recorded_at,celsius\n09521234200017,NOPE,tanker,2026-03-09 07:00,cold\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/readings.csv"))
        let error = #expect(throws: ImportError.self) {
            try CSVImporter(store: TraceStore(path: store, mode: .readWrite)).importFolder(folder)
        }
        let text = error.map { "\($0)" } ?? ""
        // The first record spans lines 2–3 (a quoted newline), so the second starts on line 4.
        for expected in [
            "batches.csv: line 2, column 5 (quantity): '12\n000' is not a whole number",
            "batches.csv: line 4, column 1 (gtin): GTIN '09521234200018' has a wrong check digit",
            "batches.csv: line 4, column 2 (lot): lot 'a/b' contains '/'",
            "batches.csv: line 4, column 3 (produced_on): '2026-13-01' is not a date",
            "batches.csv: line 4, column 5 (quantity): 'ten' is not a whole number",
            "batches.csv: line 4, column 6 (factory_code): site 'qq-farm-2' is a farm, not a factory",
            "readings.csv: line 2, column 4 (recorded_at): '2026-03-09 07:00' is not a time with its UTC offset",
            "readings.csv: line 2, column 5 (celsius): 'cold' is not a number",
        ] {
            #expect(text.contains(expected), "missing: \(expected)\nin: \(text)")
        }
        #expect(FileManager.default.contents(atPath: store) == before)
    }

    @Test("unknown files and columns are named, so a typo is not silently ignored")
    func unknownFilesAndColumns() throws {
        let directory = TemporaryDirectory()
        let folder = directory.file("typo")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("code,kind,nmae_zh\n".utf8).write(to: URL(fileURLWithPath: folder + "/sites.csv"))
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: folder + "/batch.csv"))
        let error = #expect(throws: ImportError.self) {
            try CSVImporter(store: TraceStore(path: directory.file("s.sqlite"), mode: .create)).importFolder(folder)
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("batch.csv: not a TracePress table"))
        #expect(text.contains("sites.csv: line 1, column 3: unknown column 'nmae_zh'"))
        #expect(text.contains("sites.csv: line 1: missing column 'name_zh'"))
    }
}

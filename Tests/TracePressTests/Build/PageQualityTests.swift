import Foundation
import Testing
import TracePressCore

@Suite("batch pages: budgets, accessibility and valid HTML on the demo site")
struct PageQualityTests {
    @Test("batch page HTML + stylesheet fit one round trip: at most 14 KB gzipped together")
    func weight() throws {
        let directory = TemporaryDirectory()
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: Fixtures.demoStore(in: directory, batches: 8), out: out)).build()
        let stylesheet = try #require(Fixtures.snapshot(out).keys.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        // gzip output through a String undercounts bytes that are not UTF-8, so count with wc.
        func size(_ path: String) throws -> Int {
            Int(try ExternalTool.run("sh", ["-c", "gzip -9 -c '\(out)/\(path)' | wc -c"]).output.trimmingCharacters(in: .whitespacesAndNewlines))!
        }
        let css = try size(stylesheet)
        for folder in Fixtures.batchFolders(in: out) {
            let total = try size(folder + "/index.html") + css
            #expect(total <= 14 * 1024, "\(folder): \(total) bytes gzipped")
        }
    }

    @Test("axe-core finds no violations and vnu no errors on every page type; the recall banner is in the first screen")
    func browserChecks() throws {
        let directory = TemporaryDirectory()
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: Fixtures.demoStore(in: directory, batches: 60), out: out)).build()
        let result = try ExternalTool.run("python3", [Repository.root + "/Tests/browser/check_pages.py", out])
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains(" passed, 0 failed"))
    }
}

import Foundation
import Testing
import TracePressCore

@Suite("origin pages, livestreams and feeds")
struct OriginPagesTests {
    /// Runs Tests/feeds/read_feeds.py and decodes what it printed.
    func read(_ kind: String, _ path: String) throws -> [String: Any] {
        let result = try ExternalTool.run("python3", [Repository.root + "/Tests/feeds/read_feeds.py", kind, path])
        #expect(result.status == 0, "\(kind) \(path): \(result.errorOutput)")
        return (try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]) ?? [:]
    }

    func lots(onPage path: String) throws -> [String] {
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let body = html.components(separatedBy: "<tbody>").last ?? ""
        return body.components(separatedBy: "<th scope=\"row\"><a href=\"").dropFirst().map {
            String($0.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
        }
    }

    @Test("each site page lists exactly the batches it supplied, newest first, across pages")
    func sitePagesListTheirBatches() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 230)
        let out = directory.file("site")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.sitePages > 9)

        let farms = try ExchangeFixtures.rows(store, "SELECT id, code FROM site WHERE kind IN ('farm', 'pasture') ORDER BY code")
        for farm in farms {
            let expected = try ExchangeFixtures.rows(
                store,
                """
                SELECT b.lot FROM batch b WHERE b.id IN (SELECT batch_id FROM batch_origin WHERE farm_site_id = \(farm[0])
                    UNION SELECT batch_id FROM process_step WHERE site_id = \(farm[0])) ORDER BY b.produced_on DESC, b.gtin, b.lot
                """
            ).map { $0[0] }
            var listed: [String] = []
            var page = 1
            while true {
                let folder = out + "/sites/\(farm[1])" + (page == 1 ? "" : "/page/\(page)")
                guard FileManager.default.fileExists(atPath: folder + "/index.html") else { break }
                listed += try lots(onPage: folder + "/index.html")
                page += 1
            }
            #expect(!expected.isEmpty)
            #expect(listed == expected, "site \(farm[1])")
        }
        // The factory made all 230: three pages of at most 100, linked in order.
        let factory = try ExchangeFixtures.value(store, "SELECT code FROM site WHERE kind = 'factory'")
        #expect(try lots(onPage: out + "/sites/\(factory)/index.html").count == 100)
        #expect(try lots(onPage: out + "/sites/\(factory)/page/3/index.html").count == 30)
        let first = try String(contentsOfFile: out + "/sites/\(factory)/index.html", encoding: .utf8)
        #expect(first.contains("href=\"page/2/\" rel=\"next\""))
        // Batch pages link each origin farm to its page.
        let batch = Fixtures.batchFolders(in: out)[0]
        let page = try String(contentsOfFile: out + "/" + batch + "/index.html", encoding: .utf8)
        #expect(page.contains("href=\"../../../../sites/"))
    }

    @Test("live.ics parses with Python's icalendar and keeps Chinese titles, commas, semicolons and newlines")
    func calendarRoundTrip() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 6)
        let title = "春季开放日，直播; 第二场\n挤奶与冷却 \\ 特别版（齐齐哈尔）"
        let english = "Spring open day, live; part 2"
        try Fixtures.execute(
            store,
            """
            UPDATE media SET title_zh = '\(title)', title_en = '\(english)'
            WHERE id = (SELECT min(id) FROM media WHERE kind = 'livestream')
            """)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let calendar = try read("ics", out + "/live.ics")
        let events = calendar["events"] as? [[String: String]] ?? []
        let sessions = try ExchangeFixtures.value(store, "SELECT count(*) FROM media WHERE kind = 'livestream'")
        #expect(String(events.count) == sessions)
        #expect(events.contains { $0["summary"] == "\(title) / \(english)" })
        #expect(events.allSatisfy { $0["start"]?.hasSuffix("+00:00") == true && !($0["url"] ?? "").isEmpty })
        // Each site with sessions has its own calendar with only its own.
        let siteCode = try ExchangeFixtures.value(
            store, "SELECT s.code FROM site s JOIN media m ON m.site_id = s.id WHERE m.kind = 'livestream' ORDER BY m.id LIMIT 1")
        let own = try read("ics", out + "/sites/\(siteCode)/live.ics")["events"] as? [[String: String]] ?? []
        #expect(own.count == 2)
        #expect(own.contains { $0["summary"] == "\(title) / \(english)" })
    }

    @Test("recalls.xml is Atom with one entry per recalled or held batch, and the recalls page lists them")
    func recallFeed() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 12)
        try Fixtures.execute(store, "UPDATE batch SET status_reason_en = 'Seal <may> leak & more' WHERE status = 'recalled'")
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let feed = try read("atom", out + "/recalls.xml")
        let entries = feed["entries"] as? [[String: String]] ?? []
        let held = try ExchangeFixtures.rows(store, "SELECT gtin, lot, status FROM batch WHERE status <> 'released' ORDER BY status_since DESC")
        #expect(entries.count == held.count && !held.isEmpty)
        for (entry, batch) in zip(entries, held) {
            #expect(entry["link"] == "https://trace.example.com/01/\(batch[0])/10/\(batch[1])")
        }
        #expect(entries.contains { $0["summary"]?.contains("Seal <may> leak & more") == true })
        let page = try String(contentsOfFile: out + "/recalls/en/index.html", encoding: .utf8)
        #expect(page.contains("Seal &lt;may&gt; leak &amp; more"))
        for batch in held { #expect(page.contains(">\(batch[1])</a>")) }
    }

    struct Omission: CustomTestStringConvertible, Sendable {
        let name: String
        let sql: String
        let warning: String
        var testDescription: String { name }
    }

    static let omissions: [Omission] = [
        Omission(
            name: "a session ending before it starts",
            sql: "UPDATE media SET ends_at = '2000-01-01T00:00:00+08:00' WHERE id = (SELECT min(id) FROM media WHERE kind = 'livestream')",
            warning: "field ends_at"),
        Omission(
            name: "a session link that is not http(s)",
            sql: "UPDATE media SET url = 'javascript:alert(1)' WHERE id = (SELECT min(id) FROM media WHERE kind = 'livestream')",
            warning: "is not an http(s) link to the livestream"),
        Omission(
            name: "a poster missing from Public/",
            sql: "UPDATE media SET poster = 'images/missing.jpg' WHERE id = (SELECT min(id) FROM media WHERE kind = 'livestream')",
            warning: "'images/missing.jpg' is not in Public/"),
        Omission(
            name: "a site without coordinates", sql: "UPDATE site SET latitude = NULL, longitude = NULL WHERE kind = 'pasture'",
            warning: "no coordinates; its pages show no map link"),
    ]

    @Test("check warns, build leaves the block out and says so, never renders it broken", arguments: omissions)
    func leftOut(_ omission: Omission) throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 6)
        try Fixtures.execute(store, omission.sql)
        let audit = StoreAudit(storePath: store)
        #expect(try audit.run().isEmpty)
        #expect(try audit.omissions(publicPath: Repository.publicFolder).contains { $0.contains(omission.warning) })
        let out = directory.file("site")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.omissions.contains { $0.contains(omission.warning) })
        let everything = Fixtures.snapshot(out).filter { $0.key.hasSuffix(".html") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(!everything.contains { $0.contains("javascript:alert") || $0.contains("images/missing.jpg") })
    }

    @Test("an incremental build carries a new recall to the product list, the site pages and the feed")
    func incrementalRecall() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 12)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let released = try ExchangeFixtures.rows(
            store, "SELECT id, gtin, lot, (SELECT code FROM site WHERE id = factory_site_id) FROM batch WHERE status = 'released' LIMIT 1")[0]
        try Fixtures.execute(
            store,
            """
            UPDATE batch SET status = 'recalled', status_reason_zh = '测试召回', status_reason_en = 'Test recall XYZ',
                status_since = '2026-11-20' WHERE id = \(released[0])
            """)
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.rendered == 1)
        let row = ">\(released[2])</a></th>"
        let product = try String(contentsOfFile: out + "/01/\(released[1])/en/index.html", encoding: .utf8)
        #expect(product.components(separatedBy: row).last?.prefix(120).contains("Recalled") == true)
        let factory = try String(contentsOfFile: out + "/sites/\(released[3])/en/index.html", encoding: .utf8)
        let siteRow = "\(released[1])/10/\(released[2])/en/\">\(released[2])</a></th>"
        #expect(factory.contains(siteRow))
        #expect(factory.components(separatedBy: siteRow).last?.prefix(200).contains("Recalled") == true)
        let feed = try String(contentsOfFile: out + "/recalls.xml", encoding: .utf8)
        #expect(feed.contains("Test recall XYZ"))
    }
}

import Foundation
import Testing
import TraceModel
import TracePressCore
import TracePublish

@Suite("build: the demo site, end to end")
struct SiteBuildTests {
    @Test("every batch page says in its description what its status is, og:url is its canonical URL, and home, product and site pages describe themselves")
    func descriptions() throws {
        let directory = TemporaryDirectory()
        let out = try Fixtures.demoSite(in: directory, batches: 6).site
        var statuses: Set<String> = []
        for folder in Fixtures.batchFolders(in: out) {
            for page in ["index.html", "en/index.html"] {
                let html = String(decoding: FileManager.default.contents(atPath: "\(out)/\(folder)/\(page)") ?? Data(), as: UTF8.self)
                let description = try #require(html.firstMatch(of: /<meta name="description" content="([^"]*)">/)?.1, "\(folder)/\(page)")
                let canonical = try #require(html.firstMatch(of: /<link rel="canonical" href="([^"]*)">/)?.1)
                #expect(html.contains("<meta property=\"og:url\" content=\"\(canonical)\">"))
                let status = try #require(["已放行", "已召回", "暂停销售", "Released", "Recalled", "On hold"].first { description.contains($0) })
                statuses.insert(status)
                // Only a released batch claims checks passed; a recalled one never does.
                #expect(description.contains("项合格") == (status == "已放行"), "\(description)")
                #expect(description.contains(" passed") == (status == "Released"), "\(description)")
            }
        }
        #expect(statuses == ["已放行", "已召回", "暂停销售", "Released", "Recalled", "On hold"])
        // The pages search engines find besides batches: home, products, farms and factories.
        let products = try FileManager.default.contentsOfDirectory(atPath: "\(out)/01").filter { !$0.hasPrefix(".") }
        let sites = try FileManager.default.contentsOfDirectory(atPath: "\(out)/sites").filter { !$0.hasPrefix(".") }
        #expect(!products.isEmpty && !sites.isEmpty)
        let pages = ["index.html", "en/index.html"] + products.map { "01/\($0)/index.html" } + sites.map { "sites/\($0)/en/index.html" }
        for page in pages {
            let html = String(decoding: FileManager.default.contents(atPath: "\(out)/\(page)") ?? Data(), as: UTF8.self)
            let description = html.firstMatch(of: /<meta name="description" content="([^"]+)">/)?.1
            #expect(description.map { $0.count > 20 } == true, "\(page)")
        }
    }

    @Test("linkset.json lists each lab report of a batch once, in order, and checks without one add nothing")
    func linksetReports() throws {
        let directory = TemporaryDirectory()
        let out = try Fixtures.demoSite(in: directory, batches: 2, tamper: """
            UPDATE lab_check SET report_url = CASE
                WHEN id IN (SELECT min(id) FROM lab_check WHERE batch_id = 1 UNION SELECT max(id) FROM lab_check WHERE batch_id = 1)
                    THEN 'https://reports.example.com/z.pdf'
                WHEN id % 2 = 0 THEN 'https://reports.example.com/a.pdf' ELSE NULL END
            WHERE batch_id = 1
            """).site
        let folder = try #require(Fixtures.batchFolders(in: out).sorted().first { folder in
            let data = FileManager.default.contents(atPath: "\(out)/\(folder)/data.json") ?? Data()
            return String(decoding: data, as: UTF8.self).contains("reports.example.com/z.pdf")
        })
        let linkset = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: "\(out)/\(folder)/linkset.json")))
        let set = try #require(((linkset as? [String: Any])?["linkset"] as? [[String: Any]])?.first)
        let reports = try #require(set["https://gs1.org/voc/certificationInfo"] as? [[String: Any]])
        #expect(reports.compactMap { $0["href"] as? String } == ["https://reports.example.com/a.pdf", "https://reports.example.com/z.pdf"])
    }

    @Test("every demo batch gets a page, qr.svg and qr.png, and every QR decodes to its exact Digital Link")
    func demoSite() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 60)
        let out = directory.file("site")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.batchPages == 60)
        #expect(report.productPages == 4)

        let folders = Fixtures.batchFolders(in: out)
        #expect(folders.count == 60)
        for folder in folders {
            for file in ["index.html", "qr.svg", "qr.png"] {
                #expect(FileManager.default.fileExists(atPath: "\(out)/\(folder)/\(file)"), "\(folder)/\(file)")
            }
        }
        for file in ["index.html", "404.html", "robots.txt", "sitemap.xml", "images/pasture.svg", "01/09521231000016/index.html"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file)")
        }

        // One zbarimg run over all PNGs; each decodes to exactly its folder's URL.
        let decoded = try ExternalTool.run("zbarimg", ["--quiet", "--raw"] + folders.map { "\(out)/\($0)/qr.png" })
        let urls = decoded.output.split(separator: "\n").map(String.init)
        #expect(urls == folders.map { "https://trace.example.com/\($0)" })

        // The purge list names every file of every batch, and each page by its folder, with and
        // without the slash.
        let purge = Set(try String(contentsOfFile: out + "/" + Manifest.changedURLsFile, encoding: .utf8).split(separator: "\n").map(String.init))
        for folder in folders {
            let url = "https://trace.example.com/\(folder)"
            let expected = [url, url + "/", url + "/en", url + "/en/"]
                + ["index.html", "en/index.html", "qr.svg", "qr.png", "linkset.json", "data.json"].map { url + "/" + $0 }
            for line in expected { #expect(purge.contains(line), "\(line)") }
        }
    }

    @Test("recalled, held and failed batches say so on their pages")
    func honestStatus() throws {
        let directory = TemporaryDirectory()
        let out = try Fixtures.demoSite(in: directory, batches: 8).site
        let everything = Fixtures.snapshot(out)
        let english = everything.filter { $0.key.hasSuffix("/en/index.html") && $0.key.contains("/10/") }
            .mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(english.count == 8)
        #expect(english.values.filter { $0.contains("This batch has been recalled") }.count == 1)
        #expect(english.values.allSatisfy { $0.contains("<html lang=\"en\">") && $0.contains("hreflang=\"zh-CN\"") })
        let pages = everything.filter { $0.key.contains("/10/") && $0.key.hasSuffix("index.html") && !$0.key.hasSuffix("/en/index.html") }
            .mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(pages.values.filter { $0.contains("此批次已召回") }.count == 1)
        #expect(pages.values.filter { $0.contains("此批次暂停销售") }.count == 2)  // batch 3, and batch 5 with its failed check
        let failed = pages.values.filter { $0.contains("class=\"verdict-fail\"") }
        #expect(failed.count == 1)
        #expect(failed.first?.contains("不合格") == true)
        #expect(failed.first?.contains("此批次暂停销售") == true)
    }

    @Test("hostile store text stays text, in a real browser too")
    func hostileText() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 1)
        try Fixtures.tamper(store, """
            UPDATE product SET name_zh = '<script>document.title="pwned"</script>奶粉';
            UPDATE site SET name_zh = '"><img src=x onerror=alert(1)>牧场';
            UPDATE process_step SET detail_en = '</li></ol><h1>fake</h1>';
            """)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let folder = try #require(Fixtures.batchFolders(in: out).first)
        let page = String(decoding: try #require(FileManager.default.contents(atPath: "\(out)/\(folder)/index.html")), as: UTF8.self)
        // The only script element is our JSON-LD data block, whose `<` are escaped as \u003c.
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.contains("<script type=\"application/ld+json\">"))
        #expect(page.contains("\\u003cscript>document.title=\\\"pwned\\\"\\u003c/script>奶粉"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("<h1>fake"))
        #expect(page.contains("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;奶粉"))

        let dom = try ExternalTool.run(
            "chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(out)/\(folder)/index.html"])
        #expect(dom.status == 0, "\(dom.errorOutput)")
        #expect(dom.output.contains("<title>"))
        #expect(!dom.output.contains("pwned</title>"))
        #expect(dom.output.components(separatedBy: "<script").count == 2)
        #expect(dom.output.contains("&lt;script&gt;"))
    }

    @Test("a lot that would escape the output folder publishes nothing")
    func unsafeLotPublishesNothing() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 3)
        try Fixtures.tamper(store, "UPDATE batch SET lot = '../../../../../../escaped' WHERE id = 2")
        let out = directory.file("nested/site")
        #expect(throws: BuildError.self) { try SiteBuilder(options: Fixtures.options(store: store, out: out)).build() }
        #expect(!FileManager.default.fileExists(atPath: out))
        let everything = Fixtures.snapshot(directory.path).keys
        #expect(!everything.contains { $0.contains("escaped") })
        #expect(!everything.contains { $0.contains(".tracepress-staging") })
    }

    /// A slash, dot or NUL followed by a combining mark is one `Character` to Swift but a
    /// separator, dot or NUL to the file system: the check reads bytes.
    @Test(
        "the site paths themselves refuse to leave the output folder",
        arguments: [
            "../x", "a/../../x", "/etc/passwd", "a//b", "./a", "", "a/", "..", ".", "a/.", "a\\b", "a\u{0}b",
            "/\u{301}etc/passwd", "a/\u{0}\u{301}", "a/..\u{301}/../../x/..",
        ])
    func sitePaths(_ path: String) {
        #expect(throws: PublishError.unsafePath(path)) { try SitePath(path) }
    }

    @Test("ordinary site paths are accepted as they are", arguments: ["index.html", "01/09521231000016/10/A-1_2.b/en/index.html", "..a/b...", ".well-known/gs1resolver"])
    func acceptedSitePaths(_ path: String) throws {
        #expect(try SitePath(path).relative == path)
    }

    @Test("the base URL must be plain http(s)", arguments: ["trace.example.com", "https://", "https://x.com/?utm=1", "https://x.com/#a", "ftp://x.com"])
    func badBaseURL(_ url: String) throws {
        let directory = TemporaryDirectory()
        var options = Fixtures.options(store: try Fixtures.demoStore(in: directory, batches: 1), out: directory.file("site"))
        options.baseURL = url
        #expect(throws: BuildError.self) { try SiteBuilder(options: options).build() }
    }
}

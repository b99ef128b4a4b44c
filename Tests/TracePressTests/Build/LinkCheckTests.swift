import Foundation
import Testing
@testable import TracePressCore
@testable import TracePublish

@Suite("the link check: pages that link to files the site does not have")
struct LinkCheckTests {
    @Test("reads links from start tags only: not from comments or scripts; references decoded; srcset split; ids kept")
    func pageLinks() {
        let html = """
            <!doctype html><html><head><link rel="stylesheet" href="style.css">
            <meta property="og:image" content="https://trace.example.com/images/og.png"><meta name="description" content="not a link">
            <script>if (a < b) { x = "<a href='script.html'>" }</script><style>a{}</style></head>
            <body><!-- <img src="comment.png"> --><h1 id="top-heading">T</h1><a name="old-anchor"></a>
            <a href="a.html?x=1&amp;y=2#sec">A</a><IMG SRC=b.png alt=x><img srcset="c1.png 1x, c2.png 2x" src='c.png'>
            <video poster="p.jpg"></video><p id=unquoted>text with a < sign</p></body></html>
            """
        let links = PageLinks(html: Array(html.utf8))
        #expect(links.links.map(\.url) == [
            "style.css", "https://trace.example.com/images/og.png", "not a link", "a.html?x=1&y=2#sec", "b.png", "c1.png", "c2.png", "c.png", "p.jpg",
        ])
        #expect(links.links.filter(\.onlyIfAbsolute).map(\.url) == ["https://trace.example.com/images/og.png", "not a link"])
        #expect(links.links[4].source == "img src")
        #expect(links.ids == ["top-heading", "old-anchor", "unquoted"])

        let css = PageLinks(css: Array("""
            @import "base.css"; @import url(print.css);
            body { background: url( 'img/bg.png' ) } .x { background: url(data:image/png;base64,AAAA) } @font-face { src: url("f.woff2") }
            """.utf8))
        #expect(Set(css.links.map(\.url)) == ["base.css", "print.css", "img/bg.png", "f.woff2"])
    }

    @Test("follows relative, root-relative and base-URL links to files, folders and ids; leaves other hosts and schemes alone")
    func resolution() throws {
        let directory = TemporaryDirectory()
        let root = directory.file("site")
        for (path, text) in [
            ("index.html", "<h1 id=top-of-home>home</h1>"),
            ("images/cow.png", "png"),
            ("a b/index.html", "<p id=\"x\">"),
            ("empty/readme.txt", "no index here"),
            ("01/09521231000016/10/A1/index.html", "<section id=\"checks\"></section>"),
        ] {
            try FileManager.default.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        let page = """
            <a href="../../../../images/cow.png">ok</a><a href="/images/cow.png?v=2">ok</a><a href="../../../../">ok</a>
            <a href="https://trace.example.com/01/09521231000016/10/A1">ok</a><a href="https://trace.example.com">ok</a>
            <h2 id="here">page</h2><a href="#here">ok</a><a href="index.html#checks">ok</a><a href="../../../../a%20b/#x">ok</a><a href="https://other.example.com/missing.png">other host</a>
            <a href="tel:400-820-0000">tel</a><a href="geo:47.78,124.47">geo</a><a href="mailto:a@b.c">mail</a><a href="//cdn.example.com/x.js">cdn</a>
            <a href="../../../../images/calf.png">missing</a><a href="/../../etc/passwd">outside</a><a href="../../../../empty/">no index</a>
            <a href="#journey">no such id</a><a href="/index.html#nowhere">no such id there</a>
            <a href="https://trace.example.com/01/09521231000016/10/NOPE/">missing lot</a>
            """
        try Data(page.utf8).write(to: URL(fileURLWithPath: root + "/01/09521231000016/10/A1/en.html"))
        var check = SiteLinkCheck(root: root, baseURL: "https://trace.example.com/")
        let broken = check.brokenLinks(of: "01/09521231000016/10/A1/en.html")
        #expect(broken.map(\.url) == [
            "../../../../images/calf.png", "/../../etc/passwd", "../../../../empty/", "#journey", "/index.html#nowhere",
            "https://trace.example.com/01/09521231000016/10/NOPE/",
        ])
        #expect(broken.map(\.problem) == [
            .missing, .outsideSite, .folderWithoutIndex, .missingFragment("journey"), .missingFragment("nowhere"), .missing,
        ])
        #expect(broken[0].description == "01/09521231000016/10/A1/en.html links to \"../../../../images/calf.png\": images/calf.png is not in the site")
        #expect(broken[5].target == "01/09521231000016/10/NOPE")
    }

    @Test("a <base href> moves where relative links and #ids are read from; one on another host leaves them alone")
    func baseHref() throws {
        let directory = TemporaryDirectory()
        let root = directory.file("site")
        for (path, text) in [("index.html", "<p id=\"top-news\">"), ("images/cow.png", "png"), ("en/about.html", "")] {
            try FileManager.default.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        try Data("<base href=\"../\"><img src=\"images/cow.png\"><a href=\"#top-news\">ok</a><img src=\"images/calf.png\">".utf8)
            .write(to: URL(fileURLWithPath: root + "/en/about.html"))
        var check = SiteLinkCheck(root: root, baseURL: "https://trace.example.com")
        let broken = check.brokenLinks(of: "en/about.html")
        #expect(broken.map(\.url) == ["images/calf.png"])
        #expect(broken.first?.page == "en/about.html")
        #expect(broken.first?.target == "images/calf.png")

        try Data("<base href=\"https://cdn.example.com/\"><img src=\"images/calf.png\"><a href=\"/nowhere.html\">x</a>".utf8)
            .write(to: URL(fileURLWithPath: root + "/en/about.html"))
        var again = SiteLinkCheck(root: root, baseURL: "https://trace.example.com")
        #expect(again.brokenLinks(of: "en/about.html").isEmpty)
    }

    @Test("every link of every page of a built demo site leads somewhere (the check finds nothing false, and the build's sample has every template)")
    func demoSiteIsWhole() throws {
        let directory = TemporaryDirectory()
        let (_, site) = try Fixtures.demoSite(in: directory, batches: 6)
        var check = SiteLinkCheck(root: site, baseURL: "https://trace.example.com")
        let pages = Fixtures.paths(in: site).filter { $0.hasSuffix(".html") || $0.hasSuffix(".css") }
        #expect(pages.count > 40)
        var linksFollowed = 0
        for page in pages {
            #expect(check.brokenLinks(of: page) == [], "\(page)")
            let bytes = Array(try #require(FileManager.default.contents(atPath: site + "/" + page)))
            linksFollowed += (page.hasSuffix(".css") ? PageLinks(css: bytes) : PageLinks(html: bytes)).links.count
        }
        #expect(linksFollowed > 1000)

        // The build's sample: every template, in both languages, some dozens of pages.
        let assets = try PublicAssets(folder: Repository.publicFolder)
        let batchFolders = Fixtures.batchFolders(in: site)
        let firstOfEach = Dictionary(grouping: batchFolders) { $0.split(separator: "/")[1] }.values.map { $0.min()! }
        let step = LinkCheckStep(
            root: site, baseURL: "https://trace.example.com", renamedAssets: assets.renamed, assetPaths: assets.paths,
            batchFolders: firstOfEach.sorted())
        let sample = step.pagesToCheck()
        let templates = Set(try FileManager.default.contentsOfDirectory(atPath: Repository.templates).filter { $0.hasSuffix(".mustache") })
        let sources = Set(sample.map(step.source(of:)))
        #expect(sources.filter { $0.hasPrefix("Templates/") } == Set(templates.map { "Templates/\($0)" }))
        #expect(sources.contains("Public/style.css"))
        #expect(sample.contains { $0.hasPrefix("01/") && $0.contains("/10/") && $0.hasSuffix("/en/index.html") })
        // Of the batch pages, one per product and language, however many batches there are.
        let products = Set(pages.filter { $0.contains("/10/") }.map { $0.split(separator: "/")[1] })
        #expect(sample.filter { $0.contains("/10/") }.count == 2 * products.count)
        #expect(pages.filter { $0.contains("/10/") }.count == 12)
    }

    @Test("a template linking a missing image: a warning naming the template, the link and the page; --strict publishes nothing")
    func brokenTemplateLink() throws {
        let directory = TemporaryDirectory()
        var options = try Fixtures.editableOptions(in: directory, batches: 4)
        var warnings: [String] = []
        _ = try SiteBuilder(options: options).build(warn: { warnings.append($0) })
        #expect(warnings.filter { $0.hasPrefix("broken link") } == [])
        let published = Fixtures.snapshot(options.outputPath)

        try Fixtures.edit(options.templatesPath + "/batch.mustache", replacing: "<main>", with: "<main><img src=\"{{root}}images/calf.png\" alt=\"\">")
        options.strictLinks = true
        #expect {
            try SiteBuilder(options: options).build()
        } throws: { error in
            guard case BuildError.brokenLinks(let findings) = error else { return false }
            return findings.count == 1 && findings[0].hasPrefix("Templates/batch.mustache: \"../../../../images/calf.png\" on 01/")
                && findings[0].hasSuffix("images/calf.png is not in the site (and 7 more pages checked)")
        }
        #expect(Fixtures.snapshot(options.outputPath) == published, "refused: the published site is as it was")

        options.strictLinks = false
        warnings = []
        let report = try SiteBuilder(options: options).build(warn: { warnings.append($0) })
        #expect(report.rendered == 4)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("broken link: Templates/batch.mustache: ") == true)
        // A rebuild that changed nothing says it again rather than forget it.
        warnings = []
        #expect(try SiteBuilder(options: options).build(warn: { warnings.append($0) }).rendered == 0)
        #expect(warnings.count == 1)
        // And a strict build now refuses the site published with it.
        options.strictLinks = true
        #expect(throws: BuildError.self) { try SiteBuilder(options: options).build() }
    }

    @Test("a Public/ page and stylesheet are checked too, named by their Public/ path; a missing id in the home template is found")
    func publicFilesAndFragments() throws {
        let directory = TemporaryDirectory()
        let options = try Fixtures.editableOptions(in: directory, batches: 2, copyingPublic: true)
        try Data("<p><a href=\"images/missing-farm.jpg\">farm</a> <a href=\"01/\">products</a></p>".utf8)
            .write(to: URL(fileURLWithPath: options.publicPath + "/about.html"))
        let stylesheet = options.publicPath + "/style.css"
        try (try String(contentsOfFile: stylesheet, encoding: .utf8) + "\n@font-face { font-family: x; src: url(fonts/x.woff2) }\n")
            .write(toFile: stylesheet, atomically: false, encoding: .utf8)
        try Fixtures.edit(options.templatesPath + "/home.mustache", replacing: "<main>", with: "<main><a href=\"#products-list\">skip</a>")
        var warnings: [String] = []
        _ = try SiteBuilder(options: options).build(warn: { warnings.append($0) })
        let links = warnings.filter { $0.hasPrefix("broken link: ") }.map { $0.dropFirst("broken link: ".count) }
        #expect(links.contains { $0.hasPrefix("Public/about.html: \"images/missing-farm.jpg\" on about.html: images/missing-farm.jpg is not in the site") })
        #expect(links.contains { $0.hasPrefix("Public/about.html: \"01/\" on about.html: the folder 01/ has no index.html") })
        #expect(links.contains { $0.hasPrefix("Public/style.css: \"fonts/x.woff2\" on style.") && $0.hasSuffix("fonts/x.woff2 is not in the site") })
        #expect(links.contains { $0.hasPrefix("Templates/home.mustache: \"#products-list\" on en/index.html: en/index.html has no element with id \"products-list\"") })
        #expect(links.count == 4, "\(links)")
    }
}

import Foundation
import GRDB
import Testing
import TraceStore
@testable import TracePressCore
import TracePublish
import TraceRender
import TraceView

@Suite("publishing: deterministic and incremental")
struct IncrementalBuildTests {
    /// Inode and modification time of every file, to prove a file was left alone.
    static func identities(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        for path in Fixtures.snapshot(folder).keys {
            var info = stat()
            stat(folder + "/" + path, &info)
            result[path] = "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }

    /// Every file of a site but the last build's logs (which URLs to purge, which paths it
    /// changed): what an incremental build and a full one must agree on.
    static func content(of site: String) -> [String: Data] {
        var files = Fixtures.snapshot(site)
        for log in [Manifest.changedURLsFile, Manifest.changedPathsFile] { files[log] = nil }
        return files
    }

    /// A demo store of `batches` with templates of its own to edit, built once: the site an
    /// edit is then made to.
    static func builtEditableSite(in directory: TemporaryDirectory, batches: Int) throws -> BuildOptions {
        let options = try Fixtures.editableOptions(in: directory, batches: batches)
        _ = try SiteBuilder(options: options).build()
        return options
    }

    /// A full build from the same sources as `options` into `directory`'s `full/` (replacing
    /// what an earlier call put there): its folder, to hold an incremental build to.
    static func fullBuild(like options: BuildOptions, in directory: TemporaryDirectory) throws -> String {
        var full = options
        full.outputPath = directory.file("full")
        full.full = true
        try? FileManager.default.removeItem(atPath: full.outputPath)
        _ = try SiteBuilder(options: full).build()
        return full.outputPath
    }

    @Test("the same inputs give byte-identical output, every file")
    func deterministic() throws {
        let directory = TemporaryDirectory()
        let first = Fixtures.snapshot(try build(directory, store: Fixtures.demoStore(in: directory, batches: 24, name: "a.sqlite"), out: "one"))
        let second = Fixtures.snapshot(try build(directory, store: Fixtures.demoStore(in: directory, batches: 24, name: "b.sqlite"), out: "two"))
        #expect(first.count > 24 * 5)
        #expect(first == second)
        for (path, bytes) in first where path.hasSuffix(".html") || path.hasSuffix(".json") || path.hasSuffix(".tsv") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(directory.path), "\(path) contains the build machine's path")
        }
    }

    @Test("listing pages drawn beside the batches: the same files whether the batches' records wait in memory or in a scratch file, listings first in the sitemap and the purge list")
    func listingsBesideBatches() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 40)
        var spilling = Fixtures.options(store: store, out: directory.file("spilling"))
        spilling.heldRecordBytes = 1  // every held batch goes to the scratch file
        var inMemory = Fixtures.options(store: store, out: directory.file("in-memory"))
        inMemory.heldRecordBytes = .max
        _ = try SiteBuilder(options: spilling).build()
        _ = try SiteBuilder(options: inMemory).build()
        let atOnce = Fixtures.snapshot(spilling.outputPath)
        #expect(atOnce.count > 40 * 6)
        #expect(atOnce == Fixtures.snapshot(inMemory.outputPath))

        // What the batches record comes in one run after what the listings recorded, as when the
        // listings were drawn first: the sitemap's batch pages, and the batch files to purge.
        func isBatch(_ url: Substring) -> Bool { url.contains("/10/") }
        let sitemap = String(decoding: atOnce["sitemap.xml"] ?? Data(), as: UTF8.self)
        let pages = sitemap.split(separator: "<loc>").dropFirst().map { $0.prefix { $0 != "<" } }
        let purged = String(decoding: atOnce[Manifest.changedURLsFile] ?? Data(), as: UTF8.self).split(separator: "\n")
        for (name, urls) in [("sitemap", pages), ("purge list", purged)] {
            let first = try #require(urls.firstIndex(where: isBatch), "\(name) lists no batch")
            let last = urls.lastIndex(where: isBatch)!
            #expect(first > 0 && urls[..<first].contains { $0.hasSuffix("/sites/central-lab/") }, "\(name) lists no listing before the batches")
            #expect(urls[first...last].allSatisfy(isBatch), "\(name) mixes listing pages into the batches")
        }
        #expect(pages.filter(isBatch).count == 80)
    }

    @Test("a rebuild with nothing changed touches nothing and lists no URL to purge")
    func noChange() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 12)
        let out = try build(directory, store: store, out: "site")
        let before = Self.identities(out)
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.rendered == 0 && report.unchanged == 12 && report.changedFiles == 0)
        var after = Self.identities(out)
        after[Manifest.changedURLsFile] = before[Manifest.changedURLsFile]
        #expect(after == before)
        #expect(FileManager.default.contents(atPath: out + "/" + Manifest.changedURLsFile) == Data())

        // A new image in Public/ is not "nothing changed".
        let publicFolder = directory.file("Public")
        try FileManager.default.copyItem(atPath: Repository.publicFolder, toPath: publicFolder)
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: URL(fileURLWithPath: publicFolder + "/images/new.svg"))
        var options = Fixtures.options(store: store, out: out)
        options.publicPath = publicFolder
        let withImage = try SiteBuilder(options: options).build()
        #expect(withImage.rendered == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/images/new.svg"))
    }

    @Test("a changed check value re-renders exactly that batch, and the lists that include it")
    func oneBatchChanged() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 24)
        let out = try build(directory, store: store, out: "site")
        let before = Fixtures.snapshot(out)
        let identitiesBefore = Self.identities(out)

        // Batch 7's first protein result goes from one passing value to another.
        try Fixtures.tamper(store, "UPDATE lab_check SET value = 3.33 WHERE id = (SELECT min(id) FROM lab_check WHERE batch_id = 7 AND item_en = 'Protein')")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.rendered == 1)
        #expect(report.unchanged == 23)

        let after = Fixtures.snapshot(out)
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        let manifestLine = try #require(String(decoding: after[".tracepress/batches.tsv"]!, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("7\t") })
        let folder = String(manifestLine.split(separator: "\t")[1])
        // listings.tsv records the render keys of the listing pages that show batch 7: they
        // changed (so those pages were rendered again) while the pages' bytes did not.
        #expect(
            changed == [
                "\(folder)/index.html", "\(folder)/en/index.html", "\(folder)/data.json", ".tracepress/batches.tsv",
                ".tracepress/changed-urls.txt", ".tracepress/changed-paths.tsv", ".tracepress/listings.tsv",
                // The lab_check table changed, so its references were checked and the record moved.
                ".tracepress/checked-tables.tsv",
            ])
        let changedPaths = String(decoding: after[Manifest.changedPathsFile]!, as: UTF8.self).split(separator: "\n").dropFirst().dropLast()
        #expect(Set(changedPaths) == ["\(folder)/index.html", "\(folder)/en/index.html", "\(folder)/data.json"])
        let identitiesAfter = Self.identities(out)
        for path in before.keys where !changed.contains(path) && !path.hasPrefix(".tracepress") {
            #expect(identitiesBefore[path] == identitiesAfter[path], "\(path) was rewritten")
        }
        let purge = String(decoding: after[".tracepress/changed-urls.txt"]!, as: UTF8.self)
        #expect(purge.contains("https://trace.example.com/\(folder)/\n"))
        // A batch's folder is purged without its slash too (what its QR code encodes).
        #expect(purge.contains("https://trace.example.com/\(folder)\n"))
        #expect(!purge.contains("qr.png"))
    }

    @Test("a change the store fingerprint cannot see (revisions set by hand, sums equal) is still found")
    func changeBehindAnEqualFingerprint() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 6)
        let out = try build(directory, store: store, out: "site")
        let fingerprint = try TraceStore(path: store, mode: .readOnly).batchFingerprint()

        // Setting revision by hand stops the trigger; one up and one down keep every sum.
        try Fixtures.tamper(
            store, "UPDATE batch SET quantity = 4321, revision = revision + 1 WHERE id = 2; UPDATE batch SET revision = revision - 1 WHERE id = 3")
        #expect(try TraceStore(path: store, mode: .readOnly).batchFingerprint() == fingerprint)
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.rendered == 2)
        let folder = try #require(Fixtures.batchFolders(in: out).first { folder in
            (try? String(contentsOfFile: out + "/" + folder + "/data.json", encoding: .utf8))?.contains("\"quantity\":4321") == true
        })
        #expect(try String(contentsOfFile: out + "/" + folder + "/en/index.html", encoding: .utf8).contains("4,321"))
    }

    @Test("builds that start from the spare site give what a full build gives, and keep unchanged files")
    func spareSite() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 16)
        let out = try build(directory, store: store, out: "site")
        // The full render left a spare of itself: every file, as a link to the published one.
        #expect(Self.identities(directory.file(".tracepress-spare-site")) == Self.identities(out))
        // Each change is followed by a build; each starts from the spare.
        let changes = [
            "UPDATE lab_check SET value = 3.31 WHERE id = (SELECT min(id) FROM lab_check WHERE batch_id = 3 AND item_en = 'Protein')",
            "UPDATE batch SET quantity = 12345 WHERE id = 9",
            "DELETE FROM batch WHERE id = 12",
            "UPDATE lab_check SET value = 3.32 WHERE id = (SELECT min(id) FROM lab_check WHERE batch_id = 3 AND item_en = 'Protein')",
            "UPDATE process_step SET detail_en = 'Re-checked.' WHERE batch_id = 14 AND sequence = 2",
        ]
        for sql in changes {
            let before = Self.identities(out)
            let previous = Fixtures.snapshot(out)
            try Fixtures.execute(store, sql)
            let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
            #expect(report.rendered <= 1)
            #expect(FileManager.default.fileExists(atPath: directory.file(".tracepress-spare-site")))
            let after = Self.identities(out)
            let now = Fixtures.snapshot(out)
            for (path, identity) in before where previous[path] == now[path] && !path.hasPrefix(".tracepress") {
                #expect(after[path] == identity, "\(path) was rewritten by: \(sql)")
            }
        }
        var full = Fixtures.options(store: store, out: directory.file("full"))
        full.full = true
        _ = try SiteBuilder(options: full).build()
        _ = try SiteBuilder(options: full).build()
        // A site replaced by a full render shares no files with the new one: it is not kept, and
        // the spare is linked from the new site instead.
        #expect(Self.identities(directory.file(".tracepress-spare-full")) == Self.identities(full.outputPath))
        var oneShot = full
        oneShot.keepSpare = false
        _ = try SiteBuilder(options: oneShot).build()
        #expect(!FileManager.default.fileExists(atPath: directory.file(".tracepress-spare-full")))
        #expect(Self.content(of: out) == Self.content(of: full.outputPath))
    }

    @Test("a damaged record of changed paths is not trusted: the spare is compared file by file instead")
    func damagedChangedPaths() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 8)
        let out = try build(directory, store: store, out: "site")
        try Fixtures.execute(store, "UPDATE batch SET quantity = 111 WHERE id = 2")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        // Drop the paths: trusting this file would leave batch 2's old pages in the spare, and
        // so in the next site.
        let record = out + "/" + Manifest.changedPathsFile
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n")
        try (lines.filter { !$0.hasPrefix("01/") }.joined(separator: "\n") + "\n").write(toFile: record, atomically: false, encoding: .utf8)

        try Fixtures.execute(store, "UPDATE batch SET quantity = 222 WHERE id = 3")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        var full = Fixtures.options(store: store, out: directory.file("full"))
        full.full = true
        _ = try SiteBuilder(options: full).build()
        #expect(Self.content(of: out) == Self.content(of: full.outputPath))
    }

    @Test("a batch removed from the store disappears from the site and its lists")
    func removedBatch() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 12)
        let out = try build(directory, store: store, out: "site")
        let folders = Fixtures.batchFolders(in: out)
        try Fixtures.execute(store, "DELETE FROM batch WHERE id = 6")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.removed == 1)
        #expect(report.rendered == 0)
        let remaining = Fixtures.batchFolders(in: out)
        #expect(remaining.count == 11)
        let gone = try #require(Set(folders).subtracting(remaining).first)
        let lot = String(gone.split(separator: "/").last!)
        let sitemap = String(decoding: FileManager.default.contents(atPath: out + "/sitemap.xml")!, as: UTF8.self)
        #expect(!sitemap.contains(gone))
        let productPage = String(decoding: FileManager.default.contents(atPath: "\(out)/\(gone.split(separator: "/").prefix(2).joined(separator: "/"))/index.html")!, as: UTF8.self)
        #expect(!productPage.contains(">\(lot)<"))
    }

    @Test("a listing that shrinks loses its last pages and a product that leaves loses its listing, as in a full build")
    func shrinkingListings() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 230)
        let out = try build(directory, store: store, out: "site")
        let factory = try ExchangeFixtures.value(store, "SELECT code FROM site WHERE kind = 'factory'")
        let gtin = try ExchangeFixtures.value(store, "SELECT gtin FROM product ORDER BY gtin LIMIT 1")
        #expect(FileManager.default.fileExists(atPath: out + "/sites/\(factory)/page/3/index.html"))
        #expect(FileManager.default.fileExists(atPath: out + "/01/\(gtin)/index.html"))

        // A quarter of the batches leave with their product: the factory's 230 fit on two pages.
        try Fixtures.execute(store, "DELETE FROM batch WHERE gtin = '\(gtin)'; DELETE FROM product WHERE gtin = '\(gtin)'")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(!FileManager.default.fileExists(atPath: out + "/sites/\(factory)/page/3/index.html"))
        #expect(!FileManager.default.fileExists(atPath: out + "/sites/\(factory)/page/3/en/index.html"))
        #expect(FileManager.default.fileExists(atPath: out + "/sites/\(factory)/page/2/index.html"))
        #expect(!FileManager.default.fileExists(atPath: out + "/01/\(gtin)/index.html"))
        let purge = try String(contentsOfFile: out + "/" + Manifest.changedURLsFile, encoding: .utf8)
        #expect(purge.contains("/sites/\(factory)/page/3/\n"))

        var full = Fixtures.options(store: store, out: directory.file("full"))
        full.full = true
        let fullReport = try SiteBuilder(options: full).build()
        #expect(report.productPages == fullReport.productPages)
        #expect(report.sitePages == fullReport.sitePages)
        #expect(Self.content(of: out) == Self.content(of: full.outputPath))
        // A rebuild with nothing to do counts the pages from the listing manifest.
        let unchanged = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(unchanged.rendered == 0)
        #expect(unchanged.productPages == fullReport.productPages)
        #expect(unchanged.sitePages == fullReport.sitePages)
    }

    @Test("a template change re-renders every page that uses it")
    func templateChanged() throws {
        let directory = TemporaryDirectory()
        let options = try Self.builtEditableSite(in: directory, batches: 6)
        let before = Fixtures.snapshot(options.outputPath)
        try Fixtures.edit(options.templatesPath + "/batch.mustache", replacing: "</main>", with: "<p>新模板 new template</p></main>")
        let report = try SiteBuilder(options: options).build()
        #expect(report.rendered == 6)
        let after = Fixtures.snapshot(options.outputPath)
        for folder in Fixtures.batchFolders(in: options.outputPath) {
            #expect(before["\(folder)/index.html"] != after["\(folder)/index.html"])
            #expect(before["\(folder)/qr.png"] == after["\(folder)/qr.png"])
        }
    }

    @Test("a template batch pages do not use draws no batch page again; a partial they include draws them all; either way the site a full build makes")
    func otherTemplatesLeaveBatchesAlone() throws {
        let directory = TemporaryDirectory()
        let options = try Self.builtEditableSite(in: directory, batches: 6)
        let before = Self.identities(options.outputPath)
        let folders = Fixtures.batchFolders(in: options.outputPath)
        try #require(folders.count == 6)

        /// Builds incrementally, then a full build from the same sources elsewhere: the same files.
        func buildMatchingFullBuild() throws -> BuildReport {
            let report = try SiteBuilder(options: options).build()
            #expect(Self.content(of: options.outputPath) == Self.content(of: try Self.fullBuild(like: options, in: directory)))
            return report
        }

        try Fixtures.edit(options.templatesPath + "/home.mustache", replacing: "</main>", with: "<p>新首页 new home</p></main>")
        let homeChanged = try buildMatchingFullBuild()
        #expect(homeChanged.rendered == 0, "no batch page uses home.mustache")
        #expect(homeChanged.unchanged == 6)
        let after = Self.identities(options.outputPath)
        for folder in folders {
            for name in ["index.html", "en/index.html", "data.json"] {
                #expect(before["\(folder)/\(name)"] == after["\(folder)/\(name)"], "\(folder)/\(name) was written again")
            }
        }
        #expect(before["index.html"] != after["index.html"])

        // Listing pages are keyed by their own template too: a product template change shows on
        // product pages (the full build agrees), and no batch page is drawn for it.
        try Fixtures.edit(options.templatesPath + "/product.mustache", replacing: "</main>", with: "<p>新产品页 new product page</p></main>")
        #expect(try buildMatchingFullBuild().rendered == 0)
        let gtin = try #require(folders.first?.split(separator: "/").dropFirst().first)
        #expect(try String(contentsOfFile: options.outputPath + "/01/\(gtin)/index.html", encoding: .utf8).contains("新产品页"))

        try Fixtures.edit(options.templatesPath + "/partials/footer.mustache", replacing: "</footer>", with: "<p>新页脚 new footer</p></footer>")
        let footerChanged = try buildMatchingFullBuild()
        #expect(footerChanged.rendered == 6, "batch pages include the footer")
        #expect(try String(contentsOfFile: options.outputPath + "/\(folders[0])/index.html", encoding: .utf8).contains("新页脚"))
    }

    @Test("a product, a farm, its livestream or certificate, a lab edited: only the batches and listing pages that show it are drawn again, and the site is a full build's")
    func referenceEditsDrawTheirBatches() throws {
        let directory = TemporaryDirectory()
        let options = try Self.builtEditableSite(in: directory, batches: 12)
        let queue = try DatabaseQueue(path: options.storePath)
        /// The batches whose rows name the site: its farms, step places, labs and factory.
        func batches(naming site: Int64) throws -> Int {
            try queue.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM batch WHERE factory_site_id = ?1
                        OR id IN (SELECT batch_id FROM batch_origin WHERE farm_site_id = ?1)
                        OR id IN (SELECT batch_id FROM process_step WHERE site_id = ?1)
                        OR id IN (SELECT batch_id FROM lab_check WHERE lab_site_id = ?1)
                    """, arguments: [site]) ?? -1
            }
        }
        func site(_ sql: String) throws -> Int64 { try #require(try queue.read { db in try Int64.fetchOne(db, sql: sql) }) }
        /// The render keys of the listing pages, by path (`listings.tsv`).
        func listingKeys() throws -> [String: String] {
            let text = try String(contentsOfFile: options.outputPath + "/.tracepress/listings.tsv", encoding: .utf8)
            var keys: [String: String] = [:]
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                if fields.count == 5 { keys[String(fields[2])] = String(fields[4]) }
            }
            return keys
        }

        /// The edit, then an incremental build that draws `expected` batches and, of the listing
        /// pages there before, those `listings` picks (when given), and a full build from the
        /// same sources elsewhere: the same files.
        func edit(_ what: Comment, _ sql: String, draws expected: Int, listings: ((String) -> Bool)? = nil) throws {
            let keysBefore = try listingKeys()
            try queue.write { db in try db.execute(sql: sql) }
            let report = try SiteBuilder(options: options).build()
            #expect(report.rendered == expected, what)
            if let listings {
                let keysAfter = try listingKeys()
                let redrawn = keysBefore.keys.filter { keysAfter[$0] != nil && keysAfter[$0] != keysBefore[$0] }
                #expect(Set(redrawn) == Set(keysBefore.keys.filter(listings)), what)
            }
            #expect(Self.content(of: options.outputPath) == Self.content(of: try Self.fullBuild(like: options, in: directory)), what)
        }

        // The farm fewest batches come from, so the others are left alone.
        let farm = try site("SELECT farm_site_id FROM batch_origin GROUP BY farm_site_id ORDER BY count(DISTINCT batch_id), farm_site_id LIMIT 1")
        let fromFarm = try batches(naming: farm)
        try #require(fromFarm > 0 && fromFarm < 12)
        // The farm's listing pages are drawn again, no other listing page.
        let farmCode = try #require(try queue.read { db in try String.fetchOne(db, sql: "SELECT code FROM site WHERE id = ?", arguments: [farm]) })
        let farmPages: (String) -> Bool = { $0.hasPrefix(SitePage.folder(of: farmCode) + "/") }
        try edit(
            "a farm's description", "UPDATE site SET description_zh = description_zh || '（新）' WHERE id = \(farm)", draws: fromFarm,
            listings: farmPages)
        try edit(
            "a livestream added at the farm",
            """
            INSERT INTO media (site_id, kind, title_zh, title_en, url, platform, starts_at, ends_at)
            VALUES (\(farm), 'livestream', '新直播', 'New livestream', 'https://live.example.com/new', 'douyin',
                    '2026-11-28T09:00:00+08:00', '2026-11-28T10:00:00+08:00')
            """, draws: fromFarm, listings: farmPages)
        try edit(
            "a certificate of the farm",
            "INSERT INTO certificate (site_id, name_zh, name_en, number, issuer) VALUES (\(farm), '新认证', 'New certificate', 'N-1', 'CQC')",
            draws: fromFarm, listings: farmPages)
        // A lab named by checks alone (the demo's lab is a step's place too): three batches'
        // checks moved to a new lab draw those three (their rows changed), then its name edited
        // draws them again, and only them.
        try edit(
            "a new lab no batch names yet",
            """
            INSERT INTO site (id, code, kind, name_zh, name_en, region_zh, region_en, latitude, longitude)
            VALUES (31, 'new-lab', 'lab', '新实验室', 'New lab', '黑龙江省哈尔滨市', 'Harbin, Heilongjiang', 45.75, 126.63)
            """, draws: 0, listings: { _ in false })
        try edit("checks moved to the new lab", "UPDATE lab_check SET lab_site_id = 31 WHERE batch_id IN (SELECT id FROM batch ORDER BY id LIMIT 3)", draws: 3)
        try #require(try batches(naming: 31) == 3)
        try edit(
            "the new lab's name", "UPDATE site SET name_zh = '新实验室（二）' WHERE id = 31", draws: 3,
            listings: { $0.hasPrefix(SitePage.folder(of: "new-lab") + "/") })
        let gtin = try #require(try queue.read { db in try String.fetchOne(db, sql: "SELECT gtin FROM batch GROUP BY gtin ORDER BY count(*), gtin LIMIT 1") })
        let ofProduct = try #require(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM batch WHERE gtin = ?", arguments: [gtin]) })
        try #require(ofProduct < 12)
        // Its listing, and every site's (their rows name products).
        try edit(
            "a product's name", "UPDATE product SET name_zh = name_zh || '新' WHERE gtin = '\(gtin)'", draws: ofProduct,
            listings: { $0.hasPrefix("01/\(gtin)/") || $0.hasPrefix("sites/") })
        // The brand, which every page shows, draws them all.
        try edit("the brand's hotline", "UPDATE party SET hotline = '400-000-0000' WHERE kind = 'brand'", draws: 12, listings: { _ in true })
    }

    @Test("a string only other pages read draws no batch or listing page again, and a full build agrees nothing they show changed; a string a batch reads draws them all")
    func stringsOtherPagesRead() throws {
        let directory = TemporaryDirectory()
        let options = try Self.builtEditableSite(in: directory, batches: 6)
        let before = Fixtures.snapshot(options.outputPath)
        let folders = Fixtures.batchFolders(in: options.outputPath)
        let templates = try TemplateSet(folder: options.templatesPath)
        let batchReads = try #require(templates.stringKeys(of: "batch")).union(BatchPage.stringKeysReadByCode)
        let listingsRead = try #require(templates.stringKeys(of: "product")).union(ProductPage.stringKeysReadByCode)
            .union(try #require(templates.stringKeys(of: "site"))).union(SitePage.stringKeysReadByCode)

        let path = options.templatesPath + "/strings.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var table = try #require(json["strings"] as? [String: [String: String]])
        /// Appends `suffix` to every language's text of `keys` in `strings.json`.
        func change(_ keys: [String], _ suffix: String) throws {
            for key in keys { table[key] = table[key]!.mapValues { $0 + suffix } }
            json["strings"] = table
            try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .prettyPrinted]).write(to: URL(fileURLWithPath: path))
        }
        let others = table.keys.filter { !batchReads.contains($0) && !listingsRead.contains($0) }
        try #require(others.count >= 10 && batchReads.count >= 10, "\(others.count) other strings, \(batchReads.count) a batch reads")
        try change(others, " 改 changed")
        let report = try SiteBuilder(options: options).build()
        #expect(report.rendered == 0)
        #expect(Fixtures.snapshot(options.outputPath)["index.html"] != before["index.html"], "the home page reads some of them")

        // Every batch file a full build draws with those strings is the one drawn before them:
        // no string a batch shows is missing from its key.
        let full = try Self.fullBuild(like: options, in: directory)
        let fresh = Fixtures.snapshot(full)
        for folder in folders {
            for name in ["index.html", "en/index.html", "qr.svg", "qr.png", "linkset.json", "data.json"] {
                #expect(fresh["\(folder)/\(name)"] == before["\(folder)/\(name)"], "\(folder)/\(name) shows a string its key does not cover")
            }
        }
        let listingPages = before.keys.filter { ($0.hasPrefix("01/") || $0.hasPrefix("sites/")) && $0.hasSuffix("index.html") && !$0.contains("/10/") }
        try #require(listingPages.count >= 20)
        for page in listingPages { #expect(fresh[page] == before[page], "\(page) shows a string its key does not cover") }
        #expect(Self.content(of: options.outputPath) == Self.content(of: full))

        try change(["lot"], " 改")
        #expect(try SiteBuilder(options: options).build().rendered == 6, "the title of every batch page reads \"lot\"")

        // A template that opens `t` as a section may read any string by its plain name: no narrowing.
        try Fixtures.edit(options.templatesPath + "/batch.mustache", replacing: "</main>", with: "{{#t}}<p>{{hotline}}</p>{{/t}}</main>")
        #expect(try TemplateSet(folder: options.templatesPath).stringKeys(of: "batch") == nil)
        _ = try SiteBuilder(options: options).build()
        try change([try #require(others.first)], " 再改")
        #expect(try SiteBuilder(options: options).build().rendered == 6)
    }

    @Test("withdrawn lots answer 410 where the host supports it, even when nothing else changed")
    func withdrawnLots() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        let out = try build(directory, store: store, out: "site")
        try Fixtures.execute(store, "INSERT INTO withdrawn_lot (gtin, lot, withdrawn_on, reason) VALUES ('09521231000016', 'OLD123', '2026-11-01', 'test')")
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(report.rendered == 0)
        let redirects = String(decoding: FileManager.default.contents(atPath: out + "/_redirects")!, as: UTF8.self)
        #expect(redirects.contains("/01/09521231000016/10/OLD123  /404.html  410\n"))
        let first410 = redirects.range(of: " 410")!.lowerBound
        let first302 = redirects.range(of: " 302")!.lowerBound
        #expect(first410 < first302)
    }

    @Test("a damaged manifest is noticed: warning, full render, correct site")
    func damagedManifest() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 6)
        let out = try build(directory, store: store, out: "site")
        let clean = Fixtures.snapshot(out)
        let manifest = out + "/" + Manifest.batchesFile
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "index.html=", with: "index.html=0")
        try text.write(toFile: manifest, atomically: false, encoding: .utf8)
        // Also damage a page: a build that trusted the manifest would leave it stale.
        let page = out + "/" + Fixtures.batchFolders(in: out)[0] + "/index.html"
        try Data("stale".utf8).write(to: URL(fileURLWithPath: page))

        var warnings: [String] = []
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build(warn: { warnings.append($0) })
        #expect(report.rendered == 6)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("checksum mismatch") == true)
        var rebuilt = Fixtures.snapshot(out)
        rebuilt[".tracepress/changed-urls.txt"] = clean[".tracepress/changed-urls.txt"]
        #expect(rebuilt == clean)
    }

    @Test("a damaged listing manifest is noticed: warning, listings drawn again, correct site")
    func damagedListingManifest() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 6)
        let out = try build(directory, store: store, out: "site")
        let clean = Fixtures.snapshot(out)
        // A recorded key that still matches, with the page behind it gone stale: a build that
        // trusted the edited record would keep the stale page.
        let manifest = out + "/" + Manifest.listingsFile
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let firstPage = try #require(text.split(separator: "\n").dropFirst().first?.split(separator: "\t")[2])
        try text.replacingOccurrences(of: "\t1\t", with: "\t01\t").write(toFile: manifest, atomically: false, encoding: .utf8)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: out + "/" + firstPage))

        var warnings: [String] = []
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build(warn: { warnings.append($0) })
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("listings.tsv") == true, "got: \(warnings)")
        var rebuilt = Fixtures.snapshot(out)
        rebuilt[".tracepress/changed-urls.txt"] = clean[".tracepress/changed-urls.txt"]
        #expect(rebuilt == clean)
    }

    @Test("a manifest of an earlier format (no sites by batch) is named as such and everything is rendered again")
    func earlierManifestFormat() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        let out = try build(directory, store: store, out: "site")
        let clean = Fixtures.snapshot(out)
        let manifest = out + "/" + Manifest.batchesFile
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "tracepress-batches\t4", with: "tracepress-batches\t3").write(
            toFile: manifest, atomically: false, encoding: .utf8)

        var warnings: [String] = []
        let report = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build(warn: { warnings.append($0) })
        #expect(report.rendered == 4)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("another version of TracePress") == true, "got: \(warnings)")
        var rebuilt = Fixtures.snapshot(out)
        rebuilt[".tracepress/changed-urls.txt"] = clean[".tracepress/changed-urls.txt"]
        #expect(rebuilt == clean)
    }

    @Test("a second build on the same output while one runs is refused")
    func lock() throws {
        let directory = TemporaryDirectory()
        let out = directory.file("site")
        let held = try BuildLock(forOutput: out)
        #expect(throws: PublishError.locked(out)) {
            try SiteBuilder(options: Fixtures.options(store: Fixtures.demoStore(in: directory, batches: 1), out: out)).build()
        }
        withExtendedLifetime(held) {}
    }

    @Test("the CDN and resolver files are there and well-formed")
    func siteFiles() throws {
        let directory = TemporaryDirectory()
        let out = try build(directory, store: Fixtures.demoStore(in: directory, batches: 4), out: "site")
        let files = Fixtures.snapshot(out)
        for path in ["sitemap.xml", "robots.txt", "_headers", "_redirects", "cache-control.json", ".well-known/gs1resolver", "404.html"] {
            #expect(files[path] != nil, "\(path)")
        }
        let stylesheet = try #require(files.keys.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        #expect(stylesheet != "style.css")
        let home = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(home.contains("href=\"\(stylesheet)\""))
        #expect(String(decoding: files["_headers"]!, as: UTF8.self).contains("/\(stylesheet)\n  Cache-Control: public, max-age=31536000, immutable"))
        for json in files.keys where json.hasSuffix(".json") || json == ".well-known/gs1resolver" {
            #expect((try? JSONSerialization.jsonObject(with: files[json]!)) != nil, "\(json) is not JSON")
        }
        let folder = Fixtures.batchFolders(in: out)[0]
        let linkset = try JSONSerialization.jsonObject(with: files["\(folder)/linkset.json"]!) as? [String: Any]
        let set = try #require((linkset?["linkset"] as? [[String: Any]])?.first)
        #expect(set["anchor"] as? String == "https://trace.example.com/\(folder)")
        #expect(set["https://gs1.org/voc/traceability"] != nil)
        let sitemap = String(decoding: files["sitemap.xml"]!, as: UTF8.self)
        #expect(sitemap.contains("<loc>https://trace.example.com/\(folder)/</loc>"))
    }

    private func build(_ directory: TemporaryDirectory, store: String, out: String) throws -> String {
        let path = directory.file(out)
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: path)).build()
        return path
    }
}

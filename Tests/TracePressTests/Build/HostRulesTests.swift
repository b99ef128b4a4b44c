import Foundation
import Testing
import TraceModel
import TracePressCore
@testable import TracePreview
@testable import TraceView

@Suite("what hosts and resolvers read: _redirects, 404 pages, the resolver description, linksets")
struct HostRulesTests {
    /// The statuses Cloudflare Pages follows; it ignores other lines (404 and 410 rewrites).
    static let followedEverywhere: Set<Int> = [200, 301, 302, 303, 307, 308]

    @Test("no rule a host may follow before its files matches a file of the site (Cloudflare Pages follows redirects even where a file exists)")
    func rulesNeverShadowFiles() throws {
        let directory = TemporaryDirectory()
        let (_, out) = try Fixtures.demoSite(
            in: directory, batches: 6,
            tamper: "INSERT INTO withdrawn_lot (gtin, lot, withdrawn_on, reason) VALUES ('09521231000016', 'OLD123', '2026-11-01', 'test')")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: out + "/_redirects")), as: UTF8.self)
        let all = RedirectRules(text: text)
        let followed = RedirectRules(rules: all.rules.filter { Self.followedEverywhere.contains($0.status) })
        #expect(followed.rules.count >= 3, "the serial rule and a GTIN-13's two")

        var urls = 0
        for path in Fixtures.paths(in: out) {
            var forms = ["/" + path]
            if path == "index.html" || path.hasSuffix("/index.html") {
                let folder = "/" + path.dropLast("index.html".count)
                forms += [folder, String(folder.dropLast())]
            }
            for url in forms {
                urls += 1
                #expect(followed.outcome(for: url) == nil, "\(url) is a file, yet a rule sends it elsewhere")
            }
        }
        #expect(urls > 60)
        // And they answer what they are for.
        #expect(all.outcome(for: "/01/09521231000016/10/A1/21/0042")?.destination == "/01/09521231000016/10/A1/")
        #expect(all.outcome(for: "/01/9521231000016/10/A1") == .init(destination: "/01/09521231000016/10/A1", status: 301))
        #expect(all.outcome(for: "/01/09521231000016/10/NOPE") == .init(destination: "/01/09521231000016/404.html", status: 404))
        #expect(all.outcome(for: "/01/09521231000016/10/OLD123/21/1")?.status == 410, "withdrawn first, before the serial rule")
    }

    @Test("every product has a page for its unknown lots, out of the sitemap")
    func productNotFoundPages() throws {
        let directory = TemporaryDirectory()
        let (_, out) = try Fixtures.demoSite(in: directory, batches: 4)
        let files = Fixtures.snapshot(out)
        let products = Set(Fixtures.paths(in: out).filter { $0.hasPrefix("01/") }.map { $0.split(separator: "/")[1] })
        #expect(products.count == 4)
        for gtin in products {
            let page = String(decoding: try #require(files["01/\(gtin)/404.html"]), as: UTF8.self)
            #expect(page.contains("href=\"/01/\(gtin)/\""))
            #expect(page.contains("href=\"/01/\(gtin)/en/\""))
            #expect(page.contains("noindex"))
        }
        #expect(!String(decoding: files["404.html"]!, as: UTF8.self).contains("href=\"/01/"), "the site's 404 names no product")
        let sitemaps = files.filter { $0.key.hasPrefix("sitemap") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(!sitemaps.isEmpty && sitemaps.allSatisfy { !$0.contains("404") })
    }

    @Test("a GTIN-14 with leading zeros is also a GTIN-13, -12 or -8 without them")
    func shortForms() throws {
        #expect(SiteFiles.shortForms(of: try GTIN("09521231000016")) == ["9521231000016"])
        #expect(SiteFiles.shortForms(of: try GTIN("00614141777778")) == ["0614141777778", "614141777778"])
        #expect(SiteFiles.shortForms(of: try GTIN("00000096385074")) == ["0000096385074", "000096385074", "96385074"])
        #expect(SiteFiles.shortForms(of: try GTIN("19521231000013")) == [])
    }

    @Test("/.well-known/gs1resolver follows GS1's resolver description schema: required members, primary keys as numeric AIs, link type namespaces with prefixes")
    func resolverDescription() throws {
        let directory = TemporaryDirectory()
        let (_, out) = try Fixtures.demoSite(in: directory, batches: 2)
        let data = try #require(FileManager.default.contents(atPath: out + "/.well-known/gs1resolver"))
        let description = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // GS1-Conformant Resolver 1.2.0, description-file-schema: the AIs its enum allows.
        let primaryKeys: Set<String> = [
            "all", "01", "8006", "8013", "8010", "410", "411", "412", "413", "414", "415", "417", "8017", "8018", "255", "00", "253", "401",
            "402", "8003", "8004",
        ]
        #expect((description["resolverRoot"] as? String)?.hasPrefix("https://") == true)
        let keys = try #require(description["supportedPrimaryKeys"] as? [String])
        #expect(keys == ["01"] && keys.allSatisfy(primaryKeys.contains))
        let linkTypes = try #require(description["supportedLinkType"] as? [[String: String]])
        #expect(linkTypes.contains { $0["namespace"] == "https://gs1.org/voc/" && $0["prefix"] == "gs1:" })
        #expect(description["linkTypeDefaultCanBeLinkset"] as? Bool == false)
        // And the namespace is the one the linksets use.
        let folder = try #require(Fixtures.batchFolders(in: out).first)
        let linkset = String(decoding: try #require(FileManager.default.contents(atPath: "\(out)/\(folder)/linkset.json")), as: UTF8.self)
        #expect(linkset.contains("\"https://gs1.org/voc/traceability\""))
    }

    @Test("every link of every linkset.json has a target and a title, its languages as BCP 47 tags, and the site's pages it names exist in both languages")
    func linksetLinks() throws {
        let directory = TemporaryDirectory()
        let (_, out) = try Fixtures.demoSite(in: directory, batches: 8)
        let base = "https://trace.example.com/"
        let tag = try Regex("^[A-Za-z]{2}(-[A-Za-z]{2})?$")
        var videos = 0
        for folder in Fixtures.batchFolders(in: out) {
            let data = try #require(FileManager.default.contents(atPath: "\(out)/\(folder)/linkset.json"))
            let set = try #require(((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["linkset"] as? [[String: Any]])?.first)
            for (relation, value) in set where relation != "anchor" {
                let links = try #require(value as? [[String: Any]], "\(folder): \(relation)")
                for link in links {
                    let href = try #require(link["href"] as? String)
                    #expect(href.hasPrefix("https://"), "\(folder): \(relation)")
                    #expect((link["title"] as? String)?.isEmpty == false, "\(folder): \(relation) \(href) has no title")
                    for language in link["hreflang"] as? [String] ?? [] { #expect(language.wholeMatch(of: tag) != nil, "\(language)") }
                    if href.hasPrefix(base) {
                        #expect(FileManager.default.fileExists(atPath: out + "/" + href.dropFirst(base.count) + "index.html"), "\(href)")
                    }
                }
                if relation == "https://gs1.org/voc/relatedVideo" { videos += links.count }
            }
            let languages = (set["https://gs1.org/voc/traceability"] as? [[String: Any]] ?? []).compactMap { ($0["hreflang"] as? [String])?.first }
            #expect(languages == ["zh-CN", "en"], "\(folder): the batch page in both languages")
        }
        #expect(videos > 0, "the demo's livestreams are linked")
    }

    @Test("more dynamic rules than Cloudflare Pages applies is said when a build publishes them; the demo has few")
    func cloudflareRuleLimit() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 2)
        var warnings: [String] = []
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: directory.file("site"))).build(warn: { warnings.append($0) })
        #expect(warnings.isEmpty)
        // Counted in the file itself, as Cloudflare counts: the count the build derives must agree.
        let demo = try String(contentsOfFile: directory.file("site/_redirects"), encoding: .utf8)
        let dynamic = RedirectRules(text: demo).rules.filter { rule in
            Self.followedEverywhere.contains(rule.status) && rule.source.contains { $0 == "*" || $0.hasPrefix(":") }
        }
        #expect(dynamic.count == 5, "the serial rule and four GTIN-13 forms; 404 rewrites are not counted")

        // 100 more products whose GTINs have a leading zero: one GTIN-13 rule each.
        let products = try (1...100).map { number -> String in
            let gtin = try GTIN.completing("0952129" + String(repeating: "0", count: 6 - String(number).count) + String(number)).digits
            return "('\(gtin)', 1, '产品\(number)', 'Product \(number)', '1 kg', '乳粉', 'Milk powder', 'GB 19644-2010', NULL, 'SC10623020400012', 365)"
        }.joined(separator: ", ")
        try Fixtures.execute(store, "INSERT INTO product VALUES \(products)")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: directory.file("site"))).build(warn: { warnings.append($0) })
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("_redirects has 105 rules with * or :name") == true, "\(warnings)")
    }
}

import Foundation
import Testing
import TraceModel
import TraceRender
import TraceStore
import TraceView

@Suite("compiled templates render exactly what swift-mustache renders")
struct CompiledTemplateTests {
    @Test("every page of the demo site, in both languages, byte for byte")
    func demoPagesMatch() throws {
        let directory = TemporaryDirectory()
        let store = try TraceStore(path: Fixtures.demoStore(in: directory, batches: 24), mode: .readOnly)
        let templates = try TemplateSet(folder: Repository.templates)
        for name in ["batch", "product", "home", "404"] { #expect(templates.isCompiled(name), "\(name) fell back to swift-mustache") }
        let site = SiteContext(
            baseURL: "https://trace.example.com", reference: try store.loadReference().reference,
            strings: try UIStrings(folder: Repository.templates), assets: ["style.css": "style.0123456789.css"])
        var views: [(String, ViewObject, Language)] = [("404", NotFoundPage.view(in: site), .chinese)]
        for language in Language.allCases {
            views.append(("home", HomePage.view(batchCounts: [:], in: site, language: language), language))
        }
        try store.forEachBatchChunk { chunk in
            for record in chunk.records {
                // What a build renders: one view for both pages, `.localized` where they differ.
                let bilingual = BatchPage.bilingualView(of: record, in: site, facts: BatchFacts(record, in: site))
                let both = try templates.renderBothLanguages(bilingual, with: "batch")
                for language in Language.allCases {
                    views.append(("batch", bilingual, language))
                    let resolved = BatchPage.view(of: record, in: site, language: language)
                    #expect(bilingual.resolved(language) == resolved)
                    // The single-language view, through swift-mustache alone, is the reference.
                    let reference = try templates.renderWithMustache(resolved, with: "batch")
                    #expect(String(decoding: try templates.renderBytes(bilingual, with: "batch", language: language), as: UTF8.self) == reference)
                    // Both pages written in one walk of the template are the same pages.
                    #expect(String(decoding: language == .chinese ? both.chinese : both.english, as: UTF8.self) == reference)
                }
            }
            for language in Language.allCases {
                for product in site.reference.productsInOrder {
                    views.append(("product", ProductPage.view(of: product, batches: chunk.records.map(\.batch), page: 2, pageCount: 3, in: site, language: language), language))
                }
            }
        }
        #expect(views.count > 50)
        for (name, view, language) in views {
            let compiled = String(decoding: try templates.renderBytes(view, with: name, language: language), as: UTF8.self)
            let reference = try templates.renderWithMustache(view, with: name, language: language)
            #expect(compiled == reference, "\(name) differs")
        }
    }

    @Test("listing pages: both languages written from one view are the pages swift-mustache renders for each")
    func listingPagesMatch() throws {
        let directory = TemporaryDirectory()
        let store = try TraceStore(path: Fixtures.demoStore(in: directory, batches: 24), mode: .readOnly)
        let templates = try TemplateSet(folder: Repository.templates)
        for name in ["product", "site"] { #expect(templates.isCompiled(name), "\(name) fell back to swift-mustache") }
        let site = SiteContext(
            baseURL: "https://trace.example.com", reference: try store.loadReference().reference,
            strings: try UIStrings(folder: Repository.templates), assets: ["style.css": "style.0123456789.css"])
        var batches: [Batch] = []
        try store.forEachBatchChunk { chunk in batches += chunk.records.map(\.batch) }
        #expect(batches.count == 24)
        // Each row's link as a page in that language and place must write it, spelled out here.
        func rowLink(_ template: String, _ batch: Batch, page: Int, _ language: Language) -> String {
            let back = (language == .english ? "../" : "") + (page == 1 ? "" : "../../")
            let lot = "10/\(batch.lot.text)/" + (language == .english ? "en/" : "")
            return template == "site" ? "\(back)../../01/\(batch.gtin.digits)/\(lot)" : back + lot
        }
        var pages: [(template: String, page: Int, bilingual: ViewObject, perLanguage: (Language) -> ViewObject)] = []
        // The first page and a later one: they differ in their links back to the root.
        for (page, pageCount) in [(1, 1), (2, 3)] {
            for place in site.reference.sites.values.sorted(by: { $0.code < $1.code }) {
                let frame = SitePage.frame(of: place, in: site)
                pages.append((
                    "site", page, SitePage.bilingualView(frame: frame, batches: batches, page: page, pageCount: pageCount, in: site),
                    { SitePage.view(of: place, batches: batches, page: page, pageCount: pageCount, in: site, language: $0) }
                ))
            }
            for product in site.reference.productsInOrder {
                let frame = ProductPage.frame(of: product, in: site)
                pages.append((
                    "product", page, ProductPage.bilingualView(frame: frame, batches: batches, page: page, pageCount: pageCount),
                    { ProductPage.view(of: product, batches: batches, page: page, pageCount: pageCount, in: site, language: $0) }
                ))
            }
        }
        #expect(pages.count > 10)
        for (template, page, bilingual, perLanguage) in pages {
            let both = try templates.renderBothLanguages(bilingual, with: template)
            for language in Language.allCases {
                let reference = try templates.renderWithMustache(perLanguage(language), with: template, language: language)
                let written = String(decoding: language == .chinese ? both.chinese : both.english, as: UTF8.self)
                #expect(written == reference, "\(template) page in \(language) differs")
                #expect(String(decoding: try templates.renderBytes(bilingual, with: template, language: language), as: UTF8.self) == reference)
            }
            // Every row links to its batch's page in the page's own language.
            for language in Language.allCases {
                let written = String(decoding: language == .chinese ? both.chinese : both.english, as: UTF8.self)
                for batch in batches {
                    #expect(written.contains("href=\"\(rowLink(template, batch, page: page, language))\""), "\(template) page \(page) in \(language): \(batch.lot)")
                }
            }
        }
    }

    @Test("Mustache details: standalone lines, inverted sections, dotted names, raw values, comments")
    func details() throws {
        let sources = [
            "batch": "a\n  {{#items}}\n- {{name}}{{#note}} ({{note}}){{/note}}\n  {{/items}}\n{{^items}}none{{/items}}\n{{! comment }}\n{{t.hello}} {{{raw}}} {{&raw}} {{raw}}\n{{> part}}\nend",
            "part": "[{{#flag}}on{{/flag}}{{^flag}}off{{/flag}}]\n",
            "product": "p", "home": "h", "404": "n",
        ]
        let templates = try TemplateSet(sources: sources)
        #expect(templates.isCompiled("batch"))
        let view: ViewObject = [
            "items": .objects([["name": "x", "note": ""], ["name": "<y>", "note": "n"]]), "t": .object(["hello": "你好"]),
            "raw": "<b>", "flag": .flag(false),
        ]
        let compiled = String(decoding: try templates.renderBytes(view, with: "batch"), as: UTF8.self)
        #expect(compiled == (try templates.renderWithMustache(view, with: "batch")))
        #expect(compiled == "a\n- x\n- &lt;y&gt; (n)\n\n你好 <b> <b> &lt;b&gt;\n[off]\nend")
    }

    @Test("a localized text renders, counts as present or absent, and is the section's context in the page's language")
    func localizedTexts() throws {
        let sources = [
            "batch": "{{v}}|{{{v}}}|{{#v}}[{{.}}]{{#rows}}({{w}}){{/rows}}{{/v}}{{^v}}none{{^rows}}-{{/rows}}{{/v}}|{{#rows}}{{v}}<{{w}}>;{{/rows}}",
            "product": "p", "home": "h", "404": "n",
        ]
        let templates = try TemplateSet(sources: sources)
        #expect(templates.isCompiled("batch"))
        let view: ViewObject = [
            "v": .localized(zh: "有<b>", en: ""),
            "rows": .objects([["w": .localized(zh: "甲", en: "a&b")], ["w": "same", "v": .localized(zh: "", en: "x")]]),
        ]
        let expected: [Language: String] = [
            .chinese: "有&lt;b&gt;|有<b>|[有&lt;b&gt;](甲)(same)|有&lt;b&gt;<甲>;<same>;",
            .english: "||none|<a&amp;b>;x<same>;",
        ]
        try Self.expectEveryPath(templates, view, renders: expected)
    }

    /// Both languages in one walk, each language alone, and swift-mustache (on the view and on
    /// the view resolved to the language) all render `view` with "batch" as `expected`.
    static func expectEveryPath(_ templates: TemplateSet, _ view: ViewObject, renders expected: [Language: String]) throws {
        let both = try templates.renderBothLanguages(view, with: "batch")
        #expect(String(decoding: both.chinese, as: UTF8.self) == expected[.chinese])
        #expect(String(decoding: both.english, as: UTF8.self) == expected[.english])
        for language in Language.allCases {
            let compiled = String(decoding: try templates.renderBytes(view, with: "batch", language: language), as: UTF8.self)
            #expect(compiled == expected[language])
            #expect(compiled == (try templates.renderWithMustache(view, with: "batch", language: language)))
            #expect(compiled == (try templates.renderWithMustache(view.resolved(language), with: "batch")))
        }
    }

    @Test("a time value renders in its style, counts as present, and is the section's context")
    func timeValues() throws {
        let sources = [
            "batch": "{{at}}|{{{iso}}}|{{#at}}<{{.}}>{{/at}}{{^at}}none{{/at}}|{{#missing}}x{{/missing}}{{^missing}}-{{/missing}}|{{#rows}}{{at}};{{/rows}}",
            "product": "p", "home": "h", "404": "n",
        ]
        let templates = try TemplateSet(sources: sources)
        #expect(templates.isCompiled("batch"))
        let morning = try Timestamp(parsing: "2026-11-07T05:11:37+08:00")
        let evening = try Timestamp(parsing: "2026-11-06T23:59:00-05:30")
        let view: ViewObject = [
            "at": .time(morning, .minute), "iso": .time(morning, .instant), "missing": .time(nil, .minute),
            "rows": .list([.object(["at": .time(evening, .minute)]), .object(["at": .time(evening, .instant)])]),
        ]
        let expected = "2026-11-07 05:11|2026-11-07T05:11:37+08:00|<2026-11-07 05:11>|-|2026-11-06 23:59;2026-11-06T23:59:00-05:30;"
        try Self.expectEveryPath(templates, view, renders: [.chinese: expected, .english: expected])
    }

    @Test("text runs joined across partials stay inside their section; outer contexts are found from nested lists")
    func flattenedTemplate() throws {
        let sources = [
            "batch": "{{#groups}}<g>{{> part}}{{/groups}}after{{> part}}|{{#groups}}{{#rows}}{{name}}/{{label}}/{{t.k}}/{{lot}};{{/rows}}{{/groups}}|{{#tags}}[{{.}}]{{/tags}}",
            "part": "<p>", "product": "p", "home": "h", "404": "n",
        ]
        let templates = try TemplateSet(sources: sources)
        #expect(templates.isCompiled("batch"))
        let view: ViewObject = [
            "lot": "L1", "t": .object(["k": "K"]), "tags": .list(["a", "<b>"]),
            "groups": .objects([
                ["label": "G1", "rows": .objects([["name": "r1"], ["name": "r2"]])],
                ["label": "G2", "rows": .objects([])],
            ]),
        ]
        let compiled = String(decoding: try templates.renderBytes(view, with: "batch"), as: UTF8.self)
        #expect(compiled == (try templates.renderWithMustache(view, with: "batch")))
        #expect(compiled == "<g><p><g><p>after<p>|r1/G1/K/L1;r2/G1/K/L1;|[a][&lt;b&gt;]")
        // With no groups the text inside the section must not appear at all.
        let empty: ViewObject = ["lot": "L1", "t": .object(["k": "K"]), "tags": .list([]), "groups": .list([])]
        #expect(String(decoding: try templates.renderBytes(empty, with: "batch"), as: UTF8.self) == "after<p>||")
    }

    @Test("escaping matches swift-mustache wherever the special characters fall", arguments: [
        "&", "<>", "&&''\"\"", "<start", "end>", "中<文>&\"英\"", "a'b\"c&d<e>f", "no specials at all, 中文 only",
    ])
    func escapingAgreesWithMustache(_ text: String) throws {
        let sources = ["batch": "<a title=\"{{v}}\">{{v}}</a>", "product": "p", "home": "h", "404": "n"]
        let templates = try TemplateSet(sources: sources)
        let view: ViewObject = ["v": .text(text)]
        let compiled = String(decoding: try templates.renderBytes(view, with: "batch"), as: UTF8.self)
        #expect(compiled == (try templates.renderWithMustache(view, with: "batch")))
        #expect(!compiled.dropFirst(2).dropLast(4).contains("<"))
    }

    @Test("templates using features the compiler leaves out still render, through swift-mustache")
    func fallback() throws {
        let sources = ["batch": "{{=<% %>=}}<% lot %>", "product": "p", "home": "h", "404": "n"]
        let templates = try TemplateSet(sources: sources)
        #expect(!templates.isCompiled("batch"))
        #expect(try templates.render(["lot": "A1"], with: "batch") == "A1")
    }
}

import Foundation
import Testing
import TracePressCore
import TraceView

@Suite("tracepress names: every name a template can use, with an example value")
struct TemplateNamesTests {
    /// The names a template's own tags use (`t.lot` counts as `t`), without partials and comments.
    static func namesUsed(in template: String) throws -> Set<String> {
        let text = try String(contentsOfFile: Repository.templates + "/\(template).mustache", encoding: .utf8)
        let tag = /\{\{\{?\s*([#^&\/]?)\s*([^}\s!>=]+)\s*\}?\}\}/
        var names: Set<String> = []
        for match in text.matches(of: tag) where match.output.1 != "/" {
            let name = String(match.output.2)
            guard name != "." else { continue }
            names.insert(String(name.split(separator: ".").first!))
        }
        return names
    }

    /// The names an outline lists, at any depth.
    static func namesListed(in lines: [String]) -> Set<String> {
        Set(lines.compactMap { line in
            line.firstMatch(of: /\{\{[#^]?([^}.…\s]+)/).map { String($0.output.1) }
        })
    }

    @Test("lists every name the default templates use, for every template, in both languages", arguments: TemplateNames.templates.map(\.name))
    func complete(template: String) throws {
        let directory = TemporaryDirectory()
        var options = BuildOptions()
        options.storePath = try Fixtures.demoStore(in: directory, batches: 6)
        options.templatesPath = Repository.templates
        options.publicPath = Repository.publicFolder
        let used = try Self.namesUsed(in: template)
        #expect(used.count >= 5)
        for language in Language.allCases {
            let outline = try TemplateNames.outline(of: template, options: options, language: language)
            let listed = Self.namesListed(in: outline.lines)
            #expect(used.subtracting(listed).isEmpty, "\(template) (\(language)): \(used.subtracting(listed).sorted()) used but not listed")
            #expect(outline.lines.count >= used.count)
        }
    }

    @Test("the batch outline shows the first batch's values, lists inside lists indented; an unknown template is refused naming the others")
    func batchOutline() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 3)
        let arguments = ["names", "batch.mustache", "--store", store, "--templates", Repository.templates, "--public", Repository.publicFolder]
        let result = try ExternalTool.run(Repository.executable, arguments)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Names in \(Repository.templates)/batch.mustache, with their values in 01/") == true)
        let header = try #require(lines.first?.firstMatch(of: /in 01\/\d{14}\/10\/([A-Za-z0-9]+) \(and the next 2 batches/))
        let lot = try #require(lines.first { $0.hasPrefix("{{lot}}") })
        #expect(lot.hasSuffix("\"\(header.output.1)\""))
        #expect(lines.contains { $0.hasPrefix("{{#check_groups}}…{{/check_groups}}") && $0.hasSuffix("inside each:") })
        #expect(lines.contains { $0.hasPrefix("    {{verdict_text}}") && $0.hasSuffix("\"合格\"") }, "a check's verdict, two levels down")
        #expect(lines.contains { $0.hasPrefix("{{t.…}}") })

        let english = try ExternalTool.run(Repository.executable, arguments + ["--language", "en"])
        #expect(english.output.contains("\"Passed\"") || english.output.contains("\"Pass\""), "\(english.output.prefix(2000))")

        let unknown = try ExternalTool.run(Repository.executable, ["names", "footer", "--store", store, "--templates", Repository.templates])
        #expect(unknown.status == 1)
        #expect(unknown.errorOutput.contains("no page is drawn from a template called 'footer'"))
        #expect(unknown.errorOutput.contains("batch, product, site, home, 404, live, recalls"))
    }
}

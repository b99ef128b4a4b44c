import Testing
@testable import TraceRender
import TraceView

@Suite("Templates: errors are found before anything is published")
struct TemplateTests {
    static let minimal = ["batch": "{{lot}}", "product": "p", "home": "h", "404": "n"]

    @Test("a missing page template is named")
    func missingTemplate() {
        var sources = Self.minimal
        sources["404"] = nil
        #expect(throws: RenderError.missingTemplate(name: "404", folder: "Templates")) { try TemplateSet(sources: sources) }
    }

    @Test("a missing partial is named with the template that includes it")
    func missingPartial() {
        var sources = Self.minimal
        sources["batch"] = "{{> partials/head}}{{lot}}"
        #expect(throws: RenderError.missingPartial(template: "batch", partial: "partials/head")) { try TemplateSet(sources: sources) }
    }

    /// The syntax error of a set whose batch template is `batch`, or nil (an issue recorded)
    /// when it parses or fails otherwise.
    func syntaxError(ofBatch batch: String) -> (line: Int, message: String)? {
        var sources = Self.minimal
        sources["batch"] = batch
        do {
            _ = try TemplateSet(sources: sources)
            Issue.record("parsed a broken template")
        } catch {
            guard case .syntax(let template, let line, _, let message) = error, template == "batch" else {
                Issue.record("wrong error \(error)")
                return nil
            }
            return (line, message)
        }
        return nil
    }

    @Test("a syntax error gives template, line and column, and names the section left open")
    func unclosedSection() {
        let error = syntaxError(ofBatch: "line one\n{{#lot}}never closed")
        #expect(error.map { $0.line >= 1 } == true)
        #expect(error?.message == "{{#lot}} opened on line 2 is never closed; add {{/lot}} where it should end")
    }

    @Test("a section closed by another name is named, with the lines of both tags")
    func wrongClose() {
        // CRLF line ends, a triple mustache and a comment on the way: lines still count right.
        let error = syntaxError(
            ofBatch: "<ul>\r\n{{#steps}}\r\n  <li>{{{title}}} {{! a note }}\r\n  {{#checks}}{{item}}\r\n{{/steps}}\r\n{{/checks}}</ul>")
        #expect(error?.message == "{{/steps}} on line 5 closes a section, but the section open there is {{#checks}} from line 4")
    }

    @Test("an unfinished tag is quoted with the line it starts on")
    func unfinishedTag() {
        let error = syntaxError(ofBatch: "<h1>{{{title}}}</h1>\n<p>{{lot</p>\n<p>{{produced_on}}</p>")
        #expect(error?.message == "the tag '{{lot</p>' on line 2 is not finished: a name is missing, or '}}' is")
    }

    @Test("a template with its own delimiters gets the parser's words, not a guess")
    func ownDelimiters() {
        let error = syntaxError(ofBatch: "{{=<% %>=}}<%#lot%>never closed")
        #expect(error?.message.hasPrefix("a section is never closed") == true)
    }

    @Test("a name no view provides fails the render instead of printing nothing")
    func unknownName() throws {
        var sources = Self.minimal
        sources["batch"] = "<p>{{lot}} {{prodcut_name_zh}}</p>{{#steps}}{{title_zh}}{{titel_en}}{{/steps}}"
        let templates = try TemplateSet(sources: sources)
        let view: ViewObject = ["lot": "A1", "steps": .objects([["title_zh": "挤奶", "title_en": "Milking"]])]
        #expect(
            throws: RenderError.unknownNames(
                template: "batch", names: ["prodcut_name_zh", "titel_en"],
                places: ["{{prodcut_name_zh}} on line 1 of batch.mustache", "{{titel_en}} on line 1 of batch.mustache; did you mean 'title_en'?"])
        ) {
            try templates.render(view, with: "batch")
        }
    }

    @Test("an unknown part of a dotted name in a partial is shown where it is written")
    func unknownNameInPartial() throws {
        var sources = Self.minimal
        sources["batch"] = "{{> partials/head}}<p>{{lot}}</p>"
        sources["partials/head"] = "<title>\n{{t.lot}} {{ t.titel }}</title>"
        let templates = try TemplateSet(sources: sources)
        let view: ViewObject = ["lot": "A1", "t": .object(["lot": "批号", "title": "追溯"])]
        do {
            _ = try templates.render(view, with: "batch")
            Issue.record("rendered a missing name")
        } catch {
            #expect(
                error == .unknownNames(
                    template: "batch", names: ["titel"], places: ["{{ t.titel }} on line 2 of partials/head.mustache; did you mean 'title'?"]))
            #expect(
                "\(error)" == "template 'batch.mustache' (or a partial it includes) uses unknown name 'titel' "
                    + "({{ t.titel }} on line 2 of partials/head.mustache; did you mean 'title'?)")
        }
    }

    @Test("a name used outside the section that has it says which section, at the use outside it")
    func nameOutsideItsSection() throws {
        var sources = Self.minimal
        sources["batch"] = "<h1>{{lot}}</h1>\n{{#checks}}{{#lab}}{{report_no}}{{/lab}}{{result}}{{/checks}}\n<p>{{result}} {{report_no}}</p>"
        let templates = try TemplateSet(sources: sources)
        let view: ViewObject = ["lot": "A1", "checks": .objects([["result": "合格", "lab": .object(["report_no": "R-1"])]])]
        #expect(
            throws: RenderError.unknownNames(
                template: "batch", names: ["report_no", "result"],
                places: [
                    "{{report_no}} on line 3 of batch.mustache; 'report_no' is a name inside {{#checks}}{{#lab}}…{{/lab}}{{/checks}}",
                    "{{result}} on line 3 of batch.mustache; 'result' is a name inside {{#checks}}…{{/checks}}",
                ])
        ) {
            try templates.render(view, with: "batch")
        }
    }

    @Test("typo distance: a swap of neighbours is one edit; far names get no guess")
    func editDistance() {
        #expect(NameSuggestion.editDistance("titel", "title") == 1)
        #expect(NameSuggestion.editDistance("lott", "lot") == 1)
        #expect(NameSuggestion.editDistance("", "lot") == 3)
        #expect(NameSuggestion.editDistance("批号", "批次") == 1)
        #expect(NameSuggestion(view: ["lot": "A1", "status_text": "x"]).hint(for: "colour") == nil)
        #expect(NameSuggestion(view: ["lot": "A1", "status_text": "x"]).hint(for: "statustext") == "did you mean 'status_text'?")
        let dates = NameSuggestion(view: ["produced_on": "2026-11-09", "expires_on": "2027-05-07", "lot": "A1"])
        #expect(dates.hint(for: "produced_date") == "did you mean 'produced_on'?")
        #expect(dates.hint(for: "lot_code") == nil)  // no other name begins with 'lot_'
    }

    @Test("names of enclosing objects are found from inside sections")
    func enclosingNames() throws {
        var sources = Self.minimal
        sources["batch"] = "{{#steps}}{{lot}}:{{title_zh}};{{/steps}}{{#note}}[{{note}}]{{/note}}{{^note}}-{{/note}}"
        let templates = try TemplateSet(sources: sources)
        let view: ViewObject = ["lot": "A1", "note": "", "steps": .objects([["title_zh": "一"], ["title_zh": "二"]])]
        #expect(try templates.render(view, with: "batch") == "A1:一;A1:二;-")
    }

    @Test("store text is escaped, never markup", arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("Tom & Jerry's", "Tom &amp; Jerry&#39;s"),
    ])
    func escaping(_ hostile: String, _ escaped: String) throws {
        var sources = Self.minimal
        sources["batch"] = "<a title=\"{{lot}}\">{{lot}}</a>"
        let page = try TemplateSet(sources: sources).render(["lot": .text(hostile)], with: "batch")
        #expect(page == "<a title=\"\(escaped)\">\(escaped)</a>")
    }

    @Test("the repository's templates load")
    func repositoryTemplates() throws {
        let templates = try TemplateSet(folder: Repository.templates)
        #expect(templates.names.isSuperset(of: TemplateSet.requiredTemplates))
    }
}

import Foundation
import Mustache
public import TraceView

/// The site's Mustache templates, parsed once and shared by every render thread.
///
/// HTML escaping is on for every `{{name}}`: store text never becomes markup.
public struct TemplateSet: Sendable {
    /// Page templates a site must have.
    public static let requiredTemplates = ["batch", "product", "home", "404"]

    private let library: MustacheLibrary
    /// The same templates compiled for fast rendering; a template using a feature the compiler
    /// leaves out is absent here and renders through swift-mustache.
    private let compiled: [String: CompiledTemplate]
    /// Template names, for messages and checks.
    public let names: Set<String>
    /// Every template's source text by name (what a build's input key covers).
    public let sources: [String: String]
    /// The text of `strings.json` beside the templates, when there is one.
    public let strings: String

    /// Loads every `*.mustache` file under `folder` (partials live in subfolders, e.g. `partials/head`).
    ///
    /// - Throws: `RenderError` for a missing folder, template or partial, or a syntax error.
    public init(folder: String) throws(RenderError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingTemplatesFolder(folder)
        }
        var sources: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: folder + "/" + relative) else { continue }
            sources[name] = String(decoding: data, as: UTF8.self)
        }
        let strings = FileManager.default.contents(atPath: folder + "/strings.json").map { String(decoding: $0, as: UTF8.self) } ?? ""
        try self.init(sources: sources, folder: folder, strings: strings)
    }

    /// Builds a template set from sources in memory (tests, previews).
    public init(sources: [String: String], folder: String = "Templates", strings: String = "") throws(RenderError) {
        FastHTMLContentType.register()
        var templates: [String: MustacheTemplate] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try MustacheTemplate(string: FastHTMLContentType.pragma + source)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma adds one line in front of the template's own.
                throw .syntax(
                    template: name, line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber,
                    message: TemplateSyntaxHint.message(for: error.error, in: source))
            } catch {
                throw .syntax(template: name, line: 0, column: 0, message: "\(error)")
            }
        }
        for required in Self.requiredTemplates where templates[required] == nil {
            throw .missingTemplate(name: required, folder: folder)
        }
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            for partial in Self.partialNames(in: source) where templates[partial] == nil {
                throw .missingPartial(template: name, partial: partial)
            }
        }
        library = MustacheLibrary(templates: templates)
        var compiled: [String: CompiledTemplate] = [:]
        for name in templates.keys {
            if let template = try? CompiledTemplate.compile(name, sources: sources) { compiled[name] = template }
        }
        self.compiled = compiled
        names = Set(templates.keys)
        self.sources = sources
        self.strings = strings
    }

    /// The error for names a render did not find in `view`, each with the first tag that uses
    /// it, in the template or the partials it includes (a name's missing part may be one part of
    /// a dotted name: `lott` of `{{t.lott}}`), and what was probably meant (`NameSuggestion`).
    func unknownNames(_ names: Set<String>, in template: String, view: ViewObject) -> RenderError {
        let files = self.files(of: template)
        let tags = files.map { file in (file, MustacheTags.all(in: sources[file]!)) }
        let sorted = names.sorted()
        let suggestion = NameSuggestion(view: view)
        let places = sorted.map { name in
            let place = Self.place(of: name, outside: suggestion.section(of: name)?.last, in: tags)
            return [place, suggestion.hint(for: name)].compactMap { $0 }.joined(separator: "; ")
        }
        return .unknownNames(template: template, names: sorted, places: places)
    }

    /// Where `name` is used, as `{{tag}} on line N of file.mustache`: the first use outside the
    /// section `home` when it lives in one (the uses inside it are right), else the first use.
    private static func place(of name: String, outside home: String?, in files: [(String, [MustacheTag])]) -> String? {
        var first: String?
        for (file, tags) in files {
            var open: [String] = []
            for tag in tags where tag.sigil == nil || "#^&{/".contains(tag.sigil!) {
                if tag.sigil == "/" {
                    if !open.isEmpty { open.removeLast() }
                    continue
                }
                if tag.name.split(separator: ".").contains(Substring(name)) {
                    let text = tag.text.count > 40 ? tag.text.prefix(40) + "…" : tag.text
                    let place = "\(text) on line \(tag.line) of \(file).mustache"
                    if home == nil || !open.contains(home!) { return place }
                    if first == nil { first = place }
                }
                if tag.sigil == "#" || tag.sigil == "^" { open.append(tag.name) }
            }
        }
        return first
    }

    /// `template` and every partial it includes, at any depth, in the order they are met: what
    /// its pages are rendered from (`partials/footer` for a `{{> partials/footer}}`, say).
    public func files(of template: String) -> [String] {
        var files: [String] = []
        var queue = [template]
        while let next = queue.popLast() {
            guard !files.contains(next), let source = sources[next] else { continue }
            files.append(next)
            queue.append(contentsOf: Self.partialNames(in: source).reversed())
        }
        return files
    }

    /// The keys of `strings.json` that `template` and its partials read, as `{{t.key}}` (or a
    /// section or inverted section of it); nil when they could read others: a tag that uses `t`
    /// whole (`{{#t}}…{{/t}}`), new tag delimiters, or a tag left open.
    public func stringKeys(of template: String) -> Set<String>? {
        var keys: Set<String> = []
        for file in files(of: template) {
            for tag in MustacheTags.all(in: sources[file] ?? "") {
                if tag.sigil == "=" || !tag.isFinished { return nil }
                if let sigil = tag.sigil, "!><".contains(sigil) { continue }  // comments and partials
                let parts = tag.name.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.first == "t" else { continue }
                guard parts.count >= 2 else { return nil }
                keys.insert(String(parts[1]))
            }
        }
        return keys
    }

    /// Names used as `{{> name}}` or `{{< name}}` in a template source.
    ///
    /// swift-mustache renders a missing partial as nothing, so they are checked here at load.
    static func partialNames(in source: String) -> [String] {
        MustacheTags.all(in: source).filter { tag in
            tag.isFinished && (tag.sigil == ">" || tag.sigil == "<") && !tag.name.isEmpty && !tag.name.hasPrefix("*")
        }.map(\.name)
    }

    /// Renders a view with a template.
    ///
    /// - Parameters:
    ///   - view: Every field the template may use.
    ///   - name: Template name without `.mustache`.
    /// - Returns: The page.
    /// - Throws: `RenderError.unknownNames` when the template used names the view lacks.
    public func render(_ view: ViewObject, with name: String) throws(RenderError) -> String {
        String(decoding: try renderBytes(view, with: name), as: UTF8.self)
    }

    /// Renders a view with a template into UTF-8 bytes, ready to write.
    ///
    /// - Parameter language: The page's language: which text of each `.localized` value it shows
    ///   (a view without any renders the same in every language).
    /// - Throws: `RenderError.unknownNames` when the template used names the view lacks.
    public func renderBytes(_ view: ViewObject, with name: String, language: Language = .chinese) throws(RenderError) -> [UInt8] {
        guard let template = compiled[name] else { return Array(try renderWithMustache(view, with: name, language: language).utf8) }
        var unknown: Set<String> = []
        let bytes = template.render(view, language: language, unknown: &unknown)
        guard unknown.isEmpty else { throw unknownNames(unknown, in: name, view: view) }
        return bytes
    }

    /// Renders a view's Chinese and English pages with a template: the bytes of
    /// `renderBytes(_:with:language:)` for each language, written in one walk of the template
    /// (a batch's two pages share all but their `.localized` texts).
    ///
    /// - Throws: `RenderError.unknownNames` when the template used names the view lacks.
    public func renderBothLanguages(_ view: ViewObject, with name: String) throws(RenderError) -> (chinese: [UInt8], english: [UInt8]) {
        guard let template = compiled[name] else {
            return (try renderBytes(view, with: name, language: .chinese), try renderBytes(view, with: name, language: .english))
        }
        var unknown: Set<String> = []
        let pages = template.renderBoth(view, unknown: &unknown)
        guard unknown.isEmpty else { throw unknownNames(unknown, in: name, view: view) }
        return pages
    }

    /// Whether `name` renders through the compiled path (tests compare both paths).
    public func isCompiled(_ name: String) -> Bool { compiled[name] != nil }

    /// Renders through swift-mustache itself: the reference the compiled path must match.
    public func renderWithMustache(_ view: ViewObject, with name: String, language: Language = .chinese) throws(RenderError) -> String {
        let unknown = UnknownNames()
        let root = MustacheView(object: view, enclosing: [], unknownNames: unknown, language: language)
        guard let page = library.render(root, withTemplate: name) else {
            throw .missingTemplate(name: name, folder: "Templates")
        }
        guard unknown.names.isEmpty else { throw unknownNames(unknown.names, in: name, view: view) }
        return page
    }
}

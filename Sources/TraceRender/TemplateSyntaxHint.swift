import Mustache

/// Words for a template that does not parse, for the marketing team that edits it: which section
/// is left open or closed by the wrong name, and where it was opened.
///
/// Why: swift-mustache reports only the kind of mistake (`expectedSectionEnd`) and where the
/// parser gave up, which for a section never closed is the end of the file. Naming the section
/// takes its own walk over the tags: a stack of the sections open, with the line each opened on.
enum TemplateSyntaxHint {
    /// The message for `error`, found parsing `source`.
    static func message(for error: any Error, in source: String) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .expectedSectionEnd:
            if case .unclosed(let open)? = firstSectionMistake(in: source) {
                return "{{\(open.sigil)\(open.name)}} opened on line \(open.line) is never closed; add {{/\(open.name)}} where it should end"
            }
            return "a section is never closed: every {{#name}}, {{^name}} and {{$name}} needs its {{/name}}"
        case .sectionCloseNameIncorrect:
            if case .wrongClose(let open, let name, let line)? = firstSectionMistake(in: source) {
                return "{{/\(name)}} on line \(line) closes a section, but the section open there is {{\(open.sigil)\(open.name)}} from line \(open.line)"
            }
            return "a {{/name}} does not match the section it closes"
        case .unfinishedName:
            if let tag = firstUnfinishedTag(in: source) {
                return "the tag '\(tag.text)' on line \(tag.line) is not finished: a name is missing, or '}}' is"
            }
            return "a tag is not finished: a name is missing, or '}}' is"
        case .invalidSetDelimiter:
            return "a delimiter change must read {{=<% %>=}}: two delimiters, a space between, '=' at both ends"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "a partial's block override ({{<partial}}…{{/partial}}) may hold only {{$block}} sections (\(error))"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            return "a {{% … }} pragma is not one swift-mustache knows (\(error))"
        }
    }

    /// The first tag not finished before the next `{{` or the end: its line, and the tag as far
    /// as its line goes (at most 24 characters).
    static func firstUnfinishedTag(in source: String) -> (line: Int, text: String)? {
        guard let tag = MustacheTags.all(in: source).first(where: { !$0.isFinished }) else { return nil }
        return (tag.line, String(tag.text.prefix { $0 != "\n" && $0 != "\r\n" }.prefix(24)))
    }

    /// A section tag that opens: `{{#name}}`, `{{^name}}`, `{{$name}}` or `{{<name}}`.
    struct OpenSection: Equatable {
        let sigil: Character
        let name: String
        let line: Int
    }

    enum SectionMistake: Equatable {
        /// Still open at the end of the template.
        case unclosed(OpenSection)
        /// `{{/name}}` on `line` while `open` is the innermost open section.
        case wrongClose(open: OpenSection, name: String, line: Int)
    }

    /// The first section left open or closed by another name; nil when there is none, or when
    /// the template changes its delimiters (`{{=`).
    static func firstSectionMistake(in source: String) -> SectionMistake? {
        var open: [OpenSection] = []
        for tag in MustacheTags.all(in: source) {
            switch tag.sigil {
            case "=": return nil
            case "#", "^", "$", "<": open.append(OpenSection(sigil: tag.sigil!, name: tag.name, line: tag.line))
            case "/":
                guard let innermost = open.popLast() else { continue }
                if innermost.name != tag.name { return .wrongClose(open: innermost, name: tag.name, line: tag.line) }
            default: continue
            }
        }
        return open.last.map { .unclosed($0) }
    }
}

/// A tag of a template as written, with the line it starts on: what error messages point at.
struct MustacheTag: Equatable {
    /// `#`, `^`, `/`, `>`, `<`, `$`, `!`, `=`, `&` or `{`; nil for a plain `{{name}}`.
    let sigil: Character?
    /// The name, without spaces around it (and without the braces of `{{{name}}}`).
    let name: String
    /// The line of its `{{`, from 1.
    let line: Int
    /// The tag as written, from `{{` to `}}` (or to the end, when it is never closed).
    let text: Substring
    /// Whether it ends before the next `{{` does; false for `{{lot</p>…{{x}}` and for a `{{`
    /// with no `}}` after it.
    let isFinished: Bool
}

/// The tags of a template source with the default delimiters: a walk from each `{{` to its
/// `}}`, not a parser (swift-mustache parses). Shared by the load-time checks (partials) and the
/// messages that name a section, a tag or a line.
enum MustacheTags {
    /// Every tag in order, the last one unfinished when a `{{` has no `}}` after it.
    static func all(in source: String) -> [MustacheTag] {
        var tags: [MustacheTag] = []
        var line = 1
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            line += newlines(in: rest[..<open.lowerBound])
            var inside = rest[open.upperBound...]
            let isTriple = inside.first == "{"
            if isTriple { inside = inside.dropFirst() }
            guard let close = inside.firstRange(of: isTriple ? "}}}" : "}}") else {
                tags.append(tag(body: inside, isTriple: isTriple, line: line, text: rest[open.lowerBound...], isFinished: false))
                break
            }
            let body = inside[..<close.lowerBound]
            let isFinished = body.firstRange(of: "{{") == nil
            tags.append(tag(body: body, isTriple: isTriple, line: line, text: rest[open.lowerBound..<close.upperBound], isFinished: isFinished))
            line += newlines(in: rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return tags
    }

    private static func tag(body: Substring, isTriple: Bool, line: Int, text: Substring, isFinished: Bool) -> MustacheTag {
        var name = body
        while name.first == " " { name = name.dropFirst() }
        var sigil: Character? = isTriple ? "{" : nil
        if !isTriple, let first = name.first, "#^/><$!=&".contains(first) {
            sigil = first
            name = name.dropFirst()
        }
        while name.first == " " { name = name.dropFirst() }
        while name.last == " " { name = name.dropLast() }
        return MustacheTag(sigil: sigil, name: String(name), line: line, text: text, isFinished: isFinished)
    }

    private static func newlines(in text: Substring) -> Int { text.utf8.count { $0 == 0x0A } }
}

import TraceModel

/// A view written out for the people who edit templates: every name a template can use, as its
/// Mustache tag, with the value it has in an example page (`tracepress names`).
///
/// Names are listed as the renderer finds them, nested objects and list items indented under
/// their section; a list's items are examples of one kind, as the pages are, so each name shows
/// the first value it has in any of them. The interface texts (`t`, `t_en`) are summed up, not
/// listed: they are `strings.json`, which the reader has open anyway.
public enum ViewOutline {
    /// The lines of `views`, pages drawn from one template, in name order: each name with its
    /// value in the first view that has one (a batch without excursions still shows what an
    /// excursion has, from a batch with some). `language` resolves texts that differ by language.
    public static func lines(of views: [ViewObject], language: Language) -> [String] {
        var lines: [String] = []
        write(views.map { $0.resolved(language) }, depth: 0, into: &lines)
        return lines
    }

    private static let valueColumn = 34
    private static let longestValue = 60

    /// Writes the names of `examples`, objects of one kind (pages, or a list's items).
    private static func write(_ examples: [ViewObject], depth: Int, into lines: inout [String]) {
        let all = examples.map(\.fields)
        let names = Set(all.flatMap(\.keys)).sorted()
        for name in names {
            let values = all.compactMap { $0[name] }
            let indent = String(repeating: "  ", count: depth)
            func line(_ tag: String, _ text: String) {
                let head = indent + tag
                lines.append(head + String(repeating: " ", count: max(1, valueColumn - head.count)) + text)
            }
            let objects = values.compactMap { value -> ViewObject? in
                if case .object(let fields) = value { return fields }
                return nil
            }
            let lists = values.compactMap { value -> [ViewValue]? in
                if case .list(let items) = value { return items }
                return nil
            }
            if name == "t" || name == "t_en", let texts = objects.first?.fields {
                let example = texts.keys.sorted().first.map { " e.g. {{\(name).\($0)}}" } ?? ""
                line("{{\(name).…}}", "the \(texts.count) texts of strings.json in \(name == "t" ? "the page's language" : "English"),\(example)")
            } else if !objects.isEmpty {
                line("{{#\(name)}}…{{/\(name)}}", "an object; inside it:")
                write(objects, depth: depth + 1, into: &lines)
            } else if let first = lists.first {
                let items = lists.flatMap { $0 }
                let itemObjects = items.compactMap { item -> ViewObject? in
                    if case .object(let fields) = item { return fields }
                    return nil
                }
                let count = "\(first.count) item\(first.count == 1 ? "" : "s") here"
                if items.isEmpty {
                    line("{{#\(name)}}…{{/\(name)}}", "a list, empty in every example")
                } else if itemObjects.isEmpty {
                    line("{{#\(name)}}{{.}}{{/\(name)}}", "a list of texts, \(count), e.g. " + shown(items[0]))
                } else {
                    line("{{#\(name)}}…{{/\(name)}}", "a list, \(count); inside each:")
                    write(itemObjects, depth: depth + 1, into: &lines)
                }
            } else if case .flag(let flag) = values.first {
                line("{{#\(name)}} / {{^\(name)}}", flag ? "true here" : "false here")
            } else {
                let example = values.first { !isEmpty($0) } ?? values.first
                line("{{\(name)}}", example.map(shown) ?? "empty here")
            }
        }
    }

    private static func isEmpty(_ value: ViewValue) -> Bool {
        if case .text(let text) = value { return text.isEmpty }
        return false
    }

    /// A value as one short line: quoted text (or "empty here"), a flag, a count.
    private static func shown(_ value: ViewValue) -> String {
        switch value {
        case .localized(let text): return shown(.text(text.zh))
        case .text(let text):
            guard !text.isEmpty else { return "empty here" }
            let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "\"" + (oneLine.count > longestValue ? oneLine.prefix(longestValue - 1) + "…" : oneLine) + "\""
        case .time(let time, let style): return "\"" + style.text(time) + "\""
        case .flag(let flag): return flag ? "true" : "false"
        case .list(let items): return "\(items.count) items"
        case .object: return "an object"
        }
    }
}

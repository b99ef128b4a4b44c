import Foundation

/// The rules of a site's `_redirects`, as the preview applies them: the subset of the format
/// Netlify and Cloudflare Pages share that `tracepress build` writes.
///
/// Hand-written because no Swift library reads this format; it is a line per rule
/// (`source destination [status]`, `#` comments), where a source segment `:name` matches one
/// path segment, a last segment `*` matches the rest of the path (none included), and the
/// destination may use `:name` and `:splat`. The first rule that matches wins.
struct RedirectRules: Equatable {
    struct Rule: Equatable {
        let source: [Substring]
        let destination: String
        let status: Int
    }

    /// What a matching rule says to do with a request path.
    struct Outcome: Equatable {
        let destination: String
        let status: Int

        /// Whether the client is sent elsewhere (3xx) rather than answered with the
        /// destination's file under the rule's status (`200`, `404`, `410`).
        var isRedirect: Bool { (300..<400).contains(status) }
    }

    let rules: [Rule]

    init(rules: [Rule]) { self.rules = rules }

    /// Parses the file's text; lines that are not rules (malformed, or with options this subset
    /// has no use for) are skipped, as hosts skip them.
    init(text: String) {
        rules = text.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, first.hasPrefix("/"), fields.count == 2 || fields.count == 3 else { return nil }
            let status = fields.count == 3 ? Int(fields[2]) : 302
            guard let status else { return nil }
            return Rule(source: first.split(separator: "/"), destination: String(fields[1]), status: status)
        }
    }

    /// The first rule matching `path` (without the query), with its destination filled in; nil
    /// when none does.
    func outcome(for path: String) -> Outcome? {
        let segments = path.split(separator: "/")
        for rule in rules {
            if let values = Self.match(rule.source, segments) {
                var destination = rule.destination
                for (name, value) in values.sorted(by: { $0.key.count > $1.key.count }) {
                    destination = destination.replacingOccurrences(of: ":" + name, with: value)
                }
                return Outcome(destination: destination, status: rule.status)
            }
        }
        return nil
    }

    /// The placeholders' values (and `splat`) when `pattern` matches `segments`.
    private static func match(_ pattern: [Substring], _ segments: [Substring]) -> [String: String]? {
        var values: [String: String] = [:]
        for (index, part) in pattern.enumerated() {
            if part == "*" && index == pattern.count - 1 {
                values["splat"] = segments.dropFirst(index).joined(separator: "/")
                return values
            }
            guard index < segments.count else { return nil }
            if part.hasPrefix(":") {
                values[String(part.dropFirst())] = String(segments[index])
            } else if part != segments[index] {
                return nil
            }
        }
        return pattern.count == segments.count ? values : nil
    }
}

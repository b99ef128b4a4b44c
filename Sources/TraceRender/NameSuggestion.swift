import TraceView

/// What a template author probably meant by a name the view does not have where it is used:
/// the same name one section deeper (`{{title_zh}}` outside `{{#steps}}`), the closest name the
/// view has anywhere (`lott` → `lot`), or names that begin with the same word (`produced_date` →
/// `produced_on`). Runs only when a render has failed.
struct NameSuggestion {
    /// Every field name in the view, with the sections that lead to it the first time it
    /// appears (breadth first, so the shallowest place wins).
    private var sections: [String: [String]] = [:]
    private var names: [String] = []

    init(view: ViewObject) {
        var queue: [(object: ViewObject, path: [String])] = [(view, [])]
        var next = 0
        while next < queue.count {
            let (object, path) = queue[next]
            next += 1
            for (name, value) in object.fields.sorted(by: { $0.key < $1.key }) {
                if sections[name] == nil {
                    sections[name] = path
                    names.append(name)
                }
                switch value {
                case .object(let inner): queue.append((inner, path + [name]))
                // The first item stands for the others: a list's items share their names.
                case .list(let items): if case .object(let item)? = items.first { queue.append((item, path + [name])) }
                default: break
                }
            }
        }
    }

    /// The sections that lead to `name` where the view first has it; empty at the top level,
    /// nil when the view has no such name.
    func section(of name: String) -> [String]? { sections[name] }

    /// A hint for `name`, or nil when nothing is close.
    func hint(for name: String) -> String? {
        if let path = sections[name], !path.isEmpty {
            let opened = path.map { "{{#\($0)}}" }.joined()
            return "'\(name)' is a name inside \(opened)…\(path.reversed().map { "{{/\($0)}}" }.joined())"
        }
        let allowed = max(1, name.count / 4)
        var best: (distance: Int, name: String)?
        for candidate in names where candidate != name {
            let distance = Self.editDistance(name, candidate)
            if distance <= allowed && (best == nil || distance < best!.distance) { best = (distance, candidate) }
        }
        if let best { return "did you mean '\(best.name)'?" }
        // No typo this close: names that begin with the same word (`produced_date` → `produced_on`).
        guard let word = name.split(separator: "_", maxSplits: 1).first, word.count >= 3, word.count < name.count else { return nil }
        let sameWord = names.filter { $0 != name && $0.hasPrefix(word + "_") }.sorted()
        guard !sameWord.isEmpty && sameWord.count <= 3 else { return nil }
        let quoted = sameWord.map { "'\($0)'" }
        return "did you mean " + (quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!) + "?"
    }

    /// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: optimal
    /// string alignment, so the common typo `titel` is one edit from `title`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

import TraceModel
import TraceView

/// A Mustache template compiled for rendering view objects straight into bytes.
///
/// Why not swift-mustache on the hot path: a profile of a 10,000-batch build (`perf record`) put
/// 55–60% of all CPU time in its rendering, most of it in dynamic casts of `Any` values while it
/// looks names up through its context stack (`swift_conformsToProtocol…`, `tryCast`). Our views
/// are plain `ViewObject`s, so this renderer looks names up in them directly and appends to one
/// byte buffer. It supports the Mustache the templates use (variables, `{{{raw}}}`/`{{&raw}}`,
/// sections, inverted sections, dotted names, partials, comments, standalone lines); swift-mustache
/// still parses every template first (its errors carry line and column) and the test suite
/// renders every demo page with both and requires identical bytes.
struct CompiledTemplate: Sendable {
    enum Node: Sendable {
        case text([UInt8])
        case variable(path: Name, escaped: Bool)
        case section(path: Name, inverted: Bool, body: [Node])
    }

    /// A tag's name, split once when compiling: `.` (the current context) or a dotted path.
    struct Name: Sendable, Equatable {
        /// True for `.`.
        let isCurrent: Bool
        /// The first part, looked up from the innermost context outwards.
        let first: ViewName
        /// The parts looked up inside what `first` found.
        let rest: [ViewName]

        init(_ text: String) {
            isCurrent = text == "."
            let parts = isCurrent ? ["."] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            first = ViewName(parts[0])
            rest = parts.dropFirst().map(ViewName.init)
        }
    }

    /// The template as compiled, partials inlined (what `compile` builds and inlines).
    let nodes: [Node]

    /// `nodes` flattened into one array of plain values, which is what renders: walking the
    /// tree copied (and reference-counted) each node's text, name and body arrays on every
    /// visit, for every row of every list.
    private let ops: [Op]
    /// Every text node's bytes, one after another; `Op.text` holds a range of it.
    private let text: [UInt8]
    /// Every tag's name; ops refer to them by position.
    private let names: [Name]
    /// The most sections open at once (a list's section counts once, whatever its length).
    private let sectionDepth: Int

    private enum Op {
        case text(start: Int32, end: Int32)
        case variable(name: Int32, escaped: Bool)
        /// The body is the ops after this one, up to `end` (exclusive).
        case section(name: Int32, inverted: Bool, end: Int32)
    }

    init(nodes: [Node]) {
        self.nodes = nodes
        var ops: [Op] = []
        var text: [UInt8] = []
        var names: [Name] = []
        func flatten(_ nodes: [Node]) {
            var previousWasText = false
            for node in nodes {
                defer {
                    if case .text = node { previousWasText = true } else { previousWasText = false }
                }
                switch node {
                case .text(let bytes):
                    // Text right after text of the same body (a partial's end and what follows
                    // it) becomes one run.
                    if previousWasText, case .text(let start, _)? = ops.last {
                        text.append(contentsOf: bytes)
                        ops[ops.count - 1] = .text(start: start, end: Int32(text.count))
                    } else {
                        let start = text.count
                        text.append(contentsOf: bytes)
                        ops.append(.text(start: Int32(start), end: Int32(text.count)))
                    }
                case .variable(let path, let escaped):
                    names.append(path)
                    ops.append(.variable(name: Int32(names.count - 1), escaped: escaped))
                case .section(let path, let inverted, let body):
                    names.append(path)
                    let name = Int32(names.count - 1)
                    let position = ops.count
                    ops.append(.section(name: name, inverted: inverted, end: 0))
                    flatten(body)
                    ops[position] = .section(name: name, inverted: inverted, end: Int32(ops.count))
                }
            }
        }
        flatten(nodes)
        self.ops = ops
        self.text = text
        self.names = names
        // How many sections are open at most at once: the context stack's size.
        var openSectionEnds: [Int32] = []
        var deepest = 0
        for (position, op) in ops.enumerated() {
            while let end = openSectionEnds.last, end <= position { openSectionEnds.removeLast() }
            if case .section(_, _, let end) = op {
                openSectionEnds.append(end)
                deepest = max(deepest, openSectionEnds.count)
            }
        }
        sectionDepth = deepest
    }

    /// Renders a view for a page in `language`; names no view object provides are collected in `unknown`.
    func render(_ view: ViewObject, language: Language, unknown: inout Set<String>) -> [UInt8] {
        var pages = Pages()
        render(view, into: &pages, targets: Targets(language), unknown: &unknown)
        return language == .chinese ? pages.chinese : pages.english
    }

    /// Renders a view's Chinese and English pages in one walk of the template.
    ///
    /// Why: the two pages of a batch differ only where a `.localized` text does, so both are
    /// written while the template is walked once: every name is looked up once, and a text the
    /// same in both is escaped once and its bytes copied. Where a section opens in one language
    /// only (a `.localized` text empty in the other), its body is written to that page alone.
    /// The bytes are those of `render(_:language:unknown:)` for each language; the tests hold
    /// both paths to swift-mustache.
    func renderBoth(_ view: ViewObject, unknown: inout Set<String>) -> (chinese: [UInt8], english: [UInt8]) {
        var pages = Pages()
        render(view, into: &pages, targets: .both, unknown: &unknown)
        return (pages.chinese, pages.english)
    }

    private func render(_ view: ViewObject, into pages: inout Pages, targets: Targets, unknown: inout Set<String>) {
        if targets.chinese { pages.chinese.reserveCapacity(32 * 1024) }
        if targets.english { pages.english.reserveCapacity(32 * 1024) }
        let root = ViewValue.object(view)
        // One context per open section, plus the root.
        let storage = UnsafeMutablePointer<Context>.allocate(capacity: sectionDepth + 1)
        defer { storage.deallocate() }
        var contexts = ContextStack(storage: storage)
        ops.withUnsafeBufferPointer { ops in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    withUnsafePointer(to: root) { root in
                        view.withFields { fields in
                            contexts.push(Context(value: root, fields: fields))
                            let program = Program(ops: ops, text: text, names: names)
                            program.run(0..<ops.count, targets, contexts: &contexts, into: &pages, unknown: &unknown)
                        }
                    }
                }
            }
        }
    }

    /// The pages a render writes, one per language; a page no target asks for stays empty.
    private struct Pages {
        var chinese: [UInt8] = []
        var english: [UInt8] = []
    }

    /// Which pages a stretch of the template is written to.
    private struct Targets: Equatable {
        var chinese: Bool
        var english: Bool

        static let both = Targets(chinese: true, english: true)

        init(chinese: Bool, english: Bool) {
            self.chinese = chinese
            self.english = english
        }

        init(_ language: Language) { self.init(chinese: language == .chinese, english: language == .english) }

        var isEmpty: Bool { !chinese && !english }

        /// The targets among these where `value` opens a section (or, `inverted`, where it does not).
        func opening(_ value: borrowing ViewValue, inverted: Bool) -> Targets {
            let closed = Targets(chinese: false, english: false)
            switch value {
            case .localized(let text):
                return Targets(chinese: chinese && text.zh.isEmpty == inverted, english: english && text.en.isEmpty == inverted)
            case .flag(let flag): return flag != inverted ? self : closed
            case .text(let text): return text.isEmpty == inverted ? self : closed
            case .list(let items): return items.isEmpty == inverted ? self : closed
            case .object, .time: return inverted ? closed : self
            }
        }
    }

    /// One open section's value: its address, and its fields borrowed when it is an object.
    private struct Context {
        let value: UnsafePointer<ViewValue>
        let fields: BorrowedViewFields?
    }

    /// The Mustache context stack, innermost last, as addresses of values the render borrows
    /// (the root view, a section's value, a list's items) in a buffer sized for the template's
    /// deepest nesting. A plain value: a lookup reads a copy of it while the section it finds
    /// pushes onto the original, whose pushes land beyond the copy's `count`.
    ///
    /// An object's fields are borrowed once, when its section opens: looking a name up through
    /// a `ViewValue` copied the object out of the enum (three retains and releases) at every
    /// level of the stack the lookup passed, for every tag of every page.
    private struct ContextStack {
        let storage: UnsafeMutablePointer<Context>
        private(set) var count = 0

        init(storage: UnsafeMutablePointer<Context>) { self.storage = storage }

        mutating func push(_ context: Context) {
            storage[count] = context
            count += 1
        }

        mutating func pop() { count -= 1 }

        var current: UnsafePointer<ViewValue> { storage[count - 1].value }

        /// The field `name` of the first context, innermost first, that has it; nil when none does.
        func field(_ name: ViewName) -> UnsafePointer<ViewValue>? {
            var depth = count
            while depth > 0 {
                depth -= 1
                if let value = storage[depth].fields?.field(name) { return value }
            }
            return nil
        }
    }

    /// The flattened template, borrowed for one render.
    ///
    /// Lookups hand the value's address to a closure (`withValue`) instead of returning a copy:
    /// copying retained and released the storage of each object and list a page reads on every
    /// lookup. A text's payload is still copied once where it is written out (Swift has no way
    /// to borrow it out of the enum); retain/release was 14% of a build before, 8% after
    /// (`perf record`, 20,000 batches).
    private struct Program {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Name>
        /// `TextEscaper.html`, read once per render: the global's accessor checked its lazy
        /// initialisation for every value written.
        let escaper = TextEscaper.html

        func run(
            _ range: Range<Int>, _ targets: Targets, contexts: inout ContextStack, into pages: inout Pages,
            unknown: inout Set<String>
        ) {
            var index = range.lowerBound
            while index < range.upperBound {
                switch ops[index] {
                case .text(let start, let end):
                    let run = UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)])
                    if targets.chinese { pages.chinese.append(contentsOf: run) }
                    if targets.english { pages.english.append(contentsOf: run) }
                    index += 1
                case .variable(let name, let escaped):
                    index += 1
                    let missing = withValue(Int(name), in: contexts) { value in
                        append(value.pointee, escaped: escaped, targets, to: &pages)
                    }
                    if let missing { unknown.insert(missing) }
                case .section(let name, let inverted, let end):
                    let body = index + 1..<Int(end)
                    index = Int(end)
                    let missing = withValue(Int(name), in: contexts) { value in
                        let opened = targets.opening(value.pointee, inverted: inverted)
                        guard !opened.isEmpty else { return }
                        if inverted { return run(body, opened, contexts: &contexts, into: &pages, unknown: &unknown) }
                        switch value.pointee {
                        case .flag:
                            run(body, opened, contexts: &contexts, into: &pages, unknown: &unknown)
                        case .text, .localized, .object, .time:
                            enter(value, body, opened, contexts: &contexts, into: &pages, unknown: &unknown)
                        case .list(let items):
                            items.withUnsafeBufferPointer { items in
                                for position in items.indices {
                                    enter(items.baseAddress! + position, body, opened, contexts: &contexts, into: &pages, unknown: &unknown)
                                }
                            }
                        }
                    }
                    if let missing {
                        unknown.insert(missing)
                        if inverted { run(body, targets, contexts: &contexts, into: &pages, unknown: &unknown) }
                    }
                }
            }
        }

        /// A variable's value, written to the target pages: a text the same in both languages is
        /// escaped once, and its bytes copied to the English page.
        private func append(_ value: borrowing ViewValue, escaped: Bool, _ targets: Targets, to pages: inout Pages) {
            func write(_ text: String, to output: inout [UInt8]) {
                if escaped { escaper.append(text, to: &output) } else { TextEscaper.appendVerbatim(text, to: &output) }
            }
            /// Writes what is the same in both languages once, copying its bytes when both pages take it.
            func writeShared(_ write: (inout [UInt8]) -> Void) {
                if targets == .both {
                    let start = pages.chinese.count
                    write(&pages.chinese)
                    pages.chinese.withUnsafeBufferPointer { written in
                        pages.english.append(contentsOf: UnsafeBufferPointer(rebasing: written[start...]))
                    }
                } else if targets.chinese {
                    write(&pages.chinese)
                } else if targets.english {
                    write(&pages.english)
                }
            }
            switch value {
            case .text(let text):
                writeShared { write(text, to: &$0) }
            case .time(let time, let style):
                // Digits and `-: +T`: nothing to escape.
                writeShared { style.append(time, to: &$0) }
            case .localized(let text):
                if targets.chinese { write(text.zh, to: &pages.chinese) }
                if targets.english { write(text.en, to: &pages.english) }
            case .flag(let flag):
                let word = flag ? "true" : "false"
                if targets.chinese { pages.chinese.append(contentsOf: word.utf8) }
                if targets.english { pages.english.append(contentsOf: word.utf8) }
            case .list, .object: break
            }
        }

        /// Renders `body` with `value` as the innermost context.
        private func enter(
            _ value: UnsafePointer<ViewValue>, _ body: Range<Int>, _ targets: Targets, contexts: inout ContextStack,
            into pages: inout Pages, unknown: inout Set<String>
        ) {
            value.pointee.withObjectFields { fields in
                contexts.push(Context(value: value, fields: fields))
                run(body, targets, contexts: &contexts, into: &pages, unknown: &unknown)
                contexts.pop()
            }
        }

        /// Mustache name resolution: `.` is the current context; the first part of a dotted name
        /// is looked up from the innermost context outwards, the rest inside what it found.
        /// Calls `found` with the value's address.
        ///
        /// - Returns: nil when found; otherwise the part of the name no context provides.
        private func withValue(_ position: Int, in contexts: ContextStack, _ found: (UnsafePointer<ViewValue>) -> Void) -> String? {
            // Read in place: a copy of the name retained its text and its parts.
            let name = names.baseAddress! + position
            if name.pointee.isCurrent {
                found(contexts.current)
                return nil
            }
            guard let first = contexts.field(name.pointee.first) else { return name.pointee.first.text }
            if name.pointee.rest.isEmpty {
                found(first)
                return nil
            }
            return Self.withValue(of: name.pointee.rest[...], in: first, found)
        }

        /// The value at `parts` inside `value`, handed to `found`; the part it lacks otherwise.
        private static func withValue(
            of parts: ArraySlice<ViewName>, in value: UnsafePointer<ViewValue>, _ found: (UnsafePointer<ViewValue>) -> Void
        ) -> String? {
            guard let part = parts.first else {
                found(value)
                return nil
            }
            var missing: String? = part.text
            value.pointee.withObjectFields { fields in
                guard let next = fields?.field(part) else { return }
                missing = withValue(of: parts.dropFirst(), in: next, found)
            }
            return missing
        }
    }
}

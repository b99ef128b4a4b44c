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
    }

    /// Renders a view; names no view object provides are collected in `unknown`.
    func render(_ view: ViewObject, unknown: inout Set<String>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        let root = ViewValue.object(view)
        var contexts = ContextStack()
        ops.withUnsafeBufferPointer { ops in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    withUnsafePointer(to: root) { root in
                        contexts.push(root)
                        let program = Program(ops: ops, text: text, names: names)
                        program.run(0..<ops.count, contexts: &contexts, into: &output, unknown: &unknown)
                    }
                }
            }
        }
        return output
    }

    /// The Mustache context stack, innermost last, as pointers to values the render already
    /// holds (the root view, a section's value, a list's items): pushing a copy of each list
    /// item retained and released its storage for every row, and every lookup walks this stack.
    private struct ContextStack {
        private var pointers: [UnsafePointer<ViewValue>] = []

        init() { pointers.reserveCapacity(16) }

        mutating func push(_ value: UnsafePointer<ViewValue>) { pointers.append(value) }
        mutating func pop() { pointers.removeLast() }

        var current: ViewValue? { pointers.last?.pointee }

        /// The first context, innermost first, that has `name`.
        func field(_ name: ViewName) -> ViewValue? {
            var depth = pointers.count
            while depth > 0 {
                depth -= 1
                if let value = pointers[depth].pointee.field(name) { return value }
            }
            return nil
        }
    }

    /// The flattened template, borrowed for one render.
    private struct Program {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Name>

        func run(_ range: Range<Int>, contexts: inout ContextStack, into output: inout [UInt8], unknown: inout Set<String>) {
            var index = range.lowerBound
            while index < range.upperBound {
                switch ops[index] {
                case .text(let start, let end):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]))
                    index += 1
                case .variable(let name, let escaped):
                    index += 1
                    guard let value = lookup(Int(name), in: contexts, unknown: &unknown) else { continue }
                    switch value {
                    case .text(var text):
                        if escaped { appendEscaped(text, to: &output) } else { text.withUTF8 { output.append(contentsOf: $0) } }
                    case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                    case .list, .object: break
                    }
                case .section(let name, let inverted, let end):
                    let body = index + 1..<Int(end)
                    index = Int(end)
                    guard let value = lookup(Int(name), in: contexts, unknown: &unknown) else {
                        if inverted { run(body, contexts: &contexts, into: &output, unknown: &unknown) }
                        continue
                    }
                    if inverted {
                        if isFalsy(value) { run(body, contexts: &contexts, into: &output, unknown: &unknown) }
                        continue
                    }
                    switch value {
                    case .flag(let flag):
                        if flag { run(body, contexts: &contexts, into: &output, unknown: &unknown) }
                    case .text(let text):
                        guard !text.isEmpty else { continue }
                        enter(value, body, contexts: &contexts, into: &output, unknown: &unknown)
                    case .object:
                        enter(value, body, contexts: &contexts, into: &output, unknown: &unknown)
                    case .list(let items):
                        items.withUnsafeBufferPointer { items in
                            for position in items.indices {
                                contexts.push(items.baseAddress! + position)
                                run(body, contexts: &contexts, into: &output, unknown: &unknown)
                                contexts.pop()
                            }
                        }
                    }
                }
            }
        }

        /// Renders `body` with `value` as the innermost context.
        private func enter(
            _ value: ViewValue, _ body: Range<Int>, contexts: inout ContextStack, into output: inout [UInt8], unknown: inout Set<String>
        ) {
            withUnsafePointer(to: value) { value in
                contexts.push(value)
                run(body, contexts: &contexts, into: &output, unknown: &unknown)
                contexts.pop()
            }
        }

        /// Mustache name resolution: `.` is the current context; the first part of a dotted name
        /// is looked up from the innermost context outwards, the rest inside what it found.
        private func lookup(_ position: Int, in contexts: ContextStack, unknown: inout Set<String>) -> ViewValue? {
            let name = names[position]
            if name.isCurrent { return contexts.current }
            guard var value = contexts.field(name.first) else {
                unknown.insert(name.first.text)
                return nil
            }
            for part in name.rest {
                guard let next = value.field(part) else {
                    unknown.insert(part.text)
                    return nil
                }
                value = next
            }
            return value
        }
    }

    private static func isFalsy(_ value: ViewValue?) -> Bool {
        switch value {
        case .none: true
        case .flag(let flag)?: !flag
        case .text(let text)?: text.isEmpty
        case .list(let items)?: items.isEmpty
        case .object?: false
        }
    }

    /// The same five characters swift-mustache's HTML escaping replaces.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) { TextEscaper.html.append(text, to: &output) }
}

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

    let nodes: [Node]

    /// Renders a view; names no view object provides are collected in `unknown`.
    func render(_ view: ViewObject, unknown: inout Set<String>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        var stack: [ViewValue] = [.object(view)]
        Self.render(nodes, stack: &stack, into: &output, unknown: &unknown)
        return output
    }

    private static func render(_ nodes: [Node], stack: inout [ViewValue], into output: inout [UInt8], unknown: inout Set<String>) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                guard let value = lookup(path, in: stack, unknown: &unknown) else { continue }
                switch value {
                case .text(var text):
                    if escaped { appendEscaped(text, to: &output) } else { text.withUTF8 { output.append(contentsOf: $0) } }
                case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list, .object: break
                }
            case .section(let path, let inverted, let body):
                let value = lookup(path, in: stack, unknown: &unknown)
                if inverted {
                    if isFalsy(value) { render(body, stack: &stack, into: &output, unknown: &unknown) }
                    continue
                }
                switch value {
                case .none: break
                case .flag(let flag)?:
                    if flag { render(body, stack: &stack, into: &output, unknown: &unknown) }
                case .text(let text)?:
                    guard !text.isEmpty else { continue }
                    stack.append(.text(text))
                    render(body, stack: &stack, into: &output, unknown: &unknown)
                    stack.removeLast()
                case .object(let object)?:
                    stack.append(.object(object))
                    render(body, stack: &stack, into: &output, unknown: &unknown)
                    stack.removeLast()
                case .list(let items)?:
                    for item in items {
                        stack.append(item)
                        render(body, stack: &stack, into: &output, unknown: &unknown)
                        stack.removeLast()
                    }
                }
            }
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

    /// Mustache name resolution: `.` is the current context; the first part of a dotted name is
    /// looked up from the innermost context outwards, the rest inside what it found.
    private static func lookup(_ name: Name, in stack: [ViewValue], unknown: inout Set<String>) -> ViewValue? {
        if name.isCurrent { return stack.last }
        var found: ViewValue?
        var depth = stack.count
        while depth > 0 {
            depth -= 1
            if case .object(let object) = stack[depth], let value = object[name.first] {
                found = value
                break
            }
        }
        guard var value = found else {
            unknown.insert(name.first.text)
            return nil
        }
        for part in name.rest {
            guard case .object(let object) = value, let next = object[part] else {
                unknown.insert(part.text)
                return nil
            }
            value = next
        }
        return value
    }

    /// The same five characters swift-mustache's HTML escaping replaces.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        // Scanned as one contiguous buffer: iterating `String.UTF8View` byte by byte was 2% of a
        // 100,000-batch build on its own. All five characters are below 0x40, so one shift of a
        // 64-bit mask tells whether a byte needs escaping; the text between them is copied in runs.
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for position in bytes.indices {
                let byte = bytes[position]
                guard byte < 0x40, (specialBytes >> UInt64(byte)) & 1 != 0 else { continue }
                if runStart < position { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
                switch byte {
                case UInt8(ascii: "<"): output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
                case UInt8(ascii: ">"): output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])
                case UInt8(ascii: "&"): output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
                case UInt8(ascii: "\""): output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
                default: output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // '
                }
                runStart = position + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
    }

    /// Bit n is set when byte n (< 0x40) is one of `" & ' < >`.
    private static let specialBytes: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
}

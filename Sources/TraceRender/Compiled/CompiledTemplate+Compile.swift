extension CompiledTemplate {
    /// Why a template was left to swift-mustache instead of being compiled.
    struct Unsupported: Error {
        let reason: String
    }

    private enum Token {
        case text([UInt8])
        case tag(kind: UInt8, name: String)  // kind: 0 variable, '{' or '&' raw, '#', '^', '/', '>', '!'
    }

    /// Compiles `name` with its partials inlined.
    ///
    /// - Throws: `Unsupported` for features this compiler leaves to swift-mustache (set
    ///   delimiters, inheritance, indented standalone partials, deep partial recursion).
    static func compile(_ name: String, sources: [String: String], depth: Int = 0) throws(Unsupported) -> CompiledTemplate {
        guard depth < 16 else { throw Unsupported(reason: "partials nested more than 16 deep") }
        guard let source = sources[name] else { throw Unsupported(reason: "no template \(name)") }
        let tokens = try standalone(tokenize(Array(source.utf8)))
        var stack: [(path: Name, inverted: Bool, nodes: [Node])] = [(Name(""), false, [])]
        for token in tokens {
            switch token {
            case .text(let bytes):
                if !bytes.isEmpty { stack[stack.count - 1].nodes.append(.text(bytes)) }
            case .tag(let kind, let tagName):
                switch kind {
                case UInt8(ascii: "!"): continue
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    stack.append((path(tagName), kind == UInt8(ascii: "^"), []))
                case UInt8(ascii: "/"):
                    guard stack.count > 1, stack.last!.path == path(tagName) else { throw Unsupported(reason: "unbalanced section \(tagName)") }
                    let section = stack.removeLast()
                    stack[stack.count - 1].nodes.append(.section(path: section.path, inverted: section.inverted, body: section.nodes))
                case UInt8(ascii: ">"):
                    let partial = try compile(tagName, sources: sources, depth: depth + 1)
                    stack[stack.count - 1].nodes.append(contentsOf: partial.nodes)
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    stack[stack.count - 1].nodes.append(.variable(path: path(tagName), escaped: false))
                default:
                    stack[stack.count - 1].nodes.append(.variable(path: path(tagName), escaped: true))
                }
            }
        }
        guard stack.count == 1 else { throw Unsupported(reason: "unclosed section") }
        return CompiledTemplate(nodes: stack[0].nodes)
    }

    private static func path(_ name: String) -> Name { Name(name) }

    private static func tokenize(_ bytes: [UInt8]) throws(Unsupported) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var textStart = 0
        let open: (UInt8, UInt8) = (UInt8(ascii: "{"), UInt8(ascii: "{"))
        while index + 1 < bytes.count {
            guard bytes[index] == open.0, bytes[index + 1] == open.1 else {
                index += 1
                continue
            }
            tokens.append(.text(Array(bytes[textStart..<index])))
            var cursor = index + 2
            var kind: UInt8 = 0
            var closing: [UInt8] = Array("}}".utf8)
            if cursor < bytes.count {
                switch bytes[cursor] {
                case UInt8(ascii: "{"):
                    kind = UInt8(ascii: "{")
                    closing = Array("}}}".utf8)
                    cursor += 1
                case UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "!"):
                    kind = bytes[cursor]
                    cursor += 1
                case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "%"):
                    throw Unsupported(reason: "tag {{\(Character(Unicode.Scalar(bytes[cursor])))")
                default: break
                }
            }
            guard let end = find(closing, in: bytes, from: cursor) else { throw Unsupported(reason: "unclosed tag") }
            let name = String(decoding: bytes[cursor..<end], as: UTF8.self).trimmingWhitespace()
            if name.contains("|") || name.contains("(") { throw Unsupported(reason: "transforms") }
            tokens.append(.tag(kind: kind, name: name))
            index = end + closing.count
            textStart = index
        }
        tokens.append(.text(Array(bytes[textStart...])))
        return tokens
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// Removes the lines of standalone section, inverted, closing, comment and partial tags, as
    /// the Mustache spec (and swift-mustache) do: a tag alone on its line leaves no blank line.
    private static func standalone(_ tokens: [Token]) throws(Unsupported) -> [Token] {
        // Decide on the original texts first, then cut: one text can end one standalone line and
        // start the next, so cutting as we go would hide the second line's start.
        var dropPrefix = [Int](repeating: 0, count: tokens.count)
        var keepUntil = tokens.map { token -> Int in
            if case .text(let bytes) = token { return bytes.count }
            return 0
        }
        for index in tokens.indices {
            guard case .tag(let kind, _) = tokens[index], kind != 0, kind != UInt8(ascii: "{"), kind != UInt8(ascii: "&") else { continue }
            // Tokens alternate text, tag, text…, so neighbours are text.
            guard case .text(let before) = tokens[index - 1], case .text(let after) = tokens[index + 1] else { continue }
            let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            let atLineStart = before.lastIndex(of: 0x0A) != nil || index - 1 == 0
            guard atLineStart, before[lineStart...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
            let lineEnd = after.firstIndex(of: 0x0A)
            let atLineEnd = lineEnd != nil || index + 1 == tokens.count - 1
            let trailing = after[..<(lineEnd ?? after.count)]
            guard atLineEnd, trailing.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
            if kind == UInt8(ascii: ">") && lineStart < before.count { throw Unsupported(reason: "indented standalone partial") }
            keepUntil[index - 1] = min(keepUntil[index - 1], lineStart)
            dropPrefix[index + 1] = max(dropPrefix[index + 1], lineEnd.map { $0 + 1 } ?? after.count)
        }
        return tokens.indices.map { index in
            guard case .text(let bytes) = tokens[index] else { return tokens[index] }
            let from = dropPrefix[index]
            let to = keepUntil[index]
            return .text(from < to ? Array(bytes[from..<to]) : [])
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}

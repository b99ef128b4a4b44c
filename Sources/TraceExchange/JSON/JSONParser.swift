/// A JSON (RFC 8259) parser over UTF-8 bytes that builds `JSONValue` directly.
///
/// Written here because the alternatives fall short for documents of a few hundred megabytes:
/// decoding `JSONValue` through `JSONDecoder` tries each kind in turn and throws on every miss
/// (about a fifth of an import's time), `JSONSerialization` blurs booleans and numbers and held
/// 2.5× more memory, and neither says where a syntax error is in lines and columns.
struct JSONParser {
    /// A syntax error with its place.
    struct SyntaxError: Error {
        let line: Int
        let column: Int
        let message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Member paths whose arrays are not built but listed as element byte ranges (see `parse(_:deferring:)`).
    private var deferredPaths: [[String]] = []
    private var path: [String] = []
    private var deferred: [[String]: [Range<Int>]] = [:]

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a whole document (a UTF-8 byte-order mark is skipped).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try parse(bytes, deferring: []).value
    }

    /// Parses a document but leaves the arrays at the given member paths (e.g. `epcisBody` →
    /// `eventList`) unbuilt: they appear empty in the tree, and the byte range of each element is
    /// returned, to be parsed one at a time with `parse(_:range:)`. A document of a few hundred
    /// megabytes then never exists as one tree.
    static func parse(_ bytes: [UInt8], deferring paths: [[String]]) throws(SyntaxError) -> (value: JSONValue, deferred: [[String]: [Range<Int>]]) {
        var parser = JSONParser(bytes)
        parser.deferredPaths = paths
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the document") }
        return (value, parser.deferred)
    }

    /// Parses one value that fills `range` of `bytes`; errors name lines and columns of the whole.
    static func parse(_ bytes: [UInt8], range: Range<Int>) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.index = range.lowerBound
        let value = try parser.value()
        guard parser.index == range.upperBound else { throw parser.error("unexpected text after a value") }
        return value
    }

    /// Finds the end of the value at `index` without building it; full checks come when the
    /// element is parsed.
    private mutating func skipValue() throws(SyntaxError) {
        skipWhitespace()
        var nesting = 0
        repeat {
            guard index < bytes.count else { throw error("the document ends inside a value") }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while true {
                    guard index < bytes.count else { throw error("a string is never closed") }
                    if bytes[index] == UInt8(ascii: "\\") {
                        index += 2
                    } else if bytes[index] == UInt8(ascii: "\"") {
                        index += 1
                        break
                    } else {
                        index += 1
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                nesting += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                nesting -= 1
                index += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"), 0x20, 0x0A, 0x0D, 0x09:
                if nesting == 0 { return }
                index += 1
            default:
                index += 1
            }
        } while nesting > 0
    }

    /// Lists the element ranges of the array at `index`.
    private mutating func deferArray(at memberPath: [String]) throws(SyntaxError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            _ = try value()  // not an array: the reader reports its kind
            return
        }
        var ranges: [Range<Int>] = []
        try forEachItem(closing: UInt8(ascii: "]"), in: "an array") { (parser: inout JSONParser) throws(SyntaxError) in
            parser.skipWhitespace()
            let start = parser.index
            try parser.skipValue()
            ranges.append(start..<parser.index)
        }
        deferred[memberPath] = ranges
    }

    /// Steps through the items of the object or array whose opening bracket is at `index`:
    /// `item` reads one, this consumes the commas and the closing bracket.
    private mutating func forEachItem(
        closing: UInt8, in container: String, _ item: (inout JSONParser) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            return
        }
        while true {
            try item(&self)
            skipWhitespace()
            guard index < bytes.count else { throw error("the document ends inside \(container)") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == closing {
                index += 1
                return
            } else {
                throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))' in \(container)")
            }
        }
    }

    private func error(_ message: String) -> SyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SyntaxError(line: line, column: column, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private mutating func value() throws(SyntaxError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("the document ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw error("unexpected text (expected \(word))")
        }
        index += utf8.count
        return value
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > 256 { throw error("nested more than 256 levels deep") }
    }

    private mutating func object() throws(SyntaxError) -> JSONValue {
        try enter()
        var members: [String: JSONValue] = [:]
        try forEachItem(closing: UInt8(ascii: "}"), in: "an object") { (parser: inout JSONParser) throws(SyntaxError) in
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
                throw parser.error("expected a member name in quotes")
            }
            let key = try parser.string()
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else {
                throw parser.error("expected ':' after a member name")
            }
            parser.index += 1
            parser.path.append(key)
            if !parser.deferredPaths.isEmpty && parser.deferredPaths.contains(parser.path) {
                try parser.deferArray(at: parser.path)
                members[key] = .array([])
            } else {
                members[key] = try parser.value()
            }
            parser.path.removeLast()
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(SyntaxError) -> JSONValue {
        try enter()
        var items: [JSONValue] = []
        try forEachItem(closing: UInt8(ascii: "]"), in: "an array") { (parser: inout JSONParser) throws(SyntaxError) in
            items.append(try parser.value())
        }
        depth -= 1
        return .array(items)
    }

    private mutating func number() throws(SyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        let integer = digits()
        guard integer > 0 else { throw error("a number needs digits") }
        if integer > 1 && bytes[index - integer] == UInt8(ascii: "0") { throw error("a number may not start with 0") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("a number needs digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("a number needs digits in its exponent") }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw error("not a number") }
        return .number(value)
    }

    private mutating func string() throws(SyntaxError) -> String {
        index += 1
        var buffer: [UInt8] = []
        var start = index
        while true {
            guard index < bytes.count else { throw error("a string is never closed") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                buffer += bytes[start..<index]
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw error("a string is not valid UTF-8") }
                return text
            }
            if byte < 0x20 { throw error("a control character inside a string must be escaped") }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            buffer += bytes[start..<index]
            index += 1
            guard index < bytes.count else { throw error("a string is never closed") }
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("a \\u escape starts a surrogate pair that does not continue")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("a \\u surrogate pair is broken") }
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("a \\u escape is not a character") }
                buffer += Array(String(Character(unicode)).utf8)
            default: throw error("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
            }
            start = index
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw error("a \\u escape needs four hex digits")
        }
        index += 4
        return value
    }
}

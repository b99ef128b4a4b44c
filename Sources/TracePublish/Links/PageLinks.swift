/// The links a page or stylesheet makes and the ids it has: what a link check follows.
///
/// Read by hand from the bytes: no HTML parser is among the packages this project can use, and
/// a link check needs only start tags and their attributes (no tree, no error recovery beyond
/// skipping what is not a tag). Comments, and the text of `script` and `style` elements, are
/// skipped as a browser skips them; character references in attribute values are decoded.
public struct PageLinks: Sendable, Equatable {
    /// A URL as the page writes it (references decoded), and where.
    public struct Link: Sendable, Equatable {
        public var url: String
        /// The tag and attribute it came from, e.g. `img src`.
        public var source: String
        /// Only an absolute URL into the site is a link here (a `meta` tag's `content`, such as
        /// `og:url`): other values of that attribute are not URLs.
        public var onlyIfAbsolute: Bool
    }

    public private(set) var links: [Link] = []
    /// Every `id` (and `a name`) the page has: what `#fragment` links may name.
    public private(set) var ids: Set<String> = []
    /// The page's `<base href>`, the first one, as HTML reads it: relative links are resolved
    /// from it instead of from the page.
    public private(set) var base: String?

    /// The links of an HTML page.
    public init(html bytes: [UInt8]) {
        var scanner = TagScanner(bytes)
        while let tag = scanner.nextStartTag() {
            for (name, value) in tag.attributes {
                switch name {
                case "id": ids.insert(value)
                case "name" where tag.name == "a": ids.insert(value)
                case "href" where tag.name == "base":
                    if base == nil { base = value }
                case "href", "src", "poster", "action", "data", "cite":
                    links.append(Link(url: value, source: "\(tag.name) \(name)", onlyIfAbsolute: false))
                case "srcset", "imagesrcset":
                    // Candidates are `url [descriptor]`, separated by commas.
                    for candidate in value.split(separator: ",") {
                        guard let url = candidate.split(whereSeparator: \.isWhitespace).first else { continue }
                        links.append(Link(url: String(url), source: "\(tag.name) \(name)", onlyIfAbsolute: false))
                    }
                case "content" where tag.name == "meta":
                    links.append(Link(url: value, source: "meta content", onlyIfAbsolute: true))
                default: break
                }
            }
        }
    }

    /// The links of a stylesheet: `url(…)` and `@import "…"`.
    public init(css bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for (marker, source) in [("url(", "url()"), ("@import", "@import")] {
            for start in Self.ranges(of: marker, in: text) {
                var rest = text[start...].trimmingASCIISpaces()
                let url: Substring
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    rest = rest.dropFirst()
                    guard let end = rest.firstIndex(of: quote) else { continue }
                    url = rest[..<end]
                } else {
                    // Unquoted: `url(x)`; an `@import url(x)` is found as a `url(` too.
                    guard marker == "url(", let end = rest.firstIndex(of: ")") else { continue }
                    url = rest[..<end].trimmingASCIISpaces()
                }
                if !url.hasPrefix("data:") { links.append(Link(url: String(url), source: source, onlyIfAbsolute: false)) }
            }
        }
    }

    /// Where each occurrence of `marker` ends in `text`.
    private static func ranges(of marker: String, in text: String) -> [String.Index] {
        let needle = Array(marker.utf8)
        let utf8 = text.utf8
        var ends: [String.Index] = []
        var index = utf8.startIndex
        while let found = utf8[index...].firstIndex(of: needle[0]) {
            let end = utf8.index(found, offsetBy: needle.count, limitedBy: utf8.endIndex) ?? utf8.endIndex
            if utf8[found..<end].elementsEqual(needle) { ends.append(end) }
            index = utf8.index(after: found)
        }
        return ends
    }
}

/// A start tag: lower-cased name and attributes in order.
struct StartTag {
    var name: String
    var attributes: [(name: String, value: String)]
}

/// Walks HTML bytes from start tag to start tag.
struct TagScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next start tag, or nil at the end.
    mutating func nextStartTag() -> StartTag? {
        while let open = find(UInt8(ascii: "<"), from: position) {
            position = open + 1
            if starts(with: "!--", at: position) {
                position = find("-->", from: position + 3).map { $0 + 3 } ?? bytes.count
                continue
            }
            guard position < bytes.count, isLetter(bytes[position]) else {
                // An end tag, a doctype or a stray `<`: nothing to read in it.
                continue
            }
            let nameStart = position
            while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "/") {
                position += 1
            }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
            let attributes = readAttributes()
            if name == "script" || name == "style" || name == "textarea" || name == "title" {
                // Raw text: a `<` inside is not a tag.
                position = findCaseInsensitive("</" + name, from: position) ?? bytes.count
            }
            return StartTag(name: name, attributes: attributes)
        }
        position = bytes.count
        return nil
    }

    private mutating func readAttributes() -> [(name: String, value: String)] {
        var attributes: [(name: String, value: String)] = []
        while position < bytes.count {
            while position < bytes.count, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1 }
            guard position < bytes.count, bytes[position] != UInt8(ascii: ">") else { break }
            let nameStart = position
            while position < bytes.count, !isSpace(bytes[position]),
                bytes[position] != UInt8(ascii: "="), bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "/")
            {
                position += 1
            }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                attributes.append((name, ""))
                continue
            }
            position += 1
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            let value: ArraySlice<UInt8>
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                let quote = bytes[position]
                let end = find(quote, from: position + 1) ?? bytes.count
                value = bytes[(position + 1)..<end]
                position = min(end + 1, bytes.count)
            } else {
                let start = position
                while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                value = bytes[start..<position]
            }
            attributes.append((name, CharacterReferences.decode(value)))
        }
        if position < bytes.count { position += 1 }  // the `>`
        return attributes
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    private func find(_ text: String, from start: Int) -> Int? {
        let needle = Array(text.utf8)
        var index = start
        while let candidate = find(needle[0], from: index) {
            if starts(with: text, at: candidate) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    private func findCaseInsensitive(_ text: String, from start: Int) -> Int? {
        let needle = Array(text.lowercased().utf8)
        var index = start
        while let candidate = find(needle[0], from: index) {
            if candidate + needle.count <= bytes.count,
                zip(bytes[candidate..<(candidate + needle.count)], needle).allSatisfy({ lowercase($0) == $1 })
            {
                return candidate
            }
            index = candidate + 1
        }
        return nil
    }

    private func starts(with text: String, at start: Int) -> Bool {
        let needle = Array(text.utf8)
        return start + needle.count <= bytes.count && bytes[start..<(start + needle.count)].elementsEqual(needle)
    }

    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
    private func lowercase(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}

/// HTML character references in attribute values: numeric ones and the named ones an escaper
/// writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`); any other is left as written.
enum CharacterReferences {
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";"),
                let character = character(named: rest[afterAmpersand..<semicolon])
            else {
                result.append("&")
                rest = rest[afterAmpersand...]
                continue
            }
            result.append(character)
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func character(named name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\n" || first == "\r" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\n" || last == "\r" { text = text.dropLast() }
        return text
    }
}

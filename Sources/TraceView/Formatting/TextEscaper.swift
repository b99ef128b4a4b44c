/// Copies UTF-8 text into a document, replacing the bytes its format reserves: one escaper each
/// for HTML, XML and JSON, so the three share one scanning loop.
///
/// Why by hand: a page escapes hundreds of values and a build writes millions of them. The loop
/// runs over the string's contiguous UTF-8 (iterating `String.UTF8View` byte by byte was 2–3% of
/// a build), tests each byte against a 64-bit mask (every reserved byte but JSON's backslash is
/// below 0x40) and copies the text between reserved bytes in runs.
public struct TextEscaper: Sendable {
    // Readable from inlined code: `append` runs for every value of every page, and inlined into
    // the template renderer it stays as fast as the loop it replaced there.
    /// Bit n is set when byte n (below 0x40) is reserved.
    @usableFromInline let reservedBelow40: UInt64
    /// The one reserved byte at or above 0x40, if any.
    @usableFromInline let reservedAbove40: UInt8?
    /// What a reserved byte is written as.
    @usableFromInline let replacement: @Sendable (UInt8) -> [UInt8]

    init(reserving bytes: [UInt8], replacement: @escaping @Sendable (UInt8) -> [UInt8]) {
        let above = bytes.filter { $0 >= 0x40 }
        precondition(above.count <= 1, "at most one reserved byte at or above 0x40")
        reservedBelow40 = bytes.filter { $0 < 0x40 }.reduce(0) { $0 | 1 << UInt64($1) }
        reservedAbove40 = above.first
        self.replacement = replacement
    }

    /// The same five characters swift-mustache's HTML escaping replaces, the same way.
    public static let html = markup(apostrophe: "&#39;")

    /// XML's five predefined entities.
    public static let xml = markup(apostrophe: "&apos;")

    /// HTML and XML differ only in how they write an apostrophe.
    private static func markup(apostrophe: String) -> TextEscaper {
        TextEscaper(reserving: Array("<>&\"'".utf8)) { byte in
            switch byte {
            case UInt8(ascii: "<"): Array("&lt;".utf8)
            case UInt8(ascii: ">"): Array("&gt;".utf8)
            case UInt8(ascii: "&"): Array("&amp;".utf8)
            case UInt8(ascii: "\""): Array("&quot;".utf8)
            default: Array(apostrophe.utf8)
            }
        }
    }

    /// Inside a JSON string: control characters, `"` and `\`, and `<`, so a document can never
    /// close a `<script>` block it is embedded in.
    public static let json = TextEscaper(reserving: Array(0..<0x20) + Array("\"\\<".utf8)) { byte in
        let hex = Array("0123456789abcdef".utf8)
        return switch byte {
        case UInt8(ascii: "\""): [0x5C, 0x22]
        case UInt8(ascii: "\\"): [0x5C, 0x5C]
        case 0x0A: [0x5C, UInt8(ascii: "n")]
        case 0x0D: [0x5C, UInt8(ascii: "r")]
        case 0x09: [0x5C, UInt8(ascii: "t")]
        default: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
    }

    /// Appends `text` with its reserved bytes replaced.
    @inlinable
    public func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for position in utf8.indices {
                let byte = utf8[position]
                let reserved = byte < 0x40 ? (reservedBelow40 >> UInt64(byte)) & 1 != 0 : byte == reservedAbove40
                guard reserved else { continue }
                if runStart < position { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position])) }
                output.append(contentsOf: replacement(byte))
                runStart = position + 1
            }
            if runStart < utf8.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }

    /// `text` with its reserved bytes replaced.
    public func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

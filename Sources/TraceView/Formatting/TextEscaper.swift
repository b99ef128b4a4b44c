/// Copies UTF-8 text into a document, replacing the bytes its format reserves: one escaper each
/// for HTML, XML and JSON, so the three share one scanning loop.
///
/// Why by hand: a page escapes hundreds of values and a build writes millions of them. The loop
/// runs over the string's contiguous UTF-8 (iterating `String.UTF8View` byte by byte was 2–3% of
/// a build), tests each byte against a 64-bit mask (every reserved byte but JSON's backslash is
/// below 0x40) and copies the text between reserved bytes in runs.
public struct TextEscaper: Sendable {
    // Readable from inlined code: `append` runs for every value of every page, and inlined into
    // the template renderer it stays as fast as the loop it replaced there. Plain values only
    // (no closure): the escaper is loaded for every value written, and a closure's context was
    // retained and released each time.
    /// Bit n is set when byte n (below 0x40) is reserved.
    @usableFromInline let reservedBelow40: UInt64
    /// The one reserved byte at or above 0x40, or 0 when there is none (0 is below 0x40, so it
    /// never matches there). Not an optional: comparing every byte of Chinese text against an
    /// optional cost more than the test itself.
    @usableFromInline let reservedAbove40: UInt8
    /// Which format's replacements apply.
    @usableFromInline let format: Format

    @usableFromInline enum Format: Sendable {
        case html, xml, json
    }

    private init(reserving bytes: [UInt8], format: Format) {
        let above = bytes.filter { $0 >= 0x40 }
        precondition(above.count <= 1, "at most one reserved byte at or above 0x40")
        reservedBelow40 = bytes.filter { $0 < 0x40 }.reduce(0) { $0 | 1 << UInt64($1) }
        reservedAbove40 = above.first ?? 0
        self.format = format
    }

    /// The same five characters swift-mustache's HTML escaping replaces, the same way.
    public static let html = TextEscaper(reserving: Array("<>&\"'".utf8), format: .html)

    /// XML's five predefined entities.
    public static let xml = TextEscaper(reserving: Array("<>&\"'".utf8), format: .xml)

    /// Inside a JSON string: control characters, `"` and `\`, and `<`, so a document can never
    /// close a `<script>` block it is embedded in.
    public static let json = TextEscaper(reserving: Array(0..<0x20) + Array("\"\\<".utf8), format: .json)

    /// What a reserved byte is written as.
    @usableFromInline
    func appendReplacement(of byte: UInt8, to output: inout [UInt8]) {
        switch format {
        case .html, .xml:
            switch byte {
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            default: output.append(contentsOf: (format == .html ? "&#39;" : "&apos;").utf8)
            }
        case .json:
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: "\\u00".utf8)
                output.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
    }

    /// Appends `text` as it is: its UTF-8 bytes, read in place.
    @inlinable
    public static func appendVerbatim(_ text: String, to output: inout [UInt8]) {
        withUTF8(of: text) { output.append(contentsOf: $0) }
    }

    /// Calls `body` with the text's UTF-8 bytes, in place where the string is stored contiguously
    /// (every native string): `var copy = text; copy.withUTF8` retained and released each
    /// string it read, and a page reads hundreds.
    @inlinable
    static func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) != nil { return }
        var copy = text
        copy.withUTF8(body)
    }

    /// Appends `text` with its reserved bytes replaced.
    @inlinable
    public func append(_ text: String, to output: inout [UInt8]) {
        Self.withUTF8(of: text) { utf8 in
            var runStart = 0
            for position in utf8.indices {
                let byte = utf8[position]
                let reserved = byte < 0x40 ? (reservedBelow40 >> UInt64(byte)) & 1 != 0 : byte == reservedAbove40
                guard reserved else { continue }
                if runStart < position { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position])) }
                appendReplacement(of: byte, to: &output)
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

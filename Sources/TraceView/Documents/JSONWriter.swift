import TraceModel

/// Writes compact JSON straight into bytes, keys in the order given.
///
/// Why by hand: `JSONEncoder` costs about 50–100 µs per document through `Codable`, and a build
/// writes two documents per batch (100,000+ batches); this writes in a few microseconds and the
/// key order is exactly what the code says, so output is byte-for-byte deterministic.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Bit n: the container at depth n already has a member, so the next one needs a comma.
    /// A bit stack instead of a `[Bool]`: no allocation, and no uniqueness check on each member.
    private var hasMember: UInt64 = 0
    private var depth = 0

    public init() { bytes.reserveCapacity(2048) }

    private mutating func separate() {
        let bit: UInt64 = 1 << UInt64(depth)
        if hasMember & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        hasMember |= bit
    }

    private mutating func key(_ name: String?) {
        separate()
        if let name {
            appendString(name)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Ends the document with a line feed.
    public mutating func newline() { bytes.append(0x0A) }

    /// `{ … }`, optionally as the value of `name` in the enclosing object.
    public mutating func object(_ name: String? = nil, _ body: (inout JSONWriter) -> Void) {
        container(name, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// `[ … ]`.
    public mutating func array(_ name: String? = nil, _ body: (inout JSONWriter) -> Void) {
        container(name, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    private mutating func container(_ name: String?, open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        key(name)
        bytes.append(open)
        depth += 1
        precondition(depth < 64, "JSON nested deeper than 63 containers")
        hasMember &= ~(1 << UInt64(depth))
        body(&self)
        depth -= 1
        bytes.append(close)
    }

    /// A string member, or nothing when `value` is nil.
    public mutating func string(_ name: String? = nil, _ value: String?) {
        guard let value else { return }
        key(name)
        appendString(value)
    }

    /// A number written as `formatNumber` prints it (no exponent), or nothing when nil.
    public mutating func number(_ name: String? = nil, _ value: Double?) {
        guard let value, value.isFinite else { return }
        key(name)
        bytes.append(contentsOf: formatNumber(value).utf8)
    }

    public mutating func integer(_ name: String? = nil, _ value: Int?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ name: String? = nil, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        TextEscaper.json.append(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}


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
    /// `TextEscaper.json`, read once: the global's accessor checked its lazy initialisation for
    /// every string written.
    private let escaper = TextEscaper.json

    /// - Parameter capacity: Bytes to reserve: about the document's size, so the buffer is not
    ///   grown (and copied) on the way.
    public init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        let bit: UInt64 = 1 << UInt64(depth)
        if hasMember & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        hasMember |= bit
    }

    private mutating func key(_ name: JSONKey?) {
        guard let literal = name?.literal else {
            separate()
            guard let name else { return }
            appendString(name.text)
            bytes.append(UInt8(ascii: ":"))
            return
        }
        // `,"name":` made on the stack and appended at once instead of in five appends, each
        // checking the array's buffer again: `data.json` 34.4 → 31.6 µs (`Benchmarks/render/run.sh`).
        let bit: UInt64 = 1 << UInt64(depth)
        let comma = hasMember & bit != 0
        hasMember |= bit
        let length = literal.utf8CodeUnitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length + 4) { member in
            var count = 0
            if comma {
                member[0] = UInt8(ascii: ",")
                count = 1
            }
            member[count] = UInt8(ascii: "\"")
            (member.baseAddress! + count + 1).initialize(from: literal.utf8Start, count: length)
            count += 1 + length
            member[count] = UInt8(ascii: "\"")
            member[count + 1] = UInt8(ascii: ":")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: member[..<(count + 2)]))
        }
    }

    /// Ends the document with a line feed.
    public mutating func newline() { bytes.append(0x0A) }

    /// `{ … }`, optionally as the value of `name` in the enclosing object.
    public mutating func object(_ name: JSONKey? = nil, _ body: (inout JSONWriter) -> Void) {
        container(name, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// `[ … ]`.
    public mutating func array(_ name: JSONKey? = nil, _ body: (inout JSONWriter) -> Void) {
        container(name, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    private mutating func container(_ name: JSONKey?, open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
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
    public mutating func string(_ name: JSONKey? = nil, _ value: String?) {
        guard let value else { return }
        key(name)
        appendString(value)
    }

    /// A number written as `formatNumber` prints it (no exponent), or nothing when nil.
    public mutating func number(_ name: JSONKey? = nil, _ value: Double?) {
        guard let value, value.isFinite else { return }
        key(name)
        bytes.append(contentsOf: formatNumber(value).utf8)
    }

    /// A timestamp as RFC 3339 (`Timestamp.description`), or nothing when nil; written in place.
    mutating func timestamp(_ name: JSONKey? = nil, _ value: Timestamp?) {
        guard let value else { return }
        key(name)
        // RFC 3339 text is digits and `-:+T`: nothing to escape.
        bytes.append(UInt8(ascii: "\""))
        value.appendDescription(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func integer(_ name: JSONKey? = nil, _ value: Int?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ name: JSONKey? = nil, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        escaper.append(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}


/// A member name. A literal in the code is written as it is: keys are words of our own, and
/// escaping each of them (some 400 in a batch's `data.json`) was a third of the document's cost
/// (`Benchmarks/profile/run.sh`). Text made at run time (`JSONKey(_:)`) is escaped like any string.
public struct JSONKey: ExpressibleByStringLiteral {
    /// The literal, when the key is one.
    let literal: StaticString?
    /// The key as text, when it was made at run time.
    let text: String

    public init(stringLiteral value: StaticString) {
        // A one-character literal may arrive as a Unicode scalar, without UTF-8 bytes to point at.
        guard value.hasPointerRepresentation else {
            self.init(value.description)
            return
        }
        assert(
            !UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount).contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C },
            "a JSON key literal must need no escaping")
        self.init(literal: value, text: "")
    }

    /// A key made at run time; escaped when written.
    public init(_ text: String) { self.init(literal: nil, text: text) }

    private init(literal: StaticString?, text: String) {
        self.literal = literal
        self.text = text
    }
}

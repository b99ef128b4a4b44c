/// A tiny forward scanner over ASCII bytes, for the fixed-layout date formats above.
///
/// Separators are `Unicode.Scalar`s, not `Character`s: a `Character`'s `asciiValue` runs the
/// grapheme machinery on every call, and the store's timestamps are parsed by the million
/// (`perf record`, 20,000-batch build: parsing was 1.8% of it, most of that in `asciiValue`).
///
/// It reads bytes it borrows (`UnsafeBufferPointer`): timestamps come straight from SQLite's
/// column buffer, and copying each into a `String` and then an array was two allocations per
/// timestamp, some fifty timestamps per batch.
struct DigitScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` with `text`'s UTF-8 bytes, for a scanner over them.
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        return text.withUTF8(body)
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func skip(_ separator: Unicode.Scalar) -> Bool {
        guard position < bytes.count, separator.isASCII, bytes[position] == UInt8(truncatingIfNeeded: separator.value) else { return false }
        position += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for index in position..<position + digits {
            let byte = bytes[index]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        position += digits
        return value
    }

    mutating func digitRun(maximum: Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
            guard count < maximum else { return nil }
            value = value * 10 + Int(bytes[position] - 48)
            count += 1
            position += 1
        }
        return (value, count)
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

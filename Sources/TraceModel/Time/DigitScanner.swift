/// A tiny forward scanner over ASCII bytes, for the fixed-layout date formats above.
struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard position < bytes.count, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
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

/// A Global Trade Item Number in its 14-digit form, with a valid GS1 check digit.
///
/// GTIN-8, -12 and -13 are accepted and padded with leading zeros, as GS1 Digital Link requires.
public struct GTIN: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 14 digits, check digit last.
    public let digits: String

    /// Validates and normalises a GTIN.
    ///
    /// - Parameter text: 8, 12, 13 or 14 digits.
    /// - Throws: `IdentifierError` naming what is wrong (length, a non-digit, the check digit).
    public init(_ text: String) throws(IdentifierError) {
        guard [8, 12, 13, 14].contains(text.utf8.count) else { throw .gtinLength(text) }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .gtinNotDigits(text)
        }
        // Leading zeros do not change the check digit, so it is computed on the text as given.
        var copy = text
        let (expected, found) = copy.withUTF8 { bytes in
            (GS1CheckDigit.of(UnsafeBufferPointer(rebasing: bytes.dropLast())), Int(bytes.last! - UInt8(ascii: "0")))
        }
        guard expected == found else { throw .gtinCheckDigit(text, expected: expected) }
        self.digits = text.utf8.count == 14 ? text : String(repeating: "0", count: 14 - text.utf8.count) + text
    }

    public var description: String { digits }
    public static func < (lhs: GTIN, rhs: GTIN) -> Bool { lhs.digits < rhs.digits }
}

extension GTIN {
    /// Completes 13 data digits with their check digit, e.g. for generated test and demo data.
    ///
    /// - Parameter first13: Exactly 13 digits.
    /// - Returns: The valid GTIN-14.
    public static func completing(_ first13: String) throws(IdentifierError) -> GTIN {
        guard first13.utf8.count == 13, first13.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .gtinLength(first13) }
        let check = GS1CheckDigit.of(first13)
        return try GTIN(first13 + String(check))
    }
}

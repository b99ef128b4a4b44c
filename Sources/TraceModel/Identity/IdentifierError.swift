/// Why a GTIN or lot was rejected; each case prints one line a person can act on.
public enum IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not 8, 12, 13 or 14 characters.
    case gtinLength(String)
    /// Contains something other than the digits 0–9.
    case gtinNotDigits(String)
    /// The last digit is not the GS1 check digit of the others.
    case gtinCheckDigit(String, expected: Int)
    /// The lot is empty.
    case lotEmpty
    /// Longer than GS1's 20 characters.
    case lotTooLong(String)
    /// Contains a character that cannot be served as a folder name without encoding.
    case lotCharacter(String, Character)
    /// Starts with a dot (hidden file, or a `.`/`..` path segment).
    case lotLeadingDot(String)

    public var description: String {
        switch self {
        case .gtinLength(let text):
            "GTIN '\(text)' has \(text.count) characters; a GTIN has 8, 12, 13 or 14 digits"
        case .gtinNotDigits(let text):
            "GTIN '\(text)' contains characters other than digits"
        case .gtinCheckDigit(let text, let expected):
            "GTIN '\(text)' has a wrong check digit: it should end in \(expected)"
        case .lotEmpty:
            "lot is empty"
        case .lotTooLong(let text):
            "lot '\(text)' is longer than \(Lot.maximumLength) characters (GS1 AI 10)"
        case .lotCharacter(let text, let character):
            "lot '\(text)' contains '\(character)', which cannot be served safely as a folder name "
                + "(allowed: A-Z a-z 0-9 - _ .)"
        case .lotLeadingDot(let text):
            "lot '\(text)' starts with '.', which hosts treat as hidden or as a path segment"
        }
    }
}

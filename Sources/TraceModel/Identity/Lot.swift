/// A batch/lot number (GS1 AI 10) that can be served as a folder on any static host.
///
/// GS1 allows 1–20 characters of its character set 82, but several of those must be
/// percent-encoded in a Digital Link URL, `/` cannot be part of a file name, and hosts differ in
/// how they decode `%xx` before looking up a file. So a lot is accepted only when its characters
/// are `A–Z a–z 0–9 - _ .` and it does not start with a dot. Anything else is rejected with a clear
/// error: silently rewriting a lot would print a QR code that leads nowhere.
public struct Lot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The lot exactly as printed on the pack.
    public let text: String

    /// The maximum length GS1 allows for AI 10.
    public static let maximumLength = 20

    /// Validates a lot for use in a Digital Link URL and as a folder name.
    ///
    /// - Parameter text: The lot as stored.
    /// - Throws: `IdentifierError` naming the offending character or rule.
    public init(_ text: String) throws(IdentifierError) {
        guard !text.isEmpty else { throw .lotEmpty }
        guard text.unicodeScalars.count <= Lot.maximumLength else { throw .lotTooLong(text) }
        for scalar in text.unicodeScalars where !Lot.isServable(scalar) {
            throw .lotCharacter(text, Character(scalar))
        }
        guard !text.hasPrefix(".") else { throw .lotLeadingDot(text) }
        self.text = text
    }

    /// The key under which two lots collide on a case-insensitive disk (`ab1` and `AB1`).
    public var caseFoldedKey: String { text.lowercased() }

    /// Whether text may be one folder name on any static host, by the same rules as a lot
    /// (any length): site codes use it for `sites/<code>/`.
    public static func isServableFolderName(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix(".") && text.unicodeScalars.allSatisfy(isServable)
    }

    static func isServable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".": true
        default: false
        }
    }

    public var description: String { text }
    public static func < (lhs: Lot, rhs: Lot) -> Bool { lhs.text < rhs.text }
}

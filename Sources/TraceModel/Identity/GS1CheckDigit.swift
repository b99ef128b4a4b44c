/// GS1's mod-10 check digit, the same for GTINs, GLNs and SSCCs: weights 3, 1, 3, 1… from the
/// rightmost data digit; check = (10 − sum mod 10) mod 10.
public enum GS1CheckDigit {
    /// The check digit of the data digits (non-digits count as 0).
    public static func of(_ data: String) -> Int {
        var sum = 0
        for (offsetFromRight, character) in data.reversed().enumerated() {
            sum += (character.wholeNumberValue ?? 0) * (offsetFromRight % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    /// Whether text is a GLN: 13 ASCII digits, the last the check digit of the others.
    public static func isValidGLN(_ text: String) -> Bool {
        text.utf8.count == 13 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && Int(String(text.last!)) == of(String(text.prefix(12)))
    }
}

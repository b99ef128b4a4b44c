/// Explicit conversions between the mass-fraction units GB limits use.
///
/// Only identical units or units in this table compare; anything else makes a check `incomplete`
/// rather than guessing.
public enum MeasurementUnit {
    /// Multiplier per unit to reach one part per 10^12 (pg/g), so all entries are exact integers.
    private static let massFractions: [String: Double] = [
        "µg/kg": 1_000, "μg/kg": 1_000, "ug/kg": 1_000,
        "mg/kg": 1_000_000,
        "g/kg": 1_000_000_000,
        "mg/100g": 10_000_000, "mg/100 g": 10_000_000,
        "g/100g": 10_000_000_000, "g/100 g": 10_000_000_000,
    ]

    /// The factor that converts a value in `unit` to `target`, or nil when they cannot be compared.
    public static func factor(from unit: String, to target: String) -> Double? {
        if unit == target { return 1 }
        guard let from = massFractions[unit], let to = massFractions[target] else { return nil }
        return from / to
    }
}

/// Formats a number the way a lab report does: no exponent, no trailing `.0`, at most 6 decimals.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(value)
    if text.utf8.contains(UInt8(ascii: "e")) {  // bytes, not Characters: this runs for every value shown
        // Small values such as 5e-05: print fixed-point by scaling.
        var digits = 0
        var scaled = value
        while scaled != scaled.rounded(), digits < 9 {
            scaled *= 10
            digits += 1
        }
        let integer = Int64(scaled.rounded())
        let sign = integer < 0 ? "-" : ""
        let magnitude = String(abs(integer))
        let padded = String(repeating: "0", count: max(0, digits + 1 - magnitude.count)) + magnitude
        text = sign + padded.dropLast(digits) + "." + padded.suffix(digits)
    }
    return text
}

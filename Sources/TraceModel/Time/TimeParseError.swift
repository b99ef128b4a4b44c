/// Why a date or timestamp text was rejected.
public enum TimeParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a real `YYYY-MM-DD` date.
    case notADate(String)
    /// Not an RFC 3339 timestamp.
    case notATimestamp(String)
    /// A timestamp without `Z` or `±hh:mm`: local time cannot be shown honestly without it.
    case missingOffset(String)

    public var description: String {
        switch self {
        case .notADate(let text): "'\(text)' is not a date (expected YYYY-MM-DD)"
        case .notATimestamp(let text): "'\(text)' is not a timestamp (expected e.g. 2026-03-01T05:30:00+08:00)"
        case .missingOffset(let text): "timestamp '\(text)' has no UTC offset (add Z or e.g. +08:00)"
        }
    }
}

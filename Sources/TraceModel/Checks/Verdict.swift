/// The outcome of a check. Never `pass` from missing data.
public enum Verdict: String, CaseIterable, Sendable {
    /// The result meets the limit.
    case pass
    /// The result does not meet the limit.
    case fail
    /// A required result or unit is missing, so no verdict can be given.
    case incomplete
    /// No limit applies; shown for information.
    case info
}

/// The requirement a result is judged against.
public enum CheckLimit: Hashable, Sendable {
    /// No limit: the result is shown for information.
    case none
    /// At most this value (≤ max). Not detected passes.
    case atMost(Double)
    /// At least this value (≥ min).
    case atLeast(Double)
    /// Between two values, inclusive.
    case range(Double, Double)
    /// A microbiological sampling plan (n, c, m, M).
    case samplingPlan(SamplingPlan)
}

/// A two- or three-class sampling plan: n units tested, at most c of them in (m, M], none above M.
///
/// For a two-class plan ("0/25 g", absent in every unit) m equals M.
public struct SamplingPlan: Hashable, Sendable {
    public var n: Int
    public var c: Int
    public var m: Double
    public var bigM: Double

    public init(n: Int, c: Int, m: Double, bigM: Double) {
        self.n = n
        self.c = c
        self.m = m
        self.bigM = bigM
    }
}

/// Judges a result against its limit, converting units when both are known mass fractions.
///
/// The rules follow GB sampling practice: "not detected" passes a maximum and fails a minimum; a
/// sampling plan passes iff all n results are ≤ M and at most c lie in (m, M]; a missing result or
/// an inconvertible unit gives `incomplete`, never `pass`.
public struct VerdictEvaluation: Hashable, Sendable {
    public let verdict: Verdict
    /// Why, kept as numbers and formatted only when asked: a build evaluates every check several
    /// times and rarely needs the words.
    private let why: Why

    /// Why, in English, for error messages and `check` output.
    public var reason: String { why.text }

    private enum Why: Hashable, Sendable {
        case noLimit
        case units(String, String)
        case missing
        case samplesWithoutPlan
        case oneResultForPlan(n: Int)
        case sampleCount(Int, n: Int)
        case aboveBigM(count: Int, n: Int, bigM: Double, unit: String)
        case tooManyMarginal(count: Int, n: Int, m: Double, c: Int, unit: String)
        case planPassed(marginal: Int, n: Int, c: Int)
        case notDetectedUnderMax(Double, String)
        case notDetectedUnderMin(Double, String)
        case atMost(Double, Double, String, passed: Bool)
        case atLeast(Double, Double, String, passed: Bool)
        case range(Double, Double, Double, String, passed: Bool)

        var text: String {
            switch self {
            case .noLimit: "no limit applies"
            case .units(let unit, let limitUnit): "unit '\(unit)' cannot be compared with the limit's unit '\(limitUnit)'"
            case .missing: "no result recorded"
            case .samplesWithoutPlan: "several sample results but no sampling plan"
            case .oneResultForPlan(let n): "one result but the sampling plan needs n=\(n)"
            case .sampleCount(let count, let n): "\(count) sample results but the plan needs n=\(n)"
            case .aboveBigM(let count, let n, let bigM, let unit): "\(count) of \(n) units exceed M=\(formatNumber(bigM)) \(unit)"
            case .tooManyMarginal(let count, let n, let m, let c, let unit):
                "\(count) of \(n) units exceed m=\(formatNumber(m)) \(unit), c=\(c) allowed"
            case .planPassed(let marginal, let n, let c): "\(marginal) of \(n) units above m, c=\(c) allowed, none above M"
            case .notDetectedUnderMax(let max, let unit): "not detected, limit ≤ \(formatNumber(max)) \(unit)"
            case .notDetectedUnderMin(let min, let unit): "not detected, but at least \(formatNumber(min)) \(unit) is required"
            case .atMost(let value, let max, let unit, let passed):
                passed
                    ? "\(formatNumber(value)) ≤ \(formatNumber(max)) \(unit)"
                    : "\(formatNumber(value)) exceeds the maximum \(formatNumber(max)) \(unit)"
            case .atLeast(let value, let min, let unit, let passed):
                passed
                    ? "\(formatNumber(value)) ≥ \(formatNumber(min)) \(unit)"
                    : "\(formatNumber(value)) is below the minimum \(formatNumber(min)) \(unit)"
            case .range(let value, let low, let high, let unit, let passed):
                "\(formatNumber(value)) \(passed ? "within" : "outside") \(formatNumber(low))–\(formatNumber(high)) \(unit)"
            }
        }
    }

    public init(result: CheckResult, unit: String, limit: CheckLimit, limitUnit: String) {
        (verdict, why) = Self.judge(result: result, unit: unit, limit: limit, limitUnit: limitUnit)
    }

    private static func judge(result: CheckResult, unit: String, limit: CheckLimit, limitUnit: String) -> (Verdict, Why) {
        if case .none = limit { return (.info, .noLimit) }
        guard let factor = MeasurementUnit.factor(from: unit, to: limitUnit) else { return (.incomplete, .units(unit, limitUnit)) }
        switch (result, limit) {
        case (.missing, _):
            return (.incomplete, .missing)
        case (.samples(let samples), .samplingPlan(let plan)):
            return judge(samples: samples.map { $0.comparableValue * factor }, plan: plan, unit: limitUnit)
        case (.samples, _):
            return (.incomplete, .samplesWithoutPlan)
        case (.notDetected, .samplingPlan(let plan)):
            return judge(samples: Array(repeating: 0, count: plan.n), plan: plan, unit: limitUnit)
        case (.value(let raw), .samplingPlan(let plan)):
            return plan.n == 1 ? judge(samples: [raw * factor], plan: plan, unit: limitUnit) : (.incomplete, .oneResultForPlan(n: plan.n))
        case (.notDetected, .atMost(let max)):
            return (.pass, .notDetectedUnderMax(max, limitUnit))
        case (.notDetected, .atLeast(let min)), (.notDetected, .range(let min, _)):
            return (.fail, .notDetectedUnderMin(min, limitUnit))
        case (.value(let raw), .atMost(let max)):
            let passed = raw * factor <= max
            return (passed ? .pass : .fail, .atMost(raw * factor, max, limitUnit, passed: passed))
        case (.value(let raw), .atLeast(let min)):
            let passed = raw * factor >= min
            return (passed ? .pass : .fail, .atLeast(raw * factor, min, limitUnit, passed: passed))
        case (.value(let raw), .range(let low, let high)):
            let passed = (low...high).contains(raw * factor)
            return (passed ? .pass : .fail, .range(raw * factor, low, high, limitUnit, passed: passed))
        case (_, .none):
            return (.info, .noLimit)
        }
    }

    private static func judge(samples: [Double], plan: SamplingPlan, unit: String) -> (Verdict, Why) {
        guard samples.count == plan.n else { return (.incomplete, .sampleCount(samples.count, n: plan.n)) }
        let aboveBigM = samples.filter { $0 > plan.bigM }.count
        let marginal = samples.filter { $0 > plan.m && $0 <= plan.bigM }.count
        if aboveBigM > 0 { return (.fail, .aboveBigM(count: aboveBigM, n: plan.n, bigM: plan.bigM, unit: unit)) }
        if marginal > plan.c { return (.fail, .tooManyMarginal(count: marginal, n: plan.n, m: plan.m, c: plan.c, unit: unit)) }
        return (.pass, .planPassed(marginal: marginal, n: plan.n, c: plan.c))
    }
}

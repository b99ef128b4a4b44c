/// Judges a result against its limit, converting units when both are known mass fractions.
///
/// The rules follow GB sampling practice: "not detected" passes a maximum and fails a minimum; a
/// sampling plan passes iff all n results are ≤ M and at most c lie in (m, M]; a missing result or
/// an inconvertible unit gives `incomplete`, never `pass`.
public struct VerdictEvaluation: Hashable, Sendable {
    public let verdict: Verdict
    /// Why, in English, for error messages and `check` output.
    public let reason: String

    public init(result: CheckResult, unit: String, limit: CheckLimit, limitUnit: String) {
        if case .none = limit {
            (verdict, reason) = (.info, "no limit applies")
            return
        }
        guard let factor = MeasurementUnit.factor(from: unit, to: limitUnit) else {
            (verdict, reason) = (.incomplete, "unit '\(unit)' cannot be compared with the limit's unit '\(limitUnit)'")
            return
        }
        switch (result, limit) {
        case (.missing, _):
            (verdict, reason) = (.incomplete, "no result recorded")
        case (.samples(let samples), .samplingPlan(let plan)):
            (verdict, reason) = Self.judge(samples: samples.map { $0.comparableValue * factor }, plan: plan, unit: limitUnit)
        case (.samples, _):
            (verdict, reason) = (.incomplete, "several sample results but no sampling plan")
        case (.notDetected, .samplingPlan(let plan)):
            (verdict, reason) = Self.judge(samples: Array(repeating: 0, count: plan.n), plan: plan, unit: limitUnit)
        case (.value(let raw), .samplingPlan(let plan)):
            (verdict, reason) =
                plan.n == 1
                ? Self.judge(samples: [raw * factor], plan: plan, unit: limitUnit)
                : (.incomplete, "one result but the sampling plan needs n=\(plan.n)")
        case (.notDetected, .atMost(let max)):
            (verdict, reason) = (.pass, "not detected, limit ≤ \(formatNumber(max)) \(limitUnit)")
        case (.notDetected, .atLeast(let min)), (.notDetected, .range(let min, _)):
            (verdict, reason) = (.fail, "not detected, but at least \(formatNumber(min)) \(limitUnit) is required")
        case (.value(let raw), .atMost(let max)):
            let value = raw * factor
            (verdict, reason) =
                value <= max
                ? (.pass, "\(formatNumber(value)) ≤ \(formatNumber(max)) \(limitUnit)")
                : (.fail, "\(formatNumber(value)) exceeds the maximum \(formatNumber(max)) \(limitUnit)")
        case (.value(let raw), .atLeast(let min)):
            let value = raw * factor
            (verdict, reason) =
                value >= min
                ? (.pass, "\(formatNumber(value)) ≥ \(formatNumber(min)) \(limitUnit)")
                : (.fail, "\(formatNumber(value)) is below the minimum \(formatNumber(min)) \(limitUnit)")
        case (.value(let raw), .range(let low, let high)):
            let value = raw * factor
            (verdict, reason) =
                (low...high).contains(value)
                ? (.pass, "\(formatNumber(value)) within \(formatNumber(low))–\(formatNumber(high)) \(limitUnit)")
                : (.fail, "\(formatNumber(value)) outside \(formatNumber(low))–\(formatNumber(high)) \(limitUnit)")
        case (_, .none):
            (verdict, reason) = (.info, "no limit applies")
        }
    }

    private static func judge(samples: [Double], plan: SamplingPlan, unit: String) -> (Verdict, String) {
        guard samples.count == plan.n else {
            return (.incomplete, "\(samples.count) sample results but the plan needs n=\(plan.n)")
        }
        let aboveBigM = samples.filter { $0 > plan.bigM }.count
        let marginal = samples.filter { $0 > plan.m && $0 <= plan.bigM }.count
        if aboveBigM > 0 {
            return (.fail, "\(aboveBigM) of \(plan.n) units exceed M=\(formatNumber(plan.bigM)) \(unit)")
        }
        if marginal > plan.c {
            return (.fail, "\(marginal) of \(plan.n) units exceed m=\(formatNumber(plan.m)) \(unit), c=\(plan.c) allowed")
        }
        return (.pass, "\(marginal) of \(plan.n) units above m, c=\(plan.c) allowed, none above M")
    }
}

import Testing
import TraceModel

@Suite("Verdicts follow the numbers, never pass from missing data")
struct VerdictTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let result: CheckResult
        let unit: String
        let limit: CheckLimit
        let limitUnit: String
        let expected: Verdict
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ND passes a maximum", result: .notDetected, unit: "µg/kg", limit: .atMost(0.5), limitUnit: "µg/kg", expected: .pass),
        Case(name: "ND fails a minimum", result: .notDetected, unit: "g/100g", limit: .atLeast(2.8), limitUnit: "g/100g", expected: .fail),
        Case(name: "value at the maximum passes", result: .value(0.5), unit: "µg/kg", limit: .atMost(0.5), limitUnit: "µg/kg", expected: .pass),
        Case(name: "value above the maximum fails", result: .value(0.51), unit: "µg/kg", limit: .atMost(0.5), limitUnit: "µg/kg", expected: .fail),
        Case(name: "protein below minimum fails", result: .value(2.71), unit: "g/100g", limit: .atLeast(2.8), limitUnit: "g/100g", expected: .fail),
        Case(name: "acidity inside range passes", result: .value(15), unit: "°T", limit: .range(12, 18), limitUnit: "°T", expected: .pass),
        Case(name: "acidity outside range fails", result: .value(18.6), unit: "°T", limit: .range(12, 18), limitUnit: "°T", expected: .fail),
        Case(name: "µg/kg result against mg/kg limit converts (pass)", result: .value(40), unit: "µg/kg", limit: .atMost(0.05), limitUnit: "mg/kg", expected: .pass),
        Case(name: "µg/kg result against mg/kg limit converts (fail)", result: .value(60), unit: "µg/kg", limit: .atMost(0.05), limitUnit: "mg/kg", expected: .fail),
        Case(name: "units that cannot be compared are incomplete", result: .value(1), unit: "CFU/g", limit: .atMost(5), limitUnit: "mg/kg", expected: .incomplete),
        Case(name: "a missing result is incomplete", result: .missing, unit: "mg/kg", limit: .atMost(1), limitUnit: "mg/kg", expected: .incomplete),
        Case(name: "no limit is information", result: .value(3), unit: "g", limit: .none, limitUnit: "g", expected: .info),
        Case(name: "plan: two marginal units within c=2 pass", result: .samples([.value(2000), .value(3000), .value(10), .notDetected, .value(900)]), unit: "CFU/g",
             limit: .samplingPlan(SamplingPlan(n: 5, c: 2, m: 1000, bigM: 10_000)), limitUnit: "CFU/g", expected: .pass),
        Case(name: "plan: three marginal units over c=2 fail", result: .samples([.value(2000), .value(3000), .value(1500), .notDetected, .value(900)]), unit: "CFU/g",
             limit: .samplingPlan(SamplingPlan(n: 5, c: 2, m: 1000, bigM: 10_000)), limitUnit: "CFU/g", expected: .fail),
        Case(name: "plan: one unit above M fails", result: .samples([.value(10_001), .notDetected, .notDetected, .notDetected, .notDetected]), unit: "CFU/g",
             limit: .samplingPlan(SamplingPlan(n: 5, c: 2, m: 1000, bigM: 10_000)), limitUnit: "CFU/g", expected: .fail),
        Case(name: "plan: absent in every unit passes", result: .samples(Array(repeating: .notDetected, count: 5)), unit: "/25g",
             limit: .samplingPlan(SamplingPlan(n: 5, c: 0, m: 0, bigM: 0)), limitUnit: "/25g", expected: .pass),
        Case(name: "plan: Salmonella found in one unit fails", result: .samples([.notDetected, .value(1), .notDetected, .notDetected, .notDetected]), unit: "/25g",
             limit: .samplingPlan(SamplingPlan(n: 5, c: 0, m: 0, bigM: 0)), limitUnit: "/25g", expected: .fail),
        Case(name: "plan: fewer units than n is incomplete", result: .samples([.notDetected, .notDetected]), unit: "/100g",
             limit: .samplingPlan(SamplingPlan(n: 3, c: 0, m: 0, bigM: 0)), limitUnit: "/100g", expected: .incomplete),
    ]

    @Test("evaluation", arguments: cases)
    func evaluation(_ check: Case) {
        let evaluation = VerdictEvaluation(result: check.result, unit: check.unit, limit: check.limit, limitUnit: check.limitUnit)
        #expect(evaluation.verdict == check.expected, "\(evaluation.reason)")
        #expect(!evaluation.reason.isEmpty)
    }

    @Test("numbers print like a lab report")
    func numbers() {
        #expect(formatNumber(2_000_000) == "2000000")
        #expect(formatNumber(0.5) == "0.5")
        #expect(formatNumber(0.00005) == "0.00005")
    }
}

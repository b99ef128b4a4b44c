public import TraceModel

extension SensorReading {
    /// The result as the model measures it: samples, not detected, or one value.
    public var labResult: CheckResult {
        if let samples = check?.samples { return .samples(samples) }
        if check?.notDetected == true { return .notDetected }
        if let measured = value ?? meanValue ?? maxValue ?? minValue { return .value(measured) }
        return .missing
    }

    /// The unit of the result: `tp:unit`, else the UN/CEFACT code in words where TracePress knows it.
    public var labUnit: String { check?.unit ?? uom.map(SensorReading.unitText) ?? "" }

    /// The limit from `tp:plan`, `tp:limitMin` and `tp:limitMax`.
    public var labLimit: CheckLimit {
        if let plan = check?.plan { return .samplingPlan(plan) }
        switch (check?.limitMin, check?.limitMax) {
        case (let min?, let max?): return .range(min, max)
        case (nil, let max?): return .atMost(max)
        case (let min?, nil): return .atLeast(min)
        case (nil, nil): return .none
        }
    }

    /// The verdict the numbers give; a stated `tp:verdict` must agree with it.
    public var labEvaluation: VerdictEvaluation {
        VerdictEvaluation(result: labResult, unit: labUnit, limit: labLimit, limitUnit: check?.limitUnit ?? labUnit)
    }

    /// What a lab report's analyte is called when no `tp:item` names it: the last part of its URI.
    public var analyteName: String {
        guard let analyte else { return type ?? "" }
        let word = CBVVocabulary.lastWord(of: analyte)
        return word.isEmpty ? analyte : word
    }

    /// UN/CEFACT Recommendation 20 codes common in dairy reports, in the words labels print.
    static func unitText(_ code: String) -> String {
        switch code {
        case "CEL": "°C"
        case "FAH": "°F"
        case "KEL": "K"
        case "P1": "%"
        case "KGM": "kg"
        case "GRM": "g"
        case "LTR": "L"
        default: code
        }
    }
}

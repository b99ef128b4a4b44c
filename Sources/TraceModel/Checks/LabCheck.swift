/// One lab result for a batch: what was measured, against which limit, and the stated verdict.
public struct LabCheck: Hashable, Sendable {
    /// Where in production the sample was taken.
    public enum Stage: String, CaseIterable, Sendable {
        case rawMilk = "raw"
        case inProcess = "in_process"
        case finished
    }

    public var id: Int64
    public var stage: Stage
    public var item: LocalizedText
    /// Method standard, e.g. `GB 5009.5-2016`.
    public var method: String
    public var result: CheckResult
    /// Unit of the result, e.g. `µg/kg`.
    public var unit: String
    public var limit: CheckLimit
    /// Unit the limit is expressed in; results are converted to it when they differ.
    public var limitUnit: String
    /// Standard, edition and clause the limit comes from, e.g. `GB 19301-2010 4.3`.
    public var limitSource: String
    /// The verdict recorded by the lab; the build refuses to publish it if the numbers disagree.
    public var statedVerdict: Verdict
    public var labSiteID: Int64?
    public var reportNumber: String?
    public var reportURL: String?
    public var testedAt: Timestamp?

    public init(
        id: Int64, stage: Stage, item: LocalizedText, method: String, result: CheckResult, unit: String,
        limit: CheckLimit, limitUnit: String, limitSource: String, statedVerdict: Verdict, labSiteID: Int64?,
        reportNumber: String?, reportURL: String?, testedAt: Timestamp?
    ) {
        self.id = id
        self.stage = stage
        self.item = item
        self.method = method
        self.result = result
        self.unit = unit
        self.limit = limit
        self.limitUnit = limitUnit
        self.limitSource = limitSource
        self.statedVerdict = statedVerdict
        self.labSiteID = labSiteID
        self.reportNumber = reportNumber
        self.reportURL = reportURL
        self.testedAt = testedAt
    }

    /// The verdict the numbers support, with the reason in words.
    public var evaluation: VerdictEvaluation {
        VerdictEvaluation(result: result, unit: unit, limit: limit, limitUnit: limitUnit)
    }
}

/// A measured result.
public enum CheckResult: Hashable, Sendable {
    /// A single measured value.
    case value(Double)
    /// Below the method's limit of detection (未检出).
    case notDetected
    /// One result per sample unit, for microbiological sampling plans.
    case samples([SampleResult])
    /// No result recorded.
    case missing
}

/// The result of one sample unit under a sampling plan.
public enum SampleResult: Hashable, Sendable {
    case value(Double)
    case notDetected

    /// The value compared against limits: not detected counts as zero.
    public var comparableValue: Double {
        switch self {
        case .value(let value): value
        case .notDetected: 0
        }
    }
}

import TraceModel

/// Generates the lab checks of one batch from the GB items and limits in the domain notes.
struct DemoLabChecks {
    let batchID: Int64
    let producedOn: CalendarDate
    let isFormula: Bool
    /// Makes the finished-product nitrate result exceed its limit (and say so).
    let failNitrate: Bool

    /// One kind of check with the range its demo values are drawn from.
    private struct Item: Sendable {
        let zh: String
        let en: String
        let method: String
        let unit: String
        let limit: CheckLimit
        let limitUnit: String
        let source: String
        let result: @Sendable (inout SeededGenerator) -> CheckResult
    }

    private static func value(_ range: ClosedRange<Double>, _ decimals: Int) -> @Sendable (inout SeededGenerator) -> CheckResult {
        { random in .value(random.value(in: range, decimals: decimals)) }
    }
    private static let notDetected: @Sendable (inout SeededGenerator) -> CheckResult = { _ in .notDetected }
    private static func absentIn(_ n: Int) -> @Sendable (inout SeededGenerator) -> CheckResult {
        { _ in .samples(Array(repeating: .notDetected, count: n)) }
    }
    private static func counts(_ n: Int, below m: Double, marginal: Int, upTo bigM: Double) -> @Sendable (inout SeededGenerator) -> CheckResult {
        { random in
            var samples = (0..<n).map { _ in SampleResult.value(Double(Int.random(in: 0...Int(m * 0.8), using: &random))) }
            for index in 0..<marginal { samples[index] = .value(Double(Int.random(in: Int(m) + 1...Int(bigM * 0.6), using: &random))) }
            return .samples(samples)
        }
    }

    private static let rawMilk: [Item] = [
        Item(zh: "蛋白质", en: "Protein", method: "GB 5009.5-2016", unit: "g/100g", limit: .atLeast(2.8), limitUnit: "g/100g", source: "GB 19301-2010 4.3", result: value(3.05...3.45, 2)),
        Item(zh: "脂肪", en: "Fat", method: "GB 5009.6-2016", unit: "g/100g", limit: .atLeast(3.1), limitUnit: "g/100g", source: "GB 19301-2010 4.3", result: value(3.6...4.3, 2)),
        Item(zh: "非脂乳固体", en: "Non-fat milk solids", method: "GB 5413.39-2010", unit: "g/100g", limit: .atLeast(8.1), limitUnit: "g/100g", source: "GB 19301-2010 4.3", result: value(8.4...8.9, 2)),
        Item(zh: "酸度", en: "Acidity", method: "GB 5009.239-2016", unit: "°T", limit: .range(12, 18), limitUnit: "°T", source: "GB 19301-2010 4.3", result: value(13...16.5, 1)),
        Item(zh: "菌落总数", en: "Total plate count", method: "GB 4789.2-2022", unit: "CFU/g", limit: .atMost(2_000_000), limitUnit: "CFU/g", source: "GB 19301-2010 4.4", result: value(20_000...180_000, 0)),
        Item(zh: "黄曲霉毒素M1", en: "Aflatoxin M1", method: "GB 5009.24-2016", unit: "µg/kg", limit: .atMost(0.5), limitUnit: "µg/kg", source: "GB 2761-2017 3.2", result: notDetected),
        Item(zh: "铅", en: "Lead", method: "GB 5009.12-2023", unit: "µg/kg", limit: .atMost(0.05), limitUnit: "mg/kg", source: "GB 2762-2022 3.1", result: value(4...18, 0)),
        Item(zh: "三聚氰胺", en: "Melamine", method: "GB/T 22388-2008", unit: "mg/kg", limit: .atMost(2.5), limitUnit: "mg/kg", source: "卫生部等5部门公告2011年第10号", result: notDetected),
    ]

    private static let inProcess: [Item] = [
        Item(zh: "喷粉水分", en: "Moisture after spray drying", method: "GB 5009.3-2016", unit: "g/100g", limit: .atMost(5.0), limitUnit: "g/100g", source: "企业内控 Internal", result: value(2.2...3.6, 1)),
    ]

    private static let finishedFormula: [Item] = [
        Item(zh: "阪崎肠杆菌（克罗诺杆菌属）", en: "Cronobacter spp.", method: "GB 4789.40-2024", unit: "/100g", limit: .samplingPlan(SamplingPlan(n: 3, c: 0, m: 0, bigM: 0)), limitUnit: "/100g", source: "GB 10765-2021 4.10", result: absentIn(3)),
        Item(zh: "沙门氏菌", en: "Salmonella", method: "GB 4789.4-2024", unit: "/25g", limit: .samplingPlan(SamplingPlan(n: 5, c: 0, m: 0, bigM: 0)), limitUnit: "/25g", source: "GB 29921-2021", result: absentIn(5)),
        Item(zh: "菌落总数", en: "Total plate count", method: "GB 4789.2-2022", unit: "CFU/g", limit: .samplingPlan(SamplingPlan(n: 5, c: 2, m: 1000, bigM: 10_000)), limitUnit: "CFU/g", source: "GB 10765-2021 4.10", result: counts(5, below: 1000, marginal: 1, upTo: 10_000)),
        Item(zh: "大肠菌群", en: "Coliforms", method: "GB 4789.3-2016", unit: "CFU/g", limit: .samplingPlan(SamplingPlan(n: 5, c: 2, m: 10, bigM: 100)), limitUnit: "CFU/g", source: "GB 10765-2021 4.10", result: absentIn(5)),
        Item(zh: "黄曲霉毒素M1", en: "Aflatoxin M1", method: "GB 5009.24-2016", unit: "µg/kg", limit: .atMost(0.5), limitUnit: "µg/kg", source: "GB 2761-2017 3.2", result: notDetected),
        Item(zh: "铅", en: "Lead", method: "GB 5009.12-2023", unit: "mg/kg", limit: .atMost(0.08), limitUnit: "mg/kg", source: "GB 2762-2022 3.1", result: value(0.005...0.03, 3)),
        Item(zh: "亚硝酸盐（以NaNO₂计）", en: "Nitrite (as NaNO₂)", method: "GB 5009.33-2016", unit: "mg/kg", limit: .atMost(2.0), limitUnit: "mg/kg", source: "GB 2762-2022 3.7", result: value(0.1...0.6, 2)),
        Item(zh: "硝酸盐（以NaNO₃计）", en: "Nitrate (as NaNO₃)", method: "GB 5009.33-2016", unit: "mg/kg", limit: .atMost(100), limitUnit: "mg/kg", source: "GB 2762-2022 3.7", result: value(12...48, 1)),
        Item(zh: "三聚氰胺", en: "Melamine", method: "GB/T 22388-2008", unit: "mg/kg", limit: .atMost(1), limitUnit: "mg/kg", source: "卫生部等5部门公告2011年第10号", result: notDetected),
        Item(zh: "水分", en: "Moisture", method: "GB 5009.3-2016", unit: "g/100g", limit: .atMost(5.0), limitUnit: "g/100g", source: "GB 10765-2021 4.4", result: value(2.4...3.8, 1)),
    ]

    private static let finishedMilk: [Item] = [
        Item(zh: "蛋白质", en: "Protein", method: "GB 5009.5-2016", unit: "g/100g", limit: .atLeast(2.9), limitUnit: "g/100g", source: "GB 25190-2010 4.3", result: value(3.1...3.4, 2)),
        Item(zh: "脂肪", en: "Fat", method: "GB 5009.6-2016", unit: "g/100g", limit: .atLeast(3.1), limitUnit: "g/100g", source: "GB 25190-2010 4.3", result: value(3.6...4.0, 2)),
        Item(zh: "酸度", en: "Acidity", method: "GB 5009.239-2016", unit: "°T", limit: .range(12, 18), limitUnit: "°T", source: "GB 25190-2010 4.3", result: value(13...15.5, 1)),
        Item(zh: "黄曲霉毒素M1", en: "Aflatoxin M1", method: "GB 5009.24-2016", unit: "µg/kg", limit: .atMost(0.5), limitUnit: "µg/kg", source: "GB 2761-2017 3.2", result: notDetected),
        Item(zh: "铅", en: "Lead", method: "GB 5009.12-2023", unit: "mg/kg", limit: .atMost(0.05), limitUnit: "mg/kg", source: "GB 2762-2022 3.1", result: value(0.004...0.02, 3)),
        Item(zh: "三聚氰胺", en: "Melamine", method: "GB/T 22388-2008", unit: "mg/kg", limit: .atMost(2.5), limitUnit: "mg/kg", source: "卫生部等5部门公告2011年第10号", result: notDetected),
    ]

    func build(using random: inout SeededGenerator) -> [LabCheck] {
        let rawCount = Int.random(in: 6...8, using: &random)
        let raw = Self.rawMilk.shuffled(using: &random).prefix(rawCount)
        let middle = isFormula ? Self.inProcess : []
        let finishedPool = isFormula ? Self.finishedFormula : Self.finishedMilk
        let wanted = Int.random(in: 10...16, using: &random) - raw.count - middle.count
        var finished = Array(finishedPool.prefix(4)) + finishedPool.dropFirst(4).shuffled(using: &random)
        finished = Array(finished.prefix(max(3, min(wanted, finishedPool.count))))
        if failNitrate, !finished.contains(where: { $0.en.hasPrefix("Nitrate") }), let nitrate = finishedPool.first(where: { $0.en.hasPrefix("Nitrate") }) {
            finished.append(nitrate)
        }

        let report = "BJQC-\(compact(producedOn))-\(batchID)"
        let rawTested = Timestamp(secondsSinceEpoch: Int64(producedOn.adding(days: -2).daysSinceEpoch) * 86_400 + 2 * 3600, utcOffsetMinutes: 480)
        let finishedTested = Timestamp(secondsSinceEpoch: Int64(producedOn.adding(days: 3).daysSinceEpoch) * 86_400 + 1 * 3600, utcOffsetMinutes: 480)
        var checks: [LabCheck] = []
        for (stage, items, tested) in [(LabCheck.Stage.rawMilk, Array(raw), rawTested), (.inProcess, middle, rawTested), (.finished, finished, finishedTested)] {
            for item in items {
                var result = item.result(&random)
                if failNitrate, item.en.hasPrefix("Nitrate") { result = .value(random.value(in: 112...131, decimals: 1)) }
                let evaluation = VerdictEvaluation(result: result, unit: item.unit, limit: item.limit, limitUnit: item.limitUnit)
                checks.append(
                    LabCheck(
                        id: 0, stage: stage, item: LocalizedText(zh: item.zh, en: item.en), method: item.method, result: result,
                        unit: item.unit, limit: item.limit, limitUnit: item.limitUnit, limitSource: item.source,
                        statedVerdict: evaluation.verdict, labSiteID: DemoCatalog.lab,
                        reportNumber: report, reportURL: "https://reports.example.com/beijiang/\(report).pdf", testedAt: tested))
            }
        }
        return checks
    }
}

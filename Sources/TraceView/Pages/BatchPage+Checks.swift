import TraceModel

extension BatchPage {
    /// What a check row shows that no language changes: drawn once per batch, read by both pages.
    struct CheckTexts: Sendable {
        /// The verdict the numbers support: the page shows it; `build` has already refused any
        /// batch whose stated verdict disagrees.
        let verdict: Verdict
        let value: LocalizedText
        let limit: LocalizedText
        /// As pages show it (local minute).
        let testedAt: String?
        let reportURL: String?

        init(_ check: LabCheck) {
            verdict = check.evaluation.verdict
            value = resultText(check)
            limit = LocalizedText(zh: limitText(check, language: .chinese), en: limitText(check, language: .english))
            testedAt = check.testedAt.map(DisplayFormat.localTime)
            reportURL = check.reportURL.flatMap { isWebLink($0) ? $0 : nil }
        }
    }

    static func checkFields(_ record: BatchRecord, site: SiteContext, texts: [CheckTexts]) -> ViewObject {
        var counts: [Verdict: Int] = [:]
        let groups = LabCheck.Stage.allCases.compactMap { stage -> ViewObject? in
            let positions = record.checks.indices.filter { record.checks[$0].stage == stage }
            guard !positions.isEmpty else { return nil }
            let labs = Array(Set(positions.compactMap { record.checks[$0].labSiteID })).sorted().compactMap { site.siteNames($0) }
            return [
                "stage": .localized(Labels.stage(stage)),
                "labs": .localized(zh: labs.map(\.zh).joined(separator: "、"), en: labs.map(\.en).joined(separator: ", ")),
                "checks": .objects(
                    positions.map { position in
                        counts[texts[position].verdict, default: 0] += 1
                        return checkRow(record.checks[position], texts: texts[position], site: site)
                    }),
            ]
        }
        let passed = counts[.pass] ?? 0
        let failed = counts[.fail] ?? 0
        let incomplete = counts[.incomplete] ?? 0
        let judged = record.checks.count - (counts[.info] ?? 0)
        return [
            "check_groups": .objects(groups),
            "check_count": .text(String(record.checks.count)),
            "checks_judged": .text(String(judged)),
            "checks_passed": .text(String(passed)),
            "checks_failed": .text(String(failed)),
            "checks_incomplete": .text(String(incomplete)),
            "has_failed_checks": .flag(failed > 0),
            "has_incomplete_checks": .flag(incomplete > 0),
            "all_checks_passed": .flag(judged > 0 && passed == judged),
        ]
    }

    private static func checkRow(_ check: LabCheck, texts: CheckTexts, site: SiteContext) -> ViewObject {
        let verdict = texts.verdict
        let label = Labels.verdict(verdict)
        return [
            "item": .localized(check.item),
            "method": .text(check.method),
            "value": .localized(texts.value),
            "limit": .localized(texts.limit),
            "limit_source": .text(check.limitSource),
            "verdict": .text(verdict.rawValue),
            "verdict_text": .localized(zh: label.zh, en: label.en),
            "verdict_icon": .text(label.icon),
            "is_pass": .flag(verdict == .pass),
            "is_fail": .flag(verdict == .fail),
            "lab": .localized(site.siteNames(check.labSiteID)),
            "report_no": .text(check.reportNumber),
            "report_url": .text(texts.reportURL),
            "tested_at": .text(texts.testedAt),
        ]
    }

    static func resultText(_ check: LabCheck) -> LocalizedText {
        let unit = check.unit.isEmpty ? "" : " " + check.unit
        switch check.result {
        case .value(let value):
            let text = formatNumber(value) + unit
            return LocalizedText(zh: text, en: text)
        case .notDetected: return LocalizedText(zh: "未检出", en: "not detected")
        case .missing: return LocalizedText(zh: "未报告", en: "not reported")
        case .samples(let samples):
            let zh = samples.map { if case .value(let v) = $0 { formatNumber(v) } else { "未检出" } }
            let en = samples.map { if case .value(let v) = $0 { formatNumber(v) } else { "ND" } }
            return LocalizedText(zh: "n=\(samples.count)：" + zh.joined(separator: "、") + unit, en: "n=\(samples.count): " + en.joined(separator: ", ") + unit)
        }
    }

    static func limitText(_ check: LabCheck, language: Language = .english) -> String {
        let unit = check.limitUnit.isEmpty ? "" : " " + check.limitUnit
        switch check.limit {
        case .none: return "—"
        case .atMost(let max): return "≤ \(formatNumber(max))\(unit)"
        case .atLeast(let min): return "≥ \(formatNumber(min))\(unit)"
        case .range(let low, let high): return "\(formatNumber(low))–\(formatNumber(high))\(unit)"
        case .samplingPlan(let plan) where plan.m == 0 && plan.bigM == 0:
            return "n=\(plan.n), c=\(plan.c), " + (language == .chinese ? "不得检出" : "absent") + unit
        case .samplingPlan(let plan):
            return "n=\(plan.n), c=\(plan.c), m=\(formatNumber(plan.m)), M=\(formatNumber(plan.bigM))\(unit)"
        }
    }
}

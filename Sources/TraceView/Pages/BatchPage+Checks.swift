import TraceModel

extension BatchPage {
    /// What a check row shows that no language changes: drawn once per batch, read by both pages.
    struct CheckTexts: Sendable {
        /// The verdict the numbers support: the page shows it; `build` has already refused any
        /// batch whose stated verdict disagrees.
        let verdict: Verdict
        let value: LocalizedText
        let limit: LocalizedText
        let reportURL: String?

        init(_ check: LabCheck) {
            verdict = check.evaluation.verdict
            value = resultText(check)
            limit = limitTexts(check)
            reportURL = check.reportURL.flatMap { isWebLink($0) ? $0 : nil }
        }
    }

    static func checkFields(_ record: BatchRecord, site: SiteContext, texts: [CheckTexts]) -> ViewObject {
        // Counted in plain variables: a `[Verdict: Int]` hashed each of a batch's dozen checks.
        var passed = 0, failed = 0, incomplete = 0, informative = 0
        let groups = LabCheck.Stage.allCases.compactMap { stage -> ViewValue? in
            let positions = record.checks.indices.filter { record.checks[$0].stage == stage }
            guard !positions.isEmpty else { return nil }
            var labIDs: [Int64] = []
            for position in positions {
                if let lab = record.checks[position].labSiteID, !labIDs.contains(lab) { labIDs.append(lab) }
            }
            let labs = labIDs.sorted().compactMap { site.siteNames($0) }
            // Mostly one lab a stage: its names as they are, no lists to join.
            let labNames = labs.count == 1 ? labs[0] : LocalizedText(zh: labs.map(\.zh).joined(separator: "、"), en: labs.map(\.en).joined(separator: ", "))
            return .object([
                "stage": .localized(Labels.stage(stage)),
                "labs": .localized(labNames),
                "checks": .list(
                    positions.map { position in
                        switch texts[position].verdict {
                        case .pass: passed += 1
                        case .fail: failed += 1
                        case .incomplete: incomplete += 1
                        case .info: informative += 1
                        }
                        return .object(checkRow(record.checks[position], texts: texts[position], site: site))
                    }),
            ])
        }
        let judged = record.checks.count - informative
        return [
            "check_groups": .list(groups),
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
            "tested_at": .time(check.testedAt, .minute),
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
            // Each language's line grown in place (arrays of numbers joined were a dozen
            // allocations per microbiology check).
            var zh = "n=\(samples.count)："
            var en = "n=\(samples.count): "
            zh.reserveCapacity(zh.utf8.count + samples.count * 12 + unit.utf8.count)
            en.reserveCapacity(en.utf8.count + samples.count * 8 + unit.utf8.count)
            for (position, sample) in samples.enumerated() {
                if position > 0 {
                    zh += "、"
                    en += ", "
                }
                if case .value(let value) = sample {
                    let number = formatNumber(value)
                    zh += number
                    en += number
                } else {
                    zh += "未检出"
                    en += "ND"
                }
            }
            zh += unit
            en += unit
            return LocalizedText(zh: zh, en: en)
        }
    }

    /// A check's limit as shown, in both languages. Only a plan that allows no detection is
    /// worded differently; every other limit is formatted once for both (it was formatted per
    /// language, number by number: a seventh of a batch's facts, `Benchmarks/render/run.sh`).
    static func limitTexts(_ check: LabCheck) -> LocalizedText {
        let unit = check.limitUnit.isEmpty ? "" : " " + check.limitUnit
        let text: String
        switch check.limit {
        case .none: text = "—"
        case .atMost(let max): text = "≤ \(formatNumber(max))\(unit)"
        case .atLeast(let min): text = "≥ \(formatNumber(min))\(unit)"
        case .range(let low, let high): text = "\(formatNumber(low))–\(formatNumber(high))\(unit)"
        case .samplingPlan(let plan) where plan.m == 0 && plan.bigM == 0:
            let counts = "n=\(plan.n), c=\(plan.c), "
            return LocalizedText(zh: counts + "不得检出" + unit, en: counts + "absent" + unit)
        case .samplingPlan(let plan):
            text = "n=\(plan.n), c=\(plan.c), m=\(formatNumber(plan.m)), M=\(formatNumber(plan.bigM))\(unit)"
        }
        return LocalizedText(zh: text, en: text)
    }
}

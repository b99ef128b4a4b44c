extension BatchRecord {
    /// Every rule a publishable batch must satisfy, beyond what decoding the rows already checked.
    ///
    /// - Parameter reference: Products and sites the batch refers to.
    /// - Returns: The problems found, in table order; empty when the batch may be published.
    public func problems(against reference: ReferenceData) -> [StoreProblem] {
        let label = "\(batch.gtin)/\(batch.lot)"
        var problems: [StoreProblem] = []
        func report(_ table: String, _ row: Int64?, _ field: String, _ message: String) {
            problems.append(StoreProblem(table: table, rowID: row, field: field, message: message, batch: label))
        }

        if reference.products[batch.gtin] == nil {
            report("batch", batch.id, "gtin", "no product with GTIN \(batch.gtin)")
        }
        if batch.expiresOn <= batch.producedOn {
            report("batch", batch.id, "expires_on", "expiry \(batch.expiresOn) is not after production \(batch.producedOn)")
        }
        if let factory = batch.factorySiteID {
            if let site = reference.sites[factory] {
                if site.kind != .factory { report("batch", batch.id, "factory_site_id", "site \(factory) is a \(site.kind.rawValue), not a factory") }
            } else {
                report("batch", batch.id, "factory_site_id", "no site with id \(factory)")
            }
        }

        for origin in origins {
            guard let site = reference.sites[origin.farmSiteID] else {
                report("batch_origin", origin.id, "farm_site_id", "no site with id \(origin.farmSiteID)")
                continue
            }
            if !site.kind.suppliesRawMilk {
                report("batch_origin", origin.id, "farm_site_id", "site \(site.code) is a \(site.kind.rawValue), not a farm or pasture")
            }
        }

        var previous: ProcessStep?
        for step in steps {
            if let siteID = step.siteID, reference.sites[siteID] == nil {
                report("process_step", step.id, "site_id", "no site with id \(siteID)")
            }
            if let previous {
                if step.sequence == previous.sequence {
                    report("process_step", step.id, "sequence", "sequence \(step.sequence) is used twice")
                } else if step.occurredAt < previous.occurredAt {
                    report(
                        "process_step", step.id, "occurred_at",
                        "step \(step.sequence) at \(step.occurredAt) is earlier than step \(previous.sequence) at \(previous.occurredAt): steps out of order")
                }
            }
            previous = step
        }

        for check in checks {
            let evaluation = check.evaluation
            if evaluation.verdict != check.statedVerdict {
                report(
                    "lab_check", check.id, "verdict",
                    "stated '\(check.statedVerdict.rawValue)' but the numbers give '\(evaluation.verdict.rawValue)': \(evaluation.reason)")
            }
            if let lab = check.labSiteID, reference.sites[lab] == nil {
                report("lab_check", check.id, "lab_site_id", "no site with id \(lab)")
            }
            if let url = check.reportURL, !isWebLink(url) {
                report("lab_check", check.id, "report_url", "'\(url)' is not an http(s) link")
            }
        }

        for item in media { problems += item.problems(table: "media", batch: label) }
        return problems
    }
}

extension MediaItem {
    /// Problems of a media row on its own: links and session times.
    public func problems(table: String, batch: String? = nil) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        func report(_ field: String, _ message: String) {
            problems.append(StoreProblem(table: table, rowID: id, field: field, message: message, batch: batch))
        }
        if !isWebLink(url) && !isPublicAssetPath(url) {
            report("url", "'\(url)' is neither an http(s) link nor a path under Public/")
        }
        if let replay = replayURL, !isWebLink(replay) { report("replay_url", "'\(replay)' is not an http(s) link") }
        if let start = startsAt, let end = endsAt, end < start {
            report("ends_at", "session ends (\(end)) before it starts (\(start))")
        }
        if kind == .livestream {
            if startsAt == nil { report("starts_at", "a livestream session needs a start time") }
            if !isWebLink(url) { report("url", "'\(url)' is not an http(s) link to the livestream") }
            if let poster, !isWebLink(poster) && !isPublicAssetPath(poster) {
                report("poster", "'\(poster)' is neither an http(s) link nor a path under Public/")
            }
        }
        if kind == .photo && alt.zh.isEmpty { report("alt_zh", "a photo needs alternative text") }
        return problems
    }
}

extension MediaItem {
    /// Whether a livestream session can be shown: a start, an end not before it, http(s) links.
    public var isPublishableSession: Bool { kind == .livestream && problems(table: "media").isEmpty }
}

/// Whether a link is absolute http or https, the only schemes a trace page links to.
///
/// Checked over UTF-8 bytes: every page checks its links, and walking `Character`s made this 4%
/// of a 100,000-batch build (`perf record`).
public func isWebLink(_ text: String) -> Bool {
    guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return false }
    var copy = text
    return copy.withUTF8 { bytes in
        !bytes.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") }
    }
}

/// Whether a path names a file under `Public/` (no scheme, no `..`, no leading slash).
public func isPublicAssetPath(_ text: String) -> Bool {
    !text.isEmpty && !text.hasPrefix("/") && !text.contains(":") && !text.split(separator: "/").contains("..")
}

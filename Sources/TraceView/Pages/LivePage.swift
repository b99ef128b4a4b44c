public import TraceModel

/// The campaign page `live/` (and `live/en/`): every session across sites, upcoming first.
public enum LivePage {
    public static func view(in context: SiteContext, language: Language) -> ViewObject {
        let root = language == .chinese ? "../" : "../../"
        var view = context.commonFields(
            root: root, title: context.strings.text("live_page_title", language) + " · " + language.pick(context.reference.brand.name),
            language: language, alternate: language == .chinese ? "en/" : "../")
        let (upcoming, replays) = LivestreamSchedule.grouped(in: context, language: language, root: root)
        view.merge([
            "upcoming": .objects(upcoming),
            "replays": .objects(replays),
            "has_upcoming": .flag(!upcoming.isEmpty),
            "has_replays": .flag(!replays.isEmpty),
            "calendar_href": .text(root + "live.ics"),
            "live_script": .text(upcoming.isEmpty ? "" : root + "live.js"),
        ])
        return view
    }
}

/// The recalls page `recalls/` (and `recalls/en/`): recalled and on-hold batches with reason
/// and date, newest first, for journalists, regulators and retailers; `recalls.xml` is its feed.
public enum RecallsPage {
    public static func view(of batches: [Batch], in context: SiteContext, language: Language) -> ViewObject {
        let root = language == .chinese ? "../" : "../../"
        var view = context.commonFields(
            root: root, title: context.strings.text("recalls_title", language) + " · " + language.pick(context.reference.brand.name),
            language: language, alternate: language == .chinese ? "en/" : "../")
        view.merge([
            "feed_href": .text(root + "recalls.xml"),
            "has_batches": .flag(!batches.isEmpty),
            "batches": .objects(
                batches.map { batch in
                    let (reason, since) = batch.status.reasonAndDate ?? (LocalizedText(zh: "", en: ""), batch.producedOn)
                    return [
                        "status_text": .text(language.pick(Labels.status(batch.status))),
                        "since": .text(since.description),
                        "product": .text(language.pick(context.productName(batch.gtin))),
                        "lot": .text(batch.lot.text),
                        "href": .text(root + "01/\(batch.gtin.digits)/10/\(batch.lot.text)/" + language.folder),
                        "reason": .text(language.pick(reason)),
                    ]
                }),
        ])
        return view
    }
}

extension BatchStatus {
    /// Why and since when a batch is not released; nil when it is.
    public var reasonAndDate: (LocalizedText, CalendarDate)? {
        switch self {
        case .released: nil
        case .onHold(let reason, let since), .recalled(let reason, let since): (reason, since)
        }
    }
}

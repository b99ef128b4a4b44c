public import TraceModel

/// Livestream sessions of the brand's sites, judged against the store's "data as of" time so
/// the same store always renders the same pages: a session that has not ended by then is
/// upcoming (a small optional script marks it "live now" from the device clock), one that has
/// ended is a replay. Sessions with problems (no start, end before start, a link that is not
/// http(s)) are left out, never rendered broken; `ReferenceData.omissions()` names them.
public enum LivestreamSchedule {
    /// A session ready to show, with its site.
    public struct Session: Sendable {
        public let item: MediaItem
        public let siteID: Int64
        public let start: Timestamp
        public let isPast: Bool
    }

    /// Sessions at the given sites (all sites when nil), in start order.
    public static func sessions(at siteIDs: [Int64]? = nil, in reference: ReferenceData) -> [Session] {
        var sessions: [Session] = []
        var seen = Set<Int64>()
        for siteID in siteIDs ?? reference.sites.keys.sorted() where seen.insert(siteID).inserted {
            for item in reference.siteMedia[siteID] ?? [] where item.kind == .livestream && item.isPublishableSession {
                let start = item.startsAt!
                let isPast = reference.dataAsOf.map { (item.endsAt ?? start) < $0 } ?? false
                sessions.append(Session(item: item, siteID: siteID, start: start, isPast: isPast))
            }
        }
        return sessions.sorted { ($0.start, $0.item.id) < ($1.start, $1.item.id) }
    }

    /// Template fields of the sessions at the given sites (all when nil): upcoming ones soonest
    /// first, replays latest first.
    static func grouped(at siteIDs: [Int64]? = nil, in site: SiteContext, language: Language, root: String)
        -> (upcoming: [ViewObject], replays: [ViewObject])
    {
        let sessions = sessions(at: siteIDs, in: site.reference)
        let fields = { (session: Session) in Self.fields(session, site: site, language: language, root: root) }
        return (sessions.filter { !$0.isPast }.map(fields), sessions.filter(\.isPast).reversed().map(fields))
    }

    /// Template fields of a session.
    ///
    /// - Parameter root: Relative path to the site root, for poster images and site links.
    static func fields(_ session: Session, site: SiteContext, language: Language, root: String) -> ViewObject {
        let item = session.item
        let place = site.reference.sites[session.siteID]
        let watch = session.isPast ? item.replayURL : item.url
        let platform = item.platform.map(Platforms.label)
        return [
            "title": .text(language.pick(item.title)),
            "place": .text(place.map { language.pick($0.name) }),
            "place_href": .text(place.map { root + SitePage.folder(of: $0.code, language: language) + "/" }),
            "platform": .text(platform.map { language.pick($0) }),
            "starts_at": .text(DisplayFormat.localTime(session.start)),
            "ends_at": .text(item.endsAt.map(DisplayFormat.localTime)),
            "offset": .text(DisplayFormat.offset(session.start)),
            "datetime": .text(session.start.description),
            "end_datetime": .text(item.endsAt?.description),
            "is_upcoming": .flag(!session.isPast),
            "is_replay": .flag(session.isPast),
            "url": .text(watch.flatMap { isWebLink($0) ? $0 : nil }),
            "poster": .text(item.poster.flatMap { isWebLink($0) ? $0 : site.publicFiles.contains($0) ? root + $0 : nil }),
            "poster_alt": .text(language.pick(item.alt).isEmpty ? language.pick(item.title) : language.pick(item.alt)),
        ]
    }
}

/// Livestream platforms by their codes (`douyin`, `wechat_channels`, …), in both languages;
/// other text is shown as written.
public enum Platforms {
    public static let codes = ["douyin", "wechat_channels", "bilibili", "kuaishou", "taobao_live", "youtube", "other"]

    public static func label(_ code: String) -> LocalizedText {
        switch code {
        case "douyin": LocalizedText(zh: "抖音", en: "Douyin")
        case "wechat_channels": LocalizedText(zh: "微信视频号", en: "WeChat Channels")
        case "bilibili": LocalizedText(zh: "哔哩哔哩", en: "Bilibili")
        case "kuaishou": LocalizedText(zh: "快手", en: "Kuaishou")
        case "taobao_live": LocalizedText(zh: "淘宝直播", en: "Taobao Live")
        case "youtube": LocalizedText(zh: "YouTube", en: "YouTube")
        case "other": LocalizedText(zh: "其他平台", en: "Other")
        default: LocalizedText(zh: code, en: code)
        }
    }
}

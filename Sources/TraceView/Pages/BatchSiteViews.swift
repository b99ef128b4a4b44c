import TraceModel

/// Parts of batch pages that depend on a site alone (a farm's origin card, a site's livestream
/// sessions), drawn once per build and language instead of once per batch.
///
/// Why: every batch from a farm shows the same card and the same sessions, and a profile of a
/// 100,000-batch build (`perf record`) had 9% of all time redrawing them, most of it checking
/// the same session links again.
struct BatchSiteViews: Sendable {
    /// The farm part of origin cards, by site id, in both languages (`ViewValue.localized`).
    private var farms: [Int64: ViewObject] = [:]
    /// Each site's publishable sessions in start order, with their fields in both languages.
    private var sessions: [Int64: [(session: LivestreamSchedule.Session, fields: ViewObject)]] = [:]

    /// Site names by id, so a batch's steps and checks name their places without copying a
    /// whole `Site` (every string in it retained and released) out of the reference data.
    private var names: [Int64: LocalizedText] = [:]
    private var codes: [Int64: String] = [:]
    /// The fields every batch page shares, in both languages, without its title.
    private(set) var pageCommon = ViewObject()

    /// Nothing drawn yet (the state while `SiteContext` is being made).
    init() {}

    /// Draws each part once per language with the code single-language pages use, and keeps
    /// one bilingual view of it (`ViewObject.bilingual`).
    init(drawing site: SiteContext) {
        pageCommon = ViewObject.bilingual { language in
            site.commonFields(root: BatchPage.root(language), title: "", language: language, alternate: language == .chinese ? "en/" : "../")
        }
        for (siteID, place) in site.reference.sites {
            names[siteID] = place.name
            codes[siteID] = place.code
            farms[siteID] = ViewObject.bilingual { BatchPage.farmFields(siteID, site: site, language: $0) }
            let sessions = LivestreamSchedule.sessions(at: [siteID], in: site.reference)
            guard !sessions.isEmpty else { continue }
            self.sessions[siteID] = sessions.map { session in
                (session, ViewObject.bilingual { LivestreamSchedule.fields(session, site: site, language: $0, root: BatchPage.root($0)) })
            }
        }
    }

    /// The farm part of an origin card in both languages, or nil for a site the store does not have.
    func farm(_ siteID: Int64) -> ViewObject? { farms[siteID] }

    /// Session fields of the given sites (each once) in both languages, in start order as
    /// `LivestreamSchedule.sessions(at:in:)` orders them.
    ///
    /// Runs for every batch, with a farm or two and a factory: the sites are told apart by a
    /// scan, not a set, and sessions of one site alone come in order already, unsorted.
    func sessions(at siteIDs: [Int64]) -> [ViewObject] {
        var found: [(session: LivestreamSchedule.Session, fields: ViewObject)] = []
        var sitesWithSessions = 0
        for (position, siteID) in siteIDs.enumerated() where !siteIDs[..<position].contains(siteID) {
            guard let atSite = sessions[siteID] else { continue }
            found += atSite
            sitesWithSessions += 1
        }
        if sitesWithSessions > 1 {
            found.sort { ($0.session.start, $0.session.item.id) < ($1.session.start, $1.session.item.id) }
        }
        return found.map(\.fields)
    }

    /// A site's name in `language`, or nil for a site the store does not have.
    func name(_ siteID: Int64?, _ language: Language) -> String? {
        names(siteID).map { language.pick($0) }
    }

    /// A site's name in both languages, or nil for a site the store does not have.
    func names(_ siteID: Int64?) -> LocalizedText? { siteID.flatMap { names[$0] } }

    /// A site's code, or nil for a site the store does not have.
    func code(_ siteID: Int64?) -> String? { siteID.flatMap { codes[$0] } }
}

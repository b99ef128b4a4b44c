import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

extension BuildInputs {
    /// Writes a page per site (with the batches it supplied, streamed a page at a time and
    /// paginated), the livestream campaign page with `live.ics` (and one per site with
    /// sessions), and the recalls page with its Atom feed `recalls.xml`.
    ///
    /// - Returns: The number of site pages.
    func publishOriginPages(into sink: SiteFileSink, sitemap: SitemapBuilder, pagesDone: (Int) throws -> Void = { _ in }) throws -> Int {
        let reference = site.reference
        let places = reference.sites.values.sorted(by: { $0.code < $1.code })
        let site = self.site
        let listings = places.map { place in
            let frame = SitePage.frame(of: place, in: site)
            return Listing(
                forEachBatch: { store, body in try store.forEachListedBatch(atSite: place.id, body) },
                pageSize: SitePage.pageSize,
                folder: { SitePage.folder(of: place.code, page: $0, language: $1) }, template: "site",
                references: references.sitePagePart(site: place.id),
                view: { SitePage.bilingualView(frame: frame, batches: $0, page: $1, pageCount: $2, in: site) })
        }
        let pages = try publish(listings, into: sink, sitemap: sitemap, pagesDone: pagesDone) { index in
            let place = places[index]
            let sessions = LivestreamSchedule.sessions(at: [place.id], in: reference)
            if !sessions.isEmpty {
                let name = "\(place.name.zh) 直播 · \(place.name.en) live"
                try sink.put(LiveCalendar.document(of: sessions, name: name, in: site), at: SitePage.folder(of: place.code) + "/live.ics")
            }
        }

        let brand = reference.brand.name
        try sink.put(
            LiveCalendar.document(of: LivestreamSchedule.sessions(in: reference), name: "\(brand.zh) 溯源直播 · \(brand.en) livestreams", in: site),
            at: "live.ics")
        var recalled: [Batch] = []
        try store.forEachBatchNotReleased { recalled.append($0) }
        try sink.put(RecallFeed.document(of: recalled, in: site), at: "recalls.xml")
        for language in Language.allCases {
            try sink.put(try templates.renderBytes(LivePage.view(in: site, language: language), with: "live"), at: "live/\(language.folder)index.html")
            try sitemap.add("\(site.baseURL)/live/\(language.folder)")
            try sink.put(
                try templates.renderBytes(RecallsPage.view(of: recalled, in: site, language: language), with: "recalls"),
                at: "recalls/\(language.folder)index.html")
            try sitemap.add("\(site.baseURL)/recalls/\(language.folder)")
        }
        return pages
    }
}

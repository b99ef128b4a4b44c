public import TraceModel

/// A farm's, pasture's, factory's or lab's page: what it is, where, its certificates, photos and
/// livestreams, and the batches it supplied, newest first, `pageSize` to a page:
/// `sites/{code}/index.html`, then `sites/{code}/page/2/index.html`…
public enum SitePage {
    /// Batches per page: enough to scroll on a phone, few enough pages for a season's output.
    public static let pageSize = 100

    /// The folder of page `number` (1-based), relative to the site root.
    public static func folder(of code: String, page number: Int = 1, language: Language = .chinese) -> String {
        (number == 1 ? "sites/\(code)" : "sites/\(code)/page/\(number)") + (language == .chinese ? "" : "/en")
    }

    /// Builds one page in one language (what a build renders is `bilingualView`, resolved).
    ///
    /// - Parameters:
    ///   - place: The site.
    ///   - batches: This page's batches, newest first.
    ///   - page: 1-based page number.
    ///   - pageCount: Number of pages (at least 1).
    ///   - context: Base URL, reference data and texts.
    public static func view(
        of place: Site, batches: [Batch], page: Int, pageCount: Int, in context: SiteContext, language: Language
    ) -> ViewObject {
        bilingualView(frame: Frame(of: place, in: context), batches: batches, page: page, pageCount: pageCount, in: context).resolved(language)
    }

    /// What every page of a site's listing shows but its batches and pager (the site, its
    /// certificates, photos and sessions), in both languages: drawn once per listing.
    ///
    /// Why: drawing it for every page and language was most of a page's view that is not its
    /// rows, and a 100,000-batch site has some 10,000 site listing pages. It differs between the
    /// first page and the others only by the way back to the site root.
    public struct Frame: Sendable {
        fileprivate let firstPage: ViewObject
        fileprivate let laterPages: ViewObject

        public init(of place: Site, in context: SiteContext) {
            func draw(page: Int) -> ViewObject {
                ViewObject.bilingual { language in SitePage.frameFields(of: place, page: page, in: context, language: language) }
            }
            firstPage = draw(page: 1)
            laterPages = draw(page: 2)
        }
    }

    /// One page in both languages, `.localized` where they differ: both pages are rendered from
    /// it in one walk of the template (`TemplateSet.renderBothLanguages`), and each batch's row
    /// is built once, not once per language.
    public static func bilingualView(frame: Frame, batches: [Batch], page: Int, pageCount: Int, in context: SiteContext) -> ViewObject {
        let chinese = ListingPager(page: page, pageCount: pageCount, language: .chinese)
        let english = ListingPager(page: page, pageCount: pageCount, language: .english)
        var view = page == 1 ? frame.firstPage : frame.laterPages
        view.merge(ListingPager.bilingualFields(page: page, pageCount: pageCount))
        view["batches"] = .objects(
            batches.map { batch in
                [
                    "product": .localized(context.productName(batch.gtin)),
                    "lot": .text(batch.lot.text),
                    "href": .localized(zh: chinese.batchLink(gtin: batch.gtin, lot: batch.lot), en: english.batchLink(gtin: batch.gtin, lot: batch.lot)),
                    "produced_on": .text(batch.producedOn.description),
                    "status_text": .localized(Labels.status(batch.status)),
                    "is_released": .flag(batch.status == .released),
                ]
            })
        return view
    }

    /// The frame's fields in one language, for page `page` (1, or any other: they differ only
    /// in their links back to the root).
    private static func frameFields(of place: Site, page: Int, in context: SiteContext, language: Language) -> ViewObject {
        let pager = ListingPager(page: page, pageCount: page, language: language)
        let root = pager.root
        var view = context.commonFields(
            root: root, title: language.pick(place.name), language: language, alternate: language == .chinese ? "en/" : "../")
        let reference = context.reference
        let asOf = reference.dataAsOf?.local.date
        let (upcoming, replays) = LivestreamSchedule.grouped(at: [place.id], in: context, language: language, root: root)
        let certificates = reference.siteCertificates[place.id] ?? []
        view.merge([
            "has_certificates": .flag(!certificates.isEmpty),
            "has_replays": .flag(!replays.isEmpty),
            "site_name": .text(language.pick(place.name)),
            "kind": .text(language.pick(Labels.siteKind(place.kind))),
            "region": .text(language.pick(place.region)),
            "description": .text(language.pick(place.description)),
            "coordinates": .text(place.coordinate.map(DisplayFormat.coordinate)),
            "geo_uri": .text(place.coordinate.map(DisplayFormat.geoURI)),
            "herd_size": .text(place.herdSize.map(DisplayFormat.grouped)),
            "certificates": .objects(
                certificates.map { certificate in
                    let expired = asOf.flatMap { date in certificate.validUntil.map { $0 < date } } ?? false
                    return [
                        "name": .text(language.pick(certificate.name)),
                        "number": .text(certificate.number),
                        "issuer": .text(certificate.issuer),
                        "valid_from": .text(certificate.validFrom?.description),
                        "valid_until": .text(certificate.validUntil?.description),
                        "is_expired": .flag(expired),
                        "url": .text(certificate.url.flatMap { isWebLink($0) ? $0 : nil }),
                    ]
                }),
            "photos": .objects(
                (reference.siteMedia[place.id] ?? []).filter { $0.kind == .photo }.map {
                    BatchPage.photoFields($0, root: root, language: language)
                }),
            "upcoming": .objects(upcoming),
            "replays": .objects(replays),
            "has_sessions": .flag(!upcoming.isEmpty || !replays.isEmpty),
            "has_upcoming": .flag(!upcoming.isEmpty),
            "live_script": .text(upcoming.isEmpty ? "" : root + "live.js"),
            "calendar_href": .text(pager.toFirst + "live.ics"),
        ])
        return view
    }
}

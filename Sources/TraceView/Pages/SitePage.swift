public import TraceModel

/// A farm's, pasture's, factory's or lab's page: what it is, where, its certificates, photos and
/// livestreams, and the batches it supplied, newest first, `pageSize` to a page:
/// `sites/{code}/index.html`, then `sites/{code}/page/2/index.html`…
public enum SitePage {
    /// The keys of `strings.json` this code reads itself: none (its texts come from the store
    /// and `{{t.key}}` in the template); listing pages' render keys cover only the strings they
    /// read, so a `site.strings.text` added here must add its key (see `BatchPage`).
    public static let stringKeysReadByCode: Set<String> = []

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
        bilingualView(frame: frame(of: place, in: context), batches: batches, page: page, pageCount: pageCount, in: context).resolved(language)
    }

    /// What every page of a site's listing shows but its batches and pager, drawn once.
    public static func frame(of place: Site, in context: SiteContext) -> ListingFrame {
        ListingFrame { pager in frameFields(of: place, pager: pager, in: context) }
    }

    /// One page in both languages, `.localized` where they differ: both pages are rendered from
    /// it in one walk of the template (`TemplateSet.renderBothLanguages`), and each batch's row
    /// is built once, not once per language.
    public static func bilingualView(frame: ListingFrame, batches: [Batch], page: Int, pageCount: Int, in context: SiteContext) -> ViewObject {
        let pagers = Language.allCases.map { ListingPager(page: page, pageCount: pageCount, language: $0) }
        var view = frame.page(page, of: pageCount)
        view["batches"] = .objects(
            batches.map { batch in
                let links = pagers.map { "\($0.root)01/\(batch.gtin.digits)/10/\(batch.lot.text)/\($0.language.folder)" }
                return [
                    "product": .localized(context.productName(batch.gtin)),
                    "lot": .text(batch.lot.text),
                    "href": .localized(zh: links[0], en: links[1]),
                    "produced_on": .text(batch.producedOn.description),
                    "status_text": .localized(Labels.status(batch.status)),
                    "is_released": .flag(batch.status == .released),
                ]
            })
        return view
    }

    /// The frame's fields in the pager's language, for a page placed as it is.
    private static func frameFields(of place: Site, pager: ListingPager, in context: SiteContext) -> ViewObject {
        let (root, language) = (pager.root, pager.language)
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

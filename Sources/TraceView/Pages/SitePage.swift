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

    /// Builds one page.
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
        let pager = ListingPager(page: page, pageCount: pageCount, language: language)
        let root = pager.root
        var view = context.commonFields(
            root: root, title: language.pick(place.name), language: language, alternate: language == .chinese ? "en/" : "../")
        let reference = context.reference
        let asOf = reference.dataAsOf?.local.date
        let (upcoming, replays) = LivestreamSchedule.grouped(at: [place.id], in: context, language: language, root: root)
        let certificates = reference.siteCertificates[place.id] ?? []
        view.merge(pager.fields)
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
            "batches": .objects(
                batches.map { batch in
                    [
                        "product": .text(reference.products[batch.gtin].map { language.pick($0.name) } ?? batch.gtin.digits),
                        "lot": .text(batch.lot.text),
                        "href": .text("\(root)01/\(batch.gtin.digits)/10/\(batch.lot.text)/\(language.folder)"),
                        "produced_on": .text(batch.producedOn.description),
                        "status_text": .text(language.pick(Labels.status(batch.status))),
                        "is_released": .flag(batch.status == .released),
                    ]
                }),
        ])
        return view
    }
}

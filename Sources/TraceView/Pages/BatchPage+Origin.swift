import TraceModel

extension BatchPage {
    static func originFields(_ origin: BatchOrigin, site: SiteContext, language: Language) -> ViewObject {
        let farm = site.reference.sites[origin.farmSiteID]
        let kind = farm.map { Labels.siteKind($0.kind) }
        let certificates = site.reference.siteCertificates[origin.farmSiteID] ?? []
        let photos = (site.reference.siteMedia[origin.farmSiteID] ?? []).filter { $0.kind == .photo }
        return [
            "farm": .text(farm.map { language.pick($0.name) } ?? "#\(origin.farmSiteID)"),
            "farm_href": .text(farm.map { root(language) + SitePage.folder(of: $0.code, language: language) + "/" }),
            "kind": .text(kind.map { language.pick($0) }),
            "region": .text(farm.map { language.pick($0.region) }),
            "description": .text(farm.map { language.pick($0.description) }),
            "coordinates": .text(farm?.coordinate.map(DisplayFormat.coordinate)),
            "geo_uri": .text(farm?.coordinate.map(DisplayFormat.geoURI)),
            "herd_size": .text(farm?.herdSize.map(DisplayFormat.grouped)),
            "raw_milk_lot": .text(origin.rawMilkLot),
            "tanker_plate": .text(origin.tankerPlate),
            "arrived_at": .text(origin.arrivedAt.map(DisplayFormat.localTime)),
            "arrival_celsius": .text(origin.arrivalCelsius.map(DisplayFormat.celsius)),
            "certificates": .objects(
                certificates.map { certificate in
                    [
                        "name": .text(language.pick(certificate.name)),
                        "number": .text(certificate.number),
                        "issuer": .text(certificate.issuer),
                        "valid_until": .text(certificate.validUntil?.description),
                    ]
                }),
            "photos": .objects(photos.map { photoFields($0, root: root(language), language: language) }),
        ]
    }

    /// Sessions from the farms this batch came from and from its factory.
    static func livestreams(_ record: BatchRecord, site: SiteContext, language: Language = .chinese) -> [ViewObject] {
        var siteIDs = record.origins.map(\.farmSiteID)
        if let factory = record.batch.factorySiteID { siteIDs.append(factory) }
        return LivestreamSchedule.sessions(at: siteIDs, in: site.reference).map {
            LivestreamSchedule.fields($0, site: site, language: language, root: root(language))
        }
    }
}

import TraceModel

extension BatchPage {
    /// An origin card in both languages: the farm's part drawn once per build, the batch's added.
    static func originFields(_ origin: BatchOrigin, site: SiteContext) -> ViewObject {
        var fields = site.batchSiteViews.farm(origin.farmSiteID)
            ?? ViewObject.bilingual { farmFields(origin.farmSiteID, site: site, language: $0) }
        fields.merge([
            "raw_milk_lot": .text(origin.rawMilkLot),
            "tanker_plate": .text(origin.tankerPlate),
            "arrived_at": .time(origin.arrivedAt, .minute),
            "arrival_celsius": .text(origin.arrivalCelsius.map(DisplayFormat.celsius)),
        ])
        return fields
    }

    /// The farm's part of an origin card: the same on every batch from that farm.
    static func farmFields(_ farmSiteID: Int64, site: SiteContext, language: Language) -> ViewObject {
        let farm = site.reference.sites[farmSiteID]
        let kind = farm.map { Labels.siteKind($0.kind) }
        let certificates = site.reference.siteCertificates[farmSiteID] ?? []
        let photos = (site.reference.siteMedia[farmSiteID] ?? []).filter { $0.kind == .photo }
        return [
            "farm": .text(farm.map { language.pick($0.name) } ?? "#\(farmSiteID)"),
            "farm_href": .text(farm.map { root(language) + SitePage.folder(of: $0.code, language: language) + "/" }),
            "kind": .text(kind.map { language.pick($0) }),
            "region": .text(farm.map { language.pick($0.region) }),
            "description": .text(farm.map { language.pick($0.description) }),
            "coordinates": .text(farm?.coordinate.map(DisplayFormat.coordinate)),
            "geo_uri": .text(farm?.coordinate.map(DisplayFormat.geoURI)),
            "herd_size": .text(farm?.herdSize.map(DisplayFormat.grouped)),
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

    /// Sessions from the farms this batch came from and from its factory, in start order.
    /// Their fields are in both languages.
    static func livestreams(_ record: BatchRecord, site: SiteContext) -> [ViewObject] {
        var siteIDs = record.origins.map(\.farmSiteID)
        if let factory = record.batch.factorySiteID { siteIDs.append(factory) }
        return site.batchSiteViews.sessions(at: siteIDs)
    }
}

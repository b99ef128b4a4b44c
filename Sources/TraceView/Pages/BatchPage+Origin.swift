import TraceModel

extension BatchPage {
    static func originFields(_ origin: BatchOrigin, site: SiteContext) -> ViewObject {
        let farm = site.reference.sites[origin.farmSiteID]
        let kind = farm.map { Labels.siteKind($0.kind) }
        let certificates = site.reference.siteCertificates[origin.farmSiteID] ?? []
        let photos = (site.reference.siteMedia[origin.farmSiteID] ?? []).filter { $0.kind == .photo }
        return [
            "farm_zh": .text(farm?.name.zh ?? "#\(origin.farmSiteID)"),
            "farm_en": .text(farm?.name.en ?? "#\(origin.farmSiteID)"),
            "kind_zh": .text(kind?.zh),
            "kind_en": .text(kind?.en),
            "region_zh": .text(farm?.region.zh),
            "region_en": .text(farm?.region.en),
            "description_zh": .text(farm?.description.zh),
            "description_en": .text(farm?.description.en),
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
                        "name_zh": .text(certificate.name.zh),
                        "name_en": .text(certificate.name.en),
                        "number": .text(certificate.number),
                        "issuer": .text(certificate.issuer),
                        "valid_until": .text(certificate.validUntil?.description),
                    ]
                }),
            "photos": .objects(photos.map { photoFields($0, root: root) }),
        ]
    }

    /// Sessions from the farms this batch came from and from its factory: upcoming ones and replays,
    /// judged against the store's "data as of" time so the same store always renders the same page.
    static func livestreams(_ record: BatchRecord, site: SiteContext) -> [ViewObject] {
        var siteIDs = record.origins.map(\.farmSiteID)
        if let factory = record.batch.factorySiteID { siteIDs.append(factory) }
        var seen = Set<Int64>()
        let asOf = site.reference.dataAsOf
        var sessions: [(Timestamp, ViewObject)] = []
        for siteID in siteIDs where seen.insert(siteID).inserted {
            let place = site.reference.sites[siteID]
            for item in site.reference.siteMedia[siteID] ?? [] where item.kind == .livestream {
                guard let start = item.startsAt else { continue }
                let isPast = asOf.map { (item.endsAt ?? start) < $0 } ?? false
                let watch = isPast ? item.replayURL : item.url
                sessions.append(
                    (start,
                     [
                        "title_zh": .text(item.title.zh),
                        "title_en": .text(item.title.en),
                        "place_zh": .text(place?.name.zh),
                        "place_en": .text(place?.name.en),
                        "platform": .text(item.platform),
                        "starts_at": .text(DisplayFormat.localTime(start)),
                        "offset": .text(DisplayFormat.offset(start)),
                        "datetime": .text(start.description),
                        "is_upcoming": .flag(!isPast),
                        "is_replay": .flag(isPast),
                        "url": .text(watch.flatMap { isWebLink($0) ? $0 : nil }),
                     ]))
            }
        }
        return sessions.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

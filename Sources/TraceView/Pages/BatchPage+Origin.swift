import TraceModel

extension BatchPage {
    static func originFields(_ origin: BatchOrigin, site: SiteContext, language: Language) -> ViewObject {
        let farm = site.reference.sites[origin.farmSiteID]
        let kind = farm.map { Labels.siteKind($0.kind) }
        let certificates = site.reference.siteCertificates[origin.farmSiteID] ?? []
        let photos = (site.reference.siteMedia[origin.farmSiteID] ?? []).filter { $0.kind == .photo }
        return [
            "farm": .text(farm.map { language.pick($0.name) } ?? "#\(origin.farmSiteID)"),
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

    /// Sessions from the farms this batch came from and from its factory: upcoming ones and replays,
    /// judged against the store's "data as of" time so the same store always renders the same page.
    static func livestreams(_ record: BatchRecord, site: SiteContext, language: Language = .chinese) -> [ViewObject] {
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
                        "title": .text(language.pick(item.title)),
                        "place": .text(place.map { language.pick($0.name) }),
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

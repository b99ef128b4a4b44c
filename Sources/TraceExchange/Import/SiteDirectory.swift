import TraceModel
import TraceStore

/// Sites by GLN: those already in the store (matched on `site.gln`), and new ones made from the
/// documents' location master data. A site entered by hand is never overwritten.
struct SiteDirectory {
    let writer: StoreWriter
    private var byGLN: [String: (id: Int64, kind: Site.Kind)] = [:]

    init(writer: StoreWriter) { self.writer = writer }

    /// Creates a site for every location with master data (a name) and no site yet. Its kind is
    /// `tp:siteKind` when given, else what happens there: transformations mean a factory, a lot
    /// commissioned there that no transformation made means a farm.
    mutating func learn(_ documents: [EPCISDocument], events: [EPCISEvent]) throws {
        let producedLots = Set(events.filter { $0.kind == .transformation }.flatMap { $0.objects.filter { $0.1 == .output }.map(\.0) })
        for document in documents {
            for (gln, location) in document.locations.sorted(by: { $0.key < $1.key }) {
                guard try site(gln: gln) == nil, let name = location.name ?? location.nameEnglish else { continue }
                let here = events.filter { $0.locationGLN == gln }
                let kind: Site.Kind
                if let given = location.siteKind.flatMap(Site.Kind.init(rawValue:)) {
                    kind = given
                } else if here.contains(where: { $0.kind == .transformation }) {
                    kind = .factory
                } else if here.contains(where: { $0.bizStep == "commissioning" && $0.objects.contains { !producedLots.contains($0.0) } }) {
                    kind = .farm
                } else {
                    kind = .warehouse
                }
                let coordinate = location.latitude.flatMap { lat in location.longitude.map { Coordinate(latitude: lat, longitude: $0) } }
                let site = Site(
                    id: 0, code: "gln-\(gln)", kind: kind, name: LocalizedText(zh: name, en: location.nameEnglish ?? name),
                    region: LocalizedText(zh: location.region ?? "", en: location.region ?? ""), coordinate: coordinate,
                    herdSize: nil, description: LocalizedText(zh: "", en: ""))
                let id = try writer.insert(site, gln: gln)
                byGLN[gln] = (id, kind)
            }
        }
    }

    /// The site with this GLN, if any.
    mutating func site(gln: String) throws -> (id: Int64, kind: Site.Kind)? {
        if let known = byGLN[gln] { return known }
        guard let found = try writer.site(gln: gln), let kind = Site.Kind(rawValue: found.kind) else { return nil }
        byGLN[gln] = (found.id, kind)
        return byGLN[gln]
    }
}

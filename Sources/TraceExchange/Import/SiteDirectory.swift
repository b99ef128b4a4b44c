import TraceModel
import TraceStore

/// Sites by GLN or code, and the master data that creates missing sites and products.
///
/// A site or product already in the store is never overwritten by master data: what was entered
/// by hand (or imported from spreadsheets) wins.
struct SiteDirectory {
    let writer: StoreWriter
    private var known: [LocationKey: (id: Int64, kind: Site.Kind)] = [:]

    init(writer: StoreWriter) { self.writer = writer }

    /// Creates the sites and products the documents' master data describe and the store lacks,
    /// checking their fields as `import csv` would (problems carry the attribute's JSON pointer).
    ///
    /// A location's kind is `tp:kind` when given, else what happens there: transformations mean
    /// a factory; a lot commissioned there that no transformation made means a farm.
    mutating func learn(_ documents: [(file: String, document: EPCISDocument)], events: [EPCISEvent]) throws -> [ImportProblem] {
        var rows = CSVRowWriter(writer: writer)
        let producedLots = Set(events.filter { $0.kind == .transformation }.flatMap { $0.objects.filter { $0.1 == .output }.map(\.0) })
        for (file, document) in documents {
            for element in document.masterData {
                var values = element.attributes
                switch element.kind {
                case .productClass(let gtin):
                    guard values["name_zh"] != nil, try writer.shelfLifeDays(of: gtin) == nil else { continue }
                    values["gtin"] = (gtin, element.pointer + "/id")
                    var row = CSVRecordReader(file: file, values: values, wholePlace: element.pointer)
                    try rows.product(&row)
                case .location(let key):
                    guard try site(key) == nil, let name = values["name_zh"] ?? values["name"] else { continue }
                    let here = events.filter { $0.location == key }
                    let inferred: Site.Kind =
                        if here.contains(where: { $0.kind == .transformation }) {
                            .factory
                        } else if here.contains(where: { $0.bizStep == "commissioning" && $0.objects.contains { !producedLots.contains($0.0) } }) {
                            .farm
                        } else {
                            .warehouse
                        }
                    let place = element.pointer
                    values["name_zh"] = name
                    values["name_en"] = values["name_en"] ?? values["nameEnglish"] ?? name
                    let region = ["state", "city", "countryCode"].compactMap { values[$0]?.text }.joined(separator: " ")
                    values["region_zh"] = values["region_zh"] ?? (region, place)
                    values["region_en"] = values["region_en"] ?? values["region_zh"]
                    values["kind"] = values["kind"] ?? values["siteKind"] ?? (inferred.rawValue, place)
                    switch key {
                    case .gln(let gln):
                        values["gln"] = (gln, place + "/id")
                        values["code"] = values["code"] ?? ("gln-\(gln)", place)
                    case .code(let code): values["code"] = (code, place + "/id")
                    }
                    var row = CSVRecordReader(file: file, values: values, wholePlace: place)
                    try rows.site(&row)
                }
            }
        }
        return rows.problems
    }

    /// The site with this GLN or code, if any.
    mutating func site(_ key: LocationKey) throws -> (id: Int64, kind: Site.Kind)? {
        if let found = known[key] { return found }
        let row: (id: Int64, kind: String)?
        switch key {
        case .gln(let gln): row = try writer.site(gln: gln)
        case .code(let code): row = try writer.site(code: code)
        }
        guard let row, let kind = Site.Kind(rawValue: row.kind) else { return nil }
        known[key] = (row.id, kind)
        return known[key]
    }
}

extension ReferenceData {
    /// Problems in the shared rows: products, sites, their media.
    public func problems() -> [StoreProblem] {
        var problems: [StoreProblem] = []
        for product in productsInOrder {
            let licence = product.productionLicence
            let digits = licence.dropFirst(2)
            if !(licence.hasPrefix("SC") && digits.count == 14 && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)) {
                problems.append(
                    StoreProblem(
                        table: "product", rowID: nil, field: "production_licence",
                        message: "'\(licence)' is not an SC licence (SC followed by 14 digits) for GTIN \(product.gtin)"))
            }
            if product.shelfLifeDays <= 0 {
                problems.append(
                    StoreProblem(table: "product", rowID: nil, field: "shelf_life_days", message: "must be positive for GTIN \(product.gtin)"))
            }
        }
        for site in sites.values.sorted(by: { $0.id < $1.id }) {
            if let coordinate = site.coordinate, !coordinate.isValid {
                problems.append(
                    StoreProblem(
                        table: "site", rowID: site.id, field: "latitude",
                        message: "(\(coordinate.latitude), \(coordinate.longitude)) is not on the globe"))
            }
        }
        for (_, items) in siteMedia.sorted(by: { $0.key < $1.key }) {
            for item in items { problems += item.problems(table: "media") }
        }
        return problems
    }
}

extension ReferenceData {
    /// Problems in the shared rows: products, sites, their media.
    public func problems() -> [StoreProblem] {
        var problems: [StoreProblem] = []
        for product in productsInOrder {
            let licence = product.productionLicence
            if !Product.isProductionLicence(licence) {
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
        for site in sites.values where !Lot.isServableFolderName(site.code) {
            problems.append(
                StoreProblem(
                    table: "site", rowID: site.id, field: "code",
                    message: "'\(site.code)' cannot be a folder name (its page is sites/<code>/): use A-Z a-z 0-9 - _ . and no leading dot"))
        }
        return problems
    }

    /// What pages leave out rather than show broken, each as one line: site media with
    /// problems (a session ending before it starts, a link that is not http(s), a poster missing
    /// from `Public/`), and sites without coordinates (no map link). `check` lists them as
    /// warnings; `build` prints them; neither fails for them.
    ///
    /// - Parameter publicFiles: Paths of the files in `Public/`, to find missing posters.
    public func omissions(publicFiles: Set<String>?) -> [String] {
        var lines: [String] = []
        for (siteID, items) in siteMedia.sorted(by: { $0.key < $1.key }) {
            let code = sites[siteID]?.code ?? "#\(siteID)"
            for item in items {
                for problem in item.problems(table: "media") {
                    lines.append("\(problem.table) row \(problem.rowID ?? 0) field \(problem.field) (site \(code)): \(problem.message); the \(item.kind.rawValue) is left out")
                }
                if let publicFiles, let poster = item.poster, isPublicAssetPath(poster), !publicFiles.contains(poster) {
                    lines.append("media row \(item.id) field poster (site \(code)): '\(poster)' is not in Public/; the session is shown without a poster")
                }
            }
        }
        for site in sites.values.sorted(by: { $0.id < $1.id }) where site.coordinate == nil {
            lines.append("site row \(site.id) field latitude (site \(site.code)): no coordinates; its pages show no map link")
        }
        return lines
    }
}

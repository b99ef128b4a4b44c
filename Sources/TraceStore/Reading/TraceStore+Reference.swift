import GRDB
public import TraceModel

extension TraceStore {
    /// Loads the brand, products, sites and their media and certificates: the small shared part of
    /// the store every page may refer to.
    ///
    /// - Returns: The data, plus every row that could not be decoded (those rows are left out).
    /// - Throws: `StoreError` on SQLite failures, or when the store has no brand.
    public func loadReference() throws(StoreError) -> (reference: ReferenceData, problems: [StoreProblem]) {
        try read("reading products and sites from") { db in
            var problems: [StoreProblem] = []
            func decodeAll<T>(_ sql: String, _ decode: (StoreRow) throws(StoreProblem) -> T) throws -> [T] {
                var values: [T] = []
                try StoreRow.forEach(in: db, sql: sql) { row in
                    do throws(StoreProblem) { values.append(try decode(row)) } catch { problems.append(error) }
                }
                return values
            }
            guard let brand = try decodeAll(ReferenceDecoding.brandSQL, ReferenceDecoding.brand).first else {
                throw StoreProblem(table: "party", rowID: nil, field: "kind", message: "the store has no brand (a party of kind 'brand')")
            }
            let products = try decodeAll(ReferenceDecoding.productSQL, ReferenceDecoding.product)
            let sites = try decodeAll(ReferenceDecoding.siteSQL, ReferenceDecoding.site)
            var siteMedia: [Int64: [MediaItem]] = [:]
            try StoreRow.forEach(in: db, sql: ReferenceDecoding.mediaSQL(owner: "site_id") + " ORDER BY site_id, id") { row in
                do { siteMedia[row.int64(1), default: []].append(try ReferenceDecoding.media(row)) } catch let problem as StoreProblem { problems.append(problem) }
            }
            var certificates: [Int64: [Certificate]] = [:]
            try StoreRow.forEach(in: db, sql: ReferenceDecoding.siteCertificateSQL) { row in
                do { certificates[row.int64(1), default: []].append(try ReferenceDecoding.certificate(row)) } catch let problem as StoreProblem { problems.append(problem) }
            }
            var dataAsOf: Timestamp?
            if let text = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'data_as_of'") {
                do { dataAsOf = try Timestamp(parsing: text) } catch {
                    problems.append(StoreProblem(table: "store_info", rowID: nil, field: "data_as_of", message: "\(error)"))
                }
            }
            let reference = ReferenceData(
                brand: brand, products: Dictionary(uniqueKeysWithValues: products.map { ($0.gtin, $0) }),
                sites: Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0) }), siteMedia: siteMedia,
                siteCertificates: certificates, dataAsOf: dataAsOf)
            return (reference, problems)
        }
    }
}

extension TraceStore {
    /// A `store_info` value, e.g. `data_as_of` or `generator`.
    public func info(_ key: String) throws(StoreError) -> String? {
        try read("reading store_info from") { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = ?", arguments: [key])
        }
    }
}

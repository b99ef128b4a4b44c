import Foundation

/// `checked-tables.tsv`: the store's table change tokens at the cross-row check of the build
/// that published the site. That check found nothing (a build with store problems publishes
/// nothing), so the next build checks only the tables whose tokens moved since.
public enum CheckedTables {
    static let header = "tracepress-checked-tables\t1"

    /// The tokens recorded with the published site at `sitePath`; nil when there are none or
    /// the file is damaged (the caller then checks every table).
    public static func load(site sitePath: String) -> [String: Int64]? {
        let path = sitePath + "/" + Manifest.checkedTablesFile
        guard (try? Manifest.verify(path, header: header)) != nil, let reader = LineReader(path: path) else { return nil }
        _ = reader.next()
        var tokens: [String: Int64] = [:]
        while let line = reader.next(), !line.hasPrefix("checksum\t") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let token = Int64(fields[1]) else { return nil }
            tokens[String(fields[0])] = token
        }
        return tokens
    }

    /// Records `tokens` in the staged site.
    public static func write(_ tokens: [String: Int64], in staging: SiteStaging) throws(PublishError) {
        let writer = try ManifestWriter(staging: staging, path: SitePath(Manifest.checkedTablesFile), header: header)
        for (table, token) in tokens.sorted(by: { $0.key < $1.key }) { try writer.append(line: "\(table)\t\(token)") }
        try writer.finish()
    }
}

import Foundation
import TracePublish

/// The files of `Public/`, read once. Stylesheets are published under a fingerprinted name
/// (`style.<hash>.css`) so CDNs and phones may cache them forever.
struct PublicAssets {
    /// Published path → bytes.
    var files: [(path: String, bytes: [UInt8])] = []
    /// `Public/` path → published path, for the fingerprinted ones.
    var renamed: [String: String] = [:]
    /// Every published path.
    var paths: Set<String> { Set(files.map(\.path)) }

    /// Top-level names the build itself writes (besides `sitemap-N.xml`); a `Public/` file may not take one.
    static let reserved: Set<String> = [
        "index.html", "404.html", "01", "en", "sitemap.xml", "robots.txt", "_headers", "_redirects", "_nginx.conf", "cache-control.json",
        ".well-known", ".tracepress", SiteStaging.markerFileName, "sites", "live", "live.ics", "recalls", "recalls.xml",
    ]

    /// Whether the build itself writes `path` (a page, a feed, a CDN or manifest file).
    static func isGenerated(_ path: String) -> Bool {
        let top = String(path.split(separator: "/", maxSplits: 1).first ?? "")
        return reserved.contains(top) || top.hasPrefix("sitemap")
    }

    /// - Throws: `BuildError.missingPublicFolder` when `folder` is not a folder (a mistyped
    ///   `--public` used to publish a site without its stylesheet, silently).
    init(folder: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: folder)
        else { throw BuildError.missingPublicFolder(folder) }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { found.append(relative) }
        }
        for relative in found.sorted() {
            let top = String(relative.split(separator: "/").first ?? "")
            if Self.reserved.contains(top) || top.hasPrefix("sitemap-") { throw PublishError.publicFileConflict(relative) }
            _ = try SitePath(relative)
            guard let data = FileManager.default.contents(atPath: folder + "/" + relative) else {
                throw PublishError.io(path: folder + "/" + relative, doing: "read", reason: "unreadable")
            }
            let bytes = [UInt8](data)
            var published = relative
            if relative.hasSuffix(".css") {
                published = String(relative.dropLast(4)) + "." + ContentHash.fingerprint(bytes).prefix(10) + ".css"
                renamed[relative] = published
            }
            files.append((published, bytes))
        }
    }
}

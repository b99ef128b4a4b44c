import Foundation

/// Maps a request path to a file of the built site, and never to anything outside it.
///
/// The path is percent-decoded first, so `%2e%2e` is caught like `..`; any `..` segment, NUL or
/// backslash is refused outright rather than normalised; and the file found is checked again
/// after resolving symbolic links.
struct SitePathResolver {
    enum Resolution: Equatable {
        case file(String)
        case notFound
        case forbidden
    }

    /// The site folder, with symbolic links resolved.
    let root: String

    init(siteFolder: String) {
        root = URL(fileURLWithPath: siteFolder).resolvingSymlinksInPath().path
    }

    func resolve(_ rawPath: String) -> Resolution {
        let pathPart = String(rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard let decoded = pathPart.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else {
            return .forbidden
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        var candidate = root + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            candidate += "/index.html"
            guard FileManager.default.fileExists(atPath: candidate) else { return .notFound }
        }
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return .forbidden }
        return .file(real)
    }

    /// The Content-Type a static host would send for a file.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "xml": path.hasSuffix("recalls.xml") ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "ics": "text/calendar; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        default: (path as NSString).lastPathComponent == "gs1resolver" ? "application/json" : "application/octet-stream"
        }
    }
}

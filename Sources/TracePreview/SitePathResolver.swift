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

    /// - Parameter siteFolder: The site folder; it may not exist yet (`serve` answers while the
    ///   first build runs), and then its parent's links are resolved and the build makes it.
    init(siteFolder: String) {
        let folder = URL(fileURLWithPath: siteFolder)
        root = FileManager.default.fileExists(atPath: folder.path)
            ? folder.resolvingSymlinksInPath().path
            : folder.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(folder.lastPathComponent).path
    }

    /// Whether a build has put a site in the folder (its home page is there).
    var hasSite: Bool { FileManager.default.fileExists(atPath: root + "/index.html") }

    func resolve(_ rawPath: String) -> Resolution {
        guard let decoded = Self.decodedPath(rawPath) else { return .forbidden }
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

    /// The request path without its query, percent-decoded; nil when it cannot be decoded or
    /// holds a NUL or a backslash.
    static func decodedPath(_ rawPath: String) -> String? {
        let pathPart = String(rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard let decoded = pathPart.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        return decoded
    }

    /// The `404.html` nearest to a path no file answers, looking up the folder tree from the
    /// path's folder to the site root, as Cloudflare Pages does: an unknown lot gets its
    /// product's page for unknown lots (`01/<gtin>/404.html`), anything else the site's.
    func nearestNotFoundPage(for rawPath: String) -> String? {
        guard let decoded = Self.decodedPath(rawPath) else { return nil }
        var folders = decoded.split(separator: "/").map(String.init)
        if !decoded.hasSuffix("/"), !folders.isEmpty { folders.removeLast() }
        while true {
            if case .file(let page) = resolve("/" + (folders + ["404.html"]).joined(separator: "/")) { return page }
            if folders.isEmpty { return nil }
            folders.removeLast()
        }
    }

    /// The Content-Type a static host would send for a file.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": path.hasSuffix("/linkset.json") ? "application/linkset+json" : "application/json"
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

extension SitePathResolver {
    /// The site's `_redirects`, read again for each request that no file answers, so a rebuild's
    /// rules apply at once (it is a few hundred bytes).
    func redirectRules() -> RedirectRules {
        guard let data = FileManager.default.contents(atPath: root + "/_redirects") else { return RedirectRules(text: "") }
        return RedirectRules(text: String(decoding: data, as: UTF8.self))
    }
}

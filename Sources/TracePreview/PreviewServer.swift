import FlyingFox
import FlyingSocks
import Foundation
public import TracePressCore
import TraceView

/// `tracepress serve`: builds the site, serves it on 127.0.0.1, rebuilds (incrementally) when
/// the store, `Templates/` or `Public/` change, and makes open pages reload after each rebuild.
///
/// The HTTP side is FlyingFox (a small, well-kept Swift server on non-blocking sockets). Pages
/// are served as a static host would serve them: `index.html` for folders, the rules of the
/// site's `_redirects` for paths no file answers, then the nearest `404.html` with status 404,
/// and nothing outside the site folder.
public final class PreviewServer: Sendable {
    let options: BuildOptions
    let port: UInt16
    let log: @Sendable (String) -> Void
    let state = PreviewState()

    /// - Parameters:
    ///   - options: What to build and where (`outputPath` is the folder served).
    ///   - port: TCP port on 127.0.0.1.
    ///   - log: Where to print build results and errors.
    public init(options: BuildOptions, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.port = port
        self.log = log
    }

    /// Builds, then serves and watches until the task is cancelled.
    ///
    /// - Throws: `BuildError.overlappingFolders` when the output and an input overlap, and
    ///   `PreviewError` when the port cannot be listened on (both checked before the first
    ///   build, so they are said at once, not after a long build).
    public func run() async throws {
        try options.checkFoldersApart()  // or every rebuild would fail the same way, or never end
        try PreviewError.checkPort(port)
        let watcher = SourceWatcher(paths: [options.storePath, options.templatesPath, options.publicPath])
        let initial = watcher.fingerprint()
        await rebuild()
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled,
            handler: PreviewHandler(resolver: SitePathResolver(siteFolder: options.outputPath), state: state))
        let port = port
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { try await server.run() } catch let error as SocketError {
                    // Taken between the check and now, or refused for another reason.
                    if case .failed(_, let code, let message) = error {
                        throw code == EADDRINUSE ? PreviewError.portInUse(port) : PreviewError.cannotListen(port, reason: message)
                    }
                    throw error
                }
            }
            do { try await server.waitUntilListening() } catch {
                group.cancelAll()
                try await group.next()  // the server's own error, when it stopped
                throw error
            }
            log("serving \(options.outputPath)/ at http://127.0.0.1:\(port)/ (rebuilds when the store, templates or public files change; Ctrl-C stops)")
            group.addTask {
                var fingerprint = initial
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: 400_000_000)
                    let now = watcher.fingerprint()
                    guard now != fingerprint else { continue }
                    fingerprint = now
                    await self.rebuild()
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Runs one incremental build on its own thread (a build blocks for a while) and bumps the
    /// version pages poll; on failure the last good site stays up and the error is printed.
    func rebuild() async {
        let options = options
        let started = Date()
        let outcome: Result<BuildReport, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { try SiteBuilder(options: options).build() })
            }
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        switch outcome {
        case .success(let report):
            for line in report.omissions { log("left out: \(line)") }
            log("built: \(report.rendered) batches rendered, \(report.unchanged) unchanged; \(report.changedFiles) files changed in \(seconds) s")
            await state.built(failure: nil)
        case .failure(let error):
            let hasSite = FileManager.default.fileExists(atPath: options.outputPath + "/index.html")
            log("error: \(error) (" + (hasSite ? "still serving the last good build, with this error on its pages" : "nothing to serve until a build succeeds") + ")")
            await state.built(failure: "\(error)")
        }
    }
}

/// The build counter pages poll to know when to reload, and the last build's error, if it failed.
actor PreviewState {
    private(set) var version = 0
    private(set) var failure: String?

    /// Records a build's outcome; open pages reload either way, to show the error or drop it.
    func built(failure: String?) {
        self.failure = failure
        version += 1
    }
}

/// Answers requests from the built site, and `/__tracepress/version` for live reload.
struct PreviewHandler: HTTPHandler {
    let resolver: SitePathResolver
    let state: PreviewState

    static let versionPath = "/__tracepress/version"

    /// Polls the build version and reloads the page when it changes. Added to HTML by the
    /// preview only; published pages never carry it.
    static let reloadScript = """
        <script>(function(){var seen=null;function poll(){fetch("\(versionPath)",{cache:"no-store"}).then(function(r){return r.text()})\
        .then(function(v){if(seen!==null&&v!==seen){location.reload()}seen=v}).catch(function(){})\
        .finally(function(){setTimeout(poll,1000)})}poll()})();</script>
        """

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let raw = request.target.path(percentEncoded: true)
        if raw == Self.versionPath {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: Data("\(await state.version)".utf8))
        }
        let failure = await state.failure
        switch resolver.resolve(raw) {
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain"], body: Data("forbidden path\n".utf8))
        case .notFound:
            // Matched on the path as sent (still percent-encoded): what a rule copies from it into
            // a Location header stays encoded, so no request can put a line break in a header.
            let sentPath = String(raw.prefix { $0 != "?" })
            if let rule = resolver.redirectRules().outcome(for: sentPath) {
                let status = Self.statusCode(rule.status)
                if rule.isRedirect {
                    return HTTPResponse(
                        statusCode: status, headers: [.location: rule.destination, .cacheControl: "no-store"], body: Data())
                }
                if case .file(let page) = resolver.resolve(rule.destination) { return try file(page, status: status, failure: failure) }
            }
            if let page = resolver.nearestNotFoundPage(for: raw) { return try file(page, status: .notFound, failure: failure) }
            if let failure {
                // No site yet: the error is the page, and it reloads itself once a build succeeds.
                let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body>"
                    + Self.failureBanner(failure, hasSite: false) + Self.reloadScript + "</body></html>"
                return HTTPResponse(
                    statusCode: .internalServerError, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                    body: Data(page.utf8))
            }
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain"], body: Data("not found\n".utf8))
        case .file(let path):
            return try file(path, status: .ok, failure: failure)
        }
    }

    static func statusCode(_ code: Int) -> HTTPStatusCode {
        switch code {
        case 200: .ok
        case 301: .movedPermanently
        case 302: .found
        case 303: .seeOther
        case 307: .temporaryRedirect
        case 308: .permanentRedirect
        case 404: .notFound
        case 410: .gone
        default: HTTPStatusCode(code, phrase: "Status \(code)")
        }
    }

    private func file(_ path: String, status: HTTPStatusCode, failure: String?) throws -> HTTPResponse {
        var body = try Data(contentsOf: URL(fileURLWithPath: path))
        let type = SitePathResolver.contentType(of: path)
        if type.hasPrefix("text/html"), let range = body.range(of: Data("</body>".utf8), options: .backwards) {
            body.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(Self.reloadScript.utf8))
            if let failure, let opening = body.range(of: Data("<body".utf8)),
                let end = body[opening.upperBound...].firstIndex(of: UInt8(ascii: ">"))
            {
                body.insert(contentsOf: Data(Self.failureBanner(failure, hasSite: true).utf8), at: end + 1)
            }
        }
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    /// The last build's error, on top of every page the preview serves until a build succeeds:
    /// people editing templates look at the browser, not the terminal. Styled inline, so a
    /// broken stylesheet cannot hide it; the message is escaped like any store text.
    static func failureBanner(_ failure: String, hasSite: Bool) -> String {
        let heading = hasSite ? "The last build failed. This page is from the last good build." : "The build failed. Nothing is built yet."
        return "<div role=\"alert\" data-tracepress-preview=\"build-failed\" style=\"position:sticky;top:0;z-index:2147483647;"
            + "margin:0;padding:12px 16px;background:#fff4f4;color:#7a1111;border-bottom:3px solid #c62828;"
            + "font:15px/1.5 system-ui,sans-serif;white-space:pre-wrap;overflow-wrap:anywhere\">"
            + "<strong>\(heading)</strong>\n" + TextEscaper.html.escaped(failure)
            + "\n<small>Fix it and save: this page reloads by itself.</small></div>"
    }
}

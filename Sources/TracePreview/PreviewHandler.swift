import FlyingFox
import Foundation
import Synchronization
import TracePressCore
import TraceModel
import TraceView

/// Answers requests from the built site, and `/__tracepress/version` for live reload.
///
/// Every answer carries the security headers the site's `_headers` gives it on a host, the
/// Content-Security-Policy among them, so a template that loads a font from another host or
/// writes an inline `style` or `<script>` breaks in the preview as it will once published, not
/// only there. What the preview adds to a page (its reload script, a failed build's banner) is
/// allowed by a nonce made for that answer alone.
struct PreviewHandler: HTTPHandler {
    let resolver: SitePathResolver
    let state: PreviewState

    static let versionPath = "/__tracepress/version"
    /// How far the running build is, as the building page says it.
    static let progressPath = "/__tracepress/progress"

    /// Polls the build version and reloads the page when it changes. Added to HTML by the
    /// preview only; published pages never carry it.
    static func reloadScript(nonce: String) -> String {
        """
        <script nonce="\(nonce)">(function(){var seen=null;function poll(){fetch("\(versionPath)",{cache:"no-store"}).then(function(r){return r.text()})\
        .then(function(v){if(seen!==null&&v!==seen){location.reload()}seen=v}).catch(function(){})\
        .finally(function(){setTimeout(poll,1000)})}poll()})();</script>
        """
    }

    /// The site's headers for every answer, with a policy that also allows the preview's own
    /// script and style by `nonce`.
    static func securityHeaders(nonce: String) -> [HTTPHeader: String] {
        var headers: [HTTPHeader: String] = [:]
        for (name, value) in SiteFiles.securityHeaders {
            headers[HTTPHeader(name)] = name == "Content-Security-Policy" ? policy(value, nonce: nonce) : value
        }
        return headers
    }

    /// `policy` with `'nonce-…'` added to its script and style sources (a script source made
    /// from the default one when it has none).
    static func policy(_ policy: String, nonce: String) -> String {
        var directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let defaultSources = directives.first { $0.hasPrefix("default-src ") }.map { String($0.dropFirst("default-src ".count)) } ?? "'self'"
        for name in ["script-src", "style-src"] {
            if let index = directives.firstIndex(where: { $0.hasPrefix(name + " ") }) {
                directives[index] += " 'nonce-\(nonce)'"
            } else {
                directives.append("\(name) \(defaultSources) 'nonce-\(nonce)'")
            }
        }
        return directives.joined(separator: "; ")
    }

    /// A fresh nonce: 128 random bits as hex.
    static func makeNonce() -> String {
        (0..<16).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let nonce = Self.makeNonce()
        var response = try await answer(request, nonce: nonce)
        for (name, value) in Self.securityHeaders(nonce: nonce) { response.headers[name] = value }
        return response
    }

    private func answer(_ request: HTTPRequest, nonce: String) async throws -> HTTPResponse {
        let raw = request.target.path(percentEncoded: true)
        if raw == Self.progressPath {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: Data(Self.progressText(state.progress.withLock { $0 }).utf8))
        }
        if raw == Self.versionPath {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: Data("\(await state.version)".utf8))
        }
        let failure = await state.failure
        let warnings = await state.warnings
        var banner = failure.map { Self.failureBanner($0, hasSite: true, nonce: nonce) } ?? Self.warningBanner(warnings, nonce: nonce)
        let resolution = resolver.resolve(raw)
        if let drawing = await state.drawing, resolution != .forbidden {
            switch drawnAnswer(raw, by: drawing, nonce: nonce) {
            case .answer(let response): return response
            case .fromLastBuild(let kind): banner = Self.rebuildingBanner(kind, nonce: nonce)
            }
        }
        switch resolution {
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
                if case .file(let page) = resolver.resolve(rule.destination) { return try file(page, status: status, banner: banner, nonce: nonce) }
            }
            if let page = resolver.nearestNotFoundPage(for: raw) { return try file(page, status: .notFound, banner: banner, nonce: nonce) }
            if await state.isBuilding, !resolver.hasSite {
                let batches = try? await state.drawing?.batchesToOpen(limit: Self.productsLinked)
                return Self.buildingPage(batches: batches, progress: state.progress.withLock { $0 }, nonce: nonce)
            }
            if let failure {
                // No site yet: the error is the page, and it reloads itself once a build succeeds.
                return Self.ownPage(
                    title: "Build failed", body: Self.failureBanner(failure, hasSite: false, nonce: nonce), status: .internalServerError, nonce: nonce)
            }
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain"], body: Data("not found\n".utf8))
        case .file(let path):
            return try file(path, status: .ok, banner: banner, nonce: nonce)
        }
    }

    /// What a path answers while the first build runs and no site is there yet: how far the
    /// build is, and, once batch pages are drawn on request, one batch of each product to open.
    /// Status 503, as a host answers a site not up yet; its count follows the build, and it
    /// reloads when batch pages can be opened and when the build ends, to the page asked for.
    static func buildingPage(
        batches: [(product: LocalizedText, lot: String, path: String)]?, progress: BuildProgress?, nonce: String
    ) -> HTTPResponse {
        let count = "<p id=\"tracepress-progress\">" + TextEscaper.html.escaped(progressText(progress)) + "</p>"
        let links = (batches ?? []).map { batch in
            let href = "/" + (batch.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? batch.path) + "/"
            return "<li><a href=\"\(TextEscaper.html.escaped(href))\">\(TextEscaper.html.escaped(batch.product.zh))"
                + " · \(TextEscaper.html.escaped(batch.lot))</a></li>"
        }
        let opening = links.isEmpty
            ? "<p>Batch pages can be opened in a moment, drawn from your sources on request.</p>"
            : "<p>Batch pages can be opened now, drawn from your sources on request; one of each product"
                + (links.count >= productsLinked ? " (the first \(productsLinked) products by GTIN)" : "") + ":</p><ul>" + links.joined() + "</ul>"
        let body = firstBuildBanner(
            text: "The rest of the site is served when the build ends.",
            footer: "This page reloads by itself when batch pages can be opened and when the build ends.", nonce: nonce)
            + count + opening + progressScript(nonce: nonce)
        var response = ownPage(title: "Building the site", body: body, status: .serviceUnavailable, nonce: nonce)
        response.headers[HTTPHeader("Retry-After")] = "2"
        return response
    }

    /// Products whose first batch the building page links, at most (a brand with hundreds would
    /// make a long page, read again at every reload).
    static let productsLinked = 24

    /// A page of the preview's own, for when the site has none to show (nothing built yet): its
    /// `body`, and the reload script, which reloads it once a build ends.
    static func ownPage(title: String, body: String, status: HTTPStatusCode, nonce: String) -> HTTPResponse {
        let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(title)</title></head><body>"
            + body + reloadScript(nonce: nonce) + "</body></html>"
        return HTTPResponse(statusCode: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(page.utf8))
    }

    /// The building page's count: how many batches are done, or what comes before them.
    static func progressText(_ progress: BuildProgress?) -> String {
        progress.map { "\($0.batchesDone) of \($0.batchesTotal) batches done." } ?? "Reading the store and templates."
    }

    /// Keeps the building page's count up to date (in place: a page that reloaded for it would
    /// jump under the reader's eyes).
    static func progressScript(nonce: String) -> String {
        """
        <script nonce="\(nonce)">(function(){var shown=document.getElementById("tracepress-progress");function poll(){\
        fetch("\(progressPath)",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){shown.textContent=t})\
        .catch(function(){}).finally(function(){setTimeout(poll,1000)})}setTimeout(poll,1000)})();</script>
        """
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

    private enum Drawn {
        case answer(HTTPResponse)
        /// Served from the last build instead, under a banner that says which kind of page it is.
        case fromLastBuild(RebuildingPage)
    }

    /// While a long rebuild runs: a batch's file drawn from the sources as saved, or a `Public/`
    /// file as it is now (a changed stylesheet has a new name the last build did not write).
    private func drawnAnswer(_ raw: String, by drawing: BatchDrawing, nonce: String) -> Drawn {
        guard let relative = SitePathResolver.decodedPath(raw).map({ String($0.drop { $0 == "/" }) }) else { return .fromLastBuild(.fromLastBuild) }
        do {
            if let drawn = try drawing.file(at: relative) {
                let type = SitePathResolver.contentType(of: "/" + drawn.name)
                let banner = Self.rebuildingBanner(resolver.hasSite ? .drawn : .drawnBeforeFirstBuild, nonce: nonce)
                return .answer(page(Data(drawn.bytes), type: type, status: .ok, banner: banner, nonce: nonce))
            }
        } catch {
            return .fromLastBuild(.notDrawn("\(error)"))
        }
        guard let bytes = drawing.publicFile(at: relative) else { return .fromLastBuild(.fromLastBuild) }
        return .answer(page(Data(bytes), type: SitePathResolver.contentType(of: relative), status: .ok, banner: nil, nonce: nonce))
    }

    /// A file of the site; a page gets the reload script and `banner`, if any, on top.
    private func file(_ path: String, status: HTTPStatusCode, banner: String?, nonce: String) throws -> HTTPResponse {
        page(try Data(contentsOf: URL(fileURLWithPath: path)), type: SitePathResolver.contentType(of: path), status: status, banner: banner, nonce: nonce)
    }

    /// An answer of `type`; a page gets the reload script and `banner`, if any, on top.
    private func page(_ body: Data, type: String, status: HTTPStatusCode, banner: String?, nonce: String) -> HTTPResponse {
        var body = body
        if type.hasPrefix("text/html"), let range = body.range(of: Data("</body>".utf8), options: .backwards) {
            body.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(Self.reloadScript(nonce: nonce).utf8))
            if let banner, let opening = body.range(of: Data("<body".utf8)),
                let end = body[opening.upperBound...].firstIndex(of: UInt8(ascii: ">"))
            {
                body.insert(contentsOf: Data(banner.utf8), at: end + 1)
            }
        }
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    /// The last build's error, on top of every page the preview serves until a build succeeds:
    /// people editing templates look at the browser, not the terminal. Styled by its own
    /// `<style>` (allowed by the nonce) with `!important`, so neither a broken stylesheet nor the
    /// site's rules can hide it; the message is escaped like any store text.
    static func failureBanner(_ failure: String, hasSite: Bool, nonce: String) -> String {
        let heading = hasSite ? "The last build failed. This page is from the last good build." : "The build failed. Nothing is built yet."
        return banner(
            id: "tracepress-build-failed", colours: "background:#fff4f4!important;color:#7a1111!important;border-bottom:3px solid #c62828!important",
            heading: heading, text: failure, nonce: nonce)
    }

    /// The warnings of the build that made the site (broken links, say), on top of every page:
    /// the site is up to date, but something in it needs a look. Nil when there are none.
    static func warningBanner(_ warnings: [String], nonce: String) -> String? {
        guard !warnings.isEmpty else { return nil }
        let heading = "The last build has \(warnings.count) warning\(warnings.count == 1 ? "" : "s"). This page is up to date."
        return banner(
            id: "tracepress-build-warnings", colours: "background:#fffbe6!important;color:#5c4400!important;border-bottom:3px solid #b8860b!important",
            heading: heading, text: warnings.joined(separator: "\n"), nonce: nonce)
    }

    /// The banners of a build still running: blue.
    private static let buildingColours = "background:#eef5ff!important;color:#0b3a75!important;border-bottom:3px solid #1f6feb!important"

    /// What a page served while a long build runs is.
    enum RebuildingPage {
        /// A batch's page drawn from the sources as they are now.
        case drawn
        /// A batch's page drawn while the first build runs (nothing else of the site is there).
        case drawnBeforeFirstBuild
        /// The last build's, until the rebuild ends.
        case fromLastBuild
        /// A batch's page that could not be drawn (why), so the last build's.
        case notDrawn(String)
    }

    /// On top of every page while a long build runs, saying which kind of page it is.
    static func rebuildingBanner(_ kind: RebuildingPage, nonce: String) -> String {
        let text: String
        switch kind {
        case .drawnBeforeFirstBuild:
            return firstBuildBanner(
                text: "This batch page is drawn from your sources on request; the rest of the site is served when the build ends.",
                footer: "This page reloads by itself when the build ends.", nonce: nonce)
        case .drawn: text = "This batch page is drawn from your sources as they are now; other pages catch up when the rebuild ends."
        case .fromLastBuild: text = "This page is from the last build until the rebuild ends. Batch pages already show your change."
        case .notDrawn(let reason): text = "This batch page could not be drawn from your sources, so it is the last build's: \(reason)"
        }
        return banner(
            id: "tracepress-rebuilding", colours: Self.buildingColours,
            heading: "Rebuilding the site with your change.", text: text, nonce: nonce, footer: "This page reloads by itself when the rebuild ends.")
    }

    /// The banner of what the first build serves: the building page, and batch pages drawn meanwhile.
    private static func firstBuildBanner(text: String, footer: String, nonce: String) -> String {
        banner(
            id: "tracepress-building", colours: buildingColours, heading: "Building the site for the first time.", text: text, nonce: nonce,
            footer: footer)
    }

    /// Styled by its own `<style>` (allowed by the nonce) with `!important`, so neither a broken
    /// stylesheet nor the site's rules can hide it; the text is escaped like any store text.
    private static func banner(
        id: String, colours: String, heading: String, text: String, nonce: String, footer: String = "Fix it and save: this page reloads by itself."
    ) -> String {
        "<style nonce=\"\(nonce)\">#\(id){position:sticky!important;top:0!important;z-index:2147483647!important;"
            + "display:block!important;margin:0!important;padding:12px 16px!important;\(colours);"
            + "font:15px/1.5 system-ui,sans-serif!important;white-space:pre-wrap!important;"
            + "overflow-wrap:anywhere!important}</style>"
            + "<div id=\"\(id)\" role=\"alert\" data-tracepress-preview=\"\(id.dropFirst("tracepress-".count))\">"
            + "<strong>\(heading)</strong>\n" + TextEscaper.html.escaped(text)
            + "\n<small>\(footer)</small></div>"
    }
}

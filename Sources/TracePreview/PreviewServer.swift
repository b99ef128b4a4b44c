import FlyingFox
import FlyingSocks
import Foundation
import Synchronization
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
    /// How long a rebuild runs before batch pages are drawn on request instead (nanoseconds):
    /// long enough that a small site's rebuild ends first and pages reload once.
    let drawAfter: UInt64

    /// - Parameters:
    ///   - options: What to build and where (`outputPath` is the folder served).
    ///   - port: TCP port on 127.0.0.1.
    ///   - log: Where to print build results and errors.
    ///   - drawAfter: Seconds a rebuild runs before the batch pages asked for are drawn on request.
    public init(options: BuildOptions, port: UInt16, drawAfter: Double = 0.5, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.port = port
        self.drawAfter = UInt64(max(0, drawAfter) * 1e9)
        self.log = log
    }

    /// Serves at once, builds, then watches until the task is cancelled. While the first build
    /// runs, batch pages are drawn on request and other paths say how far the build is, unless
    /// an earlier build's site is there to serve meanwhile.
    ///
    /// - Throws: `BuildError.overlappingFolders` when the output and an input overlap, and
    ///   `PreviewError` when the port cannot be listened on (both checked before the first
    ///   build, so they are said at once, not after a long build).
    public func run() async throws {
        try options.checkFolders()  // or every rebuild would fail the same way, or never end
        try PreviewError.checkPort(port)
        let watcher = SourceWatcher(paths: [options.storePath, options.templatesPath, options.publicPath])
        let initial = watcher.fingerprint()
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
                // On a large store the first build takes a while (half a minute at 100,000
                // batches); the preview answers meanwhile, as during any rebuild.
                await self.rebuild(watching: watcher)
                var fingerprint = initial
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: 400_000_000)
                    let now = watcher.fingerprint()
                    guard now != fingerprint else { continue }
                    fingerprint = now
                    await self.rebuild(watching: watcher)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Runs one incremental build on its own thread (a build blocks for a while) and bumps the
    /// version pages poll; on failure the last good site stays up and the error is printed.
    ///
    /// - Parameter watcher: The sources' watcher: batch pages are drawn on request while the
    ///   build runs, a save meanwhile too (the rebuild after builds it). Nil draws nothing.
    func rebuild(watching watcher: SourceWatcher? = nil) async {
        let (options, state) = (options, state)
        let started = Date()
        // A build still running after a moment (the first one, or a template change on a large
        // store) draws the batch pages asked for meanwhile from the new sources (`BatchDrawing`),
        // and open pages reload at once to show them.
        await state.startedBuilding()
        let drawing = watcher.map { watcher in
            Task { [drawAfter] in
                try? await Task.sleep(nanoseconds: drawAfter)
                // The sources' fingerprint the last drawing was tried from: a save meanwhile is
                // drawn from the sources as they are then.
                var tried: String?
                while !Task.isCancelled {
                    let now = watcher.fingerprint()
                    if now != tried {
                        tried = now
                        if let drawing = try? BatchDrawing(options: options), !Task.isCancelled { await state.rebuilding(drawing: drawing) }
                    }
                    try? await Task.sleep(nanoseconds: 400_000_000)
                }
            }
        }
        let (outcome, warnings): (Result<BuildReport, any Error>, [String]) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var warnings: [String] = []
                let outcome = Result {
                    try SiteBuilder(options: options).build(
                        progress: { progress in state.progress.withLock { $0 = progress } }, warn: { warnings.append($0) })
                }
                continuation.resume(returning: (outcome, warnings))
            }
        }
        drawing?.cancel()
        await drawing?.value  // so it cannot start drawing after the build's outcome is in
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        for warning in warnings { log("warning: \(warning)") }
        switch outcome {
        case .success(let report):
            for line in report.omissions { log("left out: \(line)") }
            log("built: \(report.rendered) batches rendered, \(report.unchanged) unchanged; \(report.changedFiles) files changed in \(seconds) s")
            // What pages left out (a session whose poster is not in Public/, say) is shown with
            // the warnings: the person who can fix it is looking at the preview.
            await state.built(failure: nil, warnings: warnings + report.omissions.map { "left out: \($0)" })
        case .failure(let error):
            let hasSite = FileManager.default.fileExists(atPath: options.outputPath + "/index.html")
            log("error: \(error) (" + (hasSite ? "still serving the last good build, with this error on its pages" : "nothing to serve until a build succeeds") + ")")
            await state.built(failure: "\(error)")
        }
    }
}

/// The build counter pages poll to know when to reload, the last build's error, if it failed,
/// the warnings of the build that made the site served (broken links, say), and, while a long
/// build runs, how far it is and what draws batch pages from the new sources.
actor PreviewState {
    private(set) var version = 0
    private(set) var failure: String?
    private(set) var warnings: [String] = []
    /// Set while a build that has run for a moment is still running.
    private(set) var drawing: BatchDrawing?
    /// Whether a build is running.
    private(set) var isBuilding = false
    /// The running build's progress, as its thread last reported it (nil before its first report).
    nonisolated let progress = Mutex<BuildProgress?>(nil)

    /// A build starts.
    func startedBuilding() {
        isBuilding = true
        progress.withLock { $0 = nil }
    }

    /// A rebuild is taking a while: batch pages are drawn by `drawing` until it ends, and open
    /// pages reload to show them.
    func rebuilding(drawing: BatchDrawing) {
        self.drawing = drawing
        version += 1
    }

    /// Records a build's outcome; open pages reload either way, to show the error or drop it.
    ///
    /// - Parameter warnings: The warnings of a build that succeeded; nil keeps those of the
    ///   site still served after a failed one.
    func built(failure: String?, warnings: [String]? = nil) {
        self.failure = failure
        drawing = nil
        isBuilding = false
        if let warnings { self.warnings = warnings }
        version += 1
    }
}

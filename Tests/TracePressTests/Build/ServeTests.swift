import Foundation
import Testing
import TracePublish

@Suite("tracepress serve: pages, 404, no traversal, rebuild on save", .serialized)
struct ServeTests {
    /// The server a test talks to: `tracepress serve` on a free port, over a demo store and its
    /// own copy of the templates, its errors in `errors` (a file the test reads).
    struct Server {
        let port: UInt16
        let templates: String
        let errors: String
        let directory: TemporaryDirectory
    }

    /// Starts a server, runs `body` with it and stops it.
    /// - Parameters:
    ///   - batches: Batches in the demo store served.
    ///   - prepare: Called with the copied templates folder before the server starts.
    func withServer(
        batches: Int = 4, prepare: (String) throws -> Void = { _ in }, prepareStore: (String) throws -> Void = { _ in },
        _ body: (Server) throws -> Void
    ) throws {
        let directory = TemporaryDirectory()
        let server = Server(port: LocalHTTP.freePort(), templates: directory.file("Templates"), errors: directory.file("errors.log"), directory: directory)
        let store = try Fixtures.demoStore(in: directory, batches: batches)
        try prepareStore(store)
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: server.templates)
        try prepare(server.templates)
        try #require(FileManager.default.createFile(atPath: server.errors, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = [
            "serve", "--store", store, "--templates", server.templates, "--public", Repository.publicFolder, "--out", directory.file("site"),
            "--port", String(server.port),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: server.errors)
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        try body(server)
    }

    /// Puts the repository's own home template back, as a save that fixes it would, and waits
    /// until the home page is served without `banner`; whether it was.
    func restoreHome(in templates: String, thenWaitOn port: UInt16, forNo banner: String) throws -> Bool {
        try FileManager.default.removeItem(atPath: templates + "/home.mustache")
        try FileManager.default.copyItem(atPath: Repository.templates + "/home.mustache", toPath: templates + "/home.mustache")
        return try LocalHTTP.waitFor(60) {
            let page = try LocalHTTP.get(port, "/")
            return page.hasPrefix("HTTP/1.1 200") && !page.contains(banner)
        }
    }

    @Test("a rebuild that fails (a template naming nothing, another build holding the lock) keeps the last good site up")
    func failedRebuildKeepsSite() throws {
        try withServer { server in
            let (port, templates, errors, directory) = (server.port, server.templates, server.errors, server.directory)
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(port, "/").hasPrefix("HTTP/1.1 200") })
            let home = templates + "/home.mustache"
            let original = try String(contentsOfFile: home, encoding: .utf8)
            func errorLines() -> [String] {
                ((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }

            // A name no view provides: the build fails, the page stays as it was.
            try original.replacingOccurrences(of: "<main>", with: "<main>{{no_such_field_4b1c}}").write(toFile: home, atomically: false, encoding: .utf8)
            #expect(LocalHTTP.waitFor(60) { errorLines().contains { $0.contains("no_such_field_4b1c") } }, "\(errorLines())")
            // The error is printed a moment before the pages carry it.
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(port, "/").contains("build-failed") })
            let withError = try LocalHTTP.get(port, "/")
            #expect(withError.hasPrefix("HTTP/1.1 200"))
            // The error is on the page too, escaped, above the last good build's content.
            #expect(withError.contains("data-tracepress-preview=\"build-failed\""))
            #expect(withError.contains("&#39;no_such_field_4b1c&#39; ({{no_such_field_4b1c}} on line"))
            #expect(withError.contains("/__tracepress/version"))

            // Another build holds the output: refused, still serving the last good site.
            var held: BuildLock? = try BuildLock(forOutput: directory.file("site"))
            try original.replacingOccurrences(of: "<main>", with: "<main><p>Preview marker 9d2e</p>").write(toFile: home, atomically: false, encoding: .utf8)
            #expect(LocalHTTP.waitFor(60) { errorLines().contains { $0.contains("another tracepress build is writing") } }, "\(errorLines())")
            let whileLocked = try LocalHTTP.get(port, "/")
            #expect(whileLocked.hasPrefix("HTTP/1.1 200"))
            #expect(!whileLocked.contains("Preview marker 9d2e"))
            withExtendedLifetime(held) {}
            held = nil

            // The lock released, the next save rebuilds.
            try original.replacingOccurrences(of: "<main>", with: "<main><p>Preview marker 9d2e again</p>").write(toFile: home, atomically: false, encoding: .utf8)
            // The new site is swapped in a moment before the server hears the build succeeded:
            // wait for both, the page and the banner gone.
            #expect(try LocalHTTP.waitFor(60) {
                let page = try LocalHTTP.get(port, "/")
                return page.contains("Preview marker 9d2e again") && !page.contains("build-failed")
            })
        }
    }

    @Test("a first build that fails serves its error as the page, until a save fixes it")
    func failedFirstBuild() throws {
        try withServer(prepare: { templates in
            try Fixtures.edit(templates + "/home.mustache", replacing: "<main>", with: "<main>{{#broken_section}}")
        }) { server in
            let (port, templates) = (server.port, server.templates)
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(port, "/").hasPrefix("HTTP/1.1 500") })
            let failed = try LocalHTTP.get(port, "/01/")
            #expect(failed.hasPrefix("HTTP/1.1 500"))
            #expect(failed.contains("The build failed. Nothing is built yet."))
            #expect(failed.contains("{{#broken_section}} opened on line"))
            #expect(failed.contains("/__tracepress/version"))

            #expect(try restoreHome(in: templates, thenWaitOn: port, forNo: "build-failed"))
        }
    }

    @Test("a template linking a file the site lacks: the preview says so on top of every page, and drops it once fixed")
    func brokenLinkWarning() throws {
        try withServer(prepare: { templates in
            try Fixtures.edit(templates + "/home.mustache", replacing: "<main>", with: "<main><a href=\"{{root}}no-such-page-7f3.html\">x</a>")
        }) { server in
            let (port, templates, errors) = (server.port, server.templates, server.errors)
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(port, "/01/").contains("build-warnings") })
            let page = try LocalHTTP.get(port, "/")
            #expect(page.hasPrefix("HTTP/1.1 200"))
            #expect(page.contains("The last build has 1 warning."))
            #expect(page.contains("Templates/home.mustache: &quot;../no-such-page-7f3.html&quot; on en/index.html: no-such-page-7f3.html is not in the site"))
            let log = try String(contentsOfFile: errors, encoding: .utf8)
            #expect(log.contains("warning: broken link: Templates/home.mustache"))

            #expect(try restoreHome(in: templates, thenWaitOn: port, forNo: "build-warnings"))
        }
    }

    @Test("what pages left out (a session whose poster is not in Public/) is on top of every page too")
    func omissionsShown() throws {
        try withServer(prepareStore: { store in
            try Fixtures.execute(store, "UPDATE media SET poster = 'images/poster-9c1.jpg' WHERE id = (SELECT min(id) FROM media WHERE kind = 'livestream')")
        }) { server in
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(server.port, "/").contains("build-warnings") })
            let page = try LocalHTTP.get(server.port, "/live/")
            #expect(page.contains("The last build has 1 warning."))
            #expect(page.contains("left out: ") && page.contains("images/poster-9c1.jpg"))
        }
    }

    @Test("answers a page, a 404 with the site's 404 page, refuses /../ and rebuilds when a template changes")
    func serve() throws {
        try withServer { server in
            let (port, templates) = (server.port, server.templates)
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(port, "/").hasPrefix("HTTP/1.1 200") })

            let home = try LocalHTTP.get(port, "/")
            #expect(home.contains("Content-Type: text/html"))
            #expect(home.contains("/__tracepress/version"))
            // The site's policy, as a host sends it, with the preview's own script allowed by a nonce.
            let policy = try #require(home.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Security-Policy: ") })
            #expect(policy.hasPrefix("Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self' 'nonce-"))
            let nonce = try #require(policy.split(separator: "'nonce-").last?.prefix { $0 != "'" })
            #expect(nonce.count == 32 && policy.contains("script-src 'self' 'nonce-\(nonce)'"))
            #expect(home.contains("<script nonce=\"\(nonce)\">"))
            #expect(!(try LocalHTTP.get(port, "/")).contains(String(nonce)), "a nonce is made for each answer")
            #expect(home.contains("\r\nX-Content-Type-Options: nosniff\r\n"))
            let missing = try LocalHTTP.get(port, "/no/such/page")
            #expect(missing.hasPrefix("HTTP/1.1 404"))
            #expect(missing.contains("<html"))
            for attack in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/sites/..%2f..%2f..%2fetc/passwd"] {
                let answer = try LocalHTTP.get(port, attack)
                #expect(answer.hasPrefix("HTTP/1.1 403") || answer.hasPrefix("HTTP/1.1 400"), "\(attack): \(answer.prefix(40))")
                #expect(!answer.contains("root:"))
            }
            let calendar = try LocalHTTP.get(port, "/live.ics")
            #expect(calendar.contains("Content-Type: text/calendar"))

            let version = try LocalHTTP.get(port, "/__tracepress/version").components(separatedBy: "\r\n\r\n").last ?? ""
            let home404 = templates + "/home.mustache"
            let original = try String(contentsOfFile: home404, encoding: .utf8)
            try original.replacingOccurrences(of: "<main>", with: "<main><p>Preview marker 7f3a</p>").write(
                toFile: home404, atomically: false, encoding: .utf8)
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(port, "/__tracepress/version").components(separatedBy: "\r\n\r\n").last != version })
            #expect(try LocalHTTP.get(port, "/").contains("Preview marker 7f3a"))
        }
    }

    @Test("a batch template saved while the rebuild takes long: the batch page shows it, drawn, before the rebuild ends")
    func drawsWhileRebuilding() throws {
        // 300 batches: a debug build's rebuild of every batch page takes seconds, well past the
        // half second after which pages are drawn.
        try withServer(batches: 300) { server in
            let port = server.port
            #expect(try LocalHTTP.waitFor(120) { try LocalHTTP.get(port, "/").hasPrefix("HTTP/1.1 200") })
            let folder = try #require(Fixtures.batchFolders(in: server.directory.file("site")).last)
            try Fixtures.edit(server.templates + "/batch.mustache", replacing: "<main>", with: "<main><p>Drawn marker 5k2</p>")
            // Every answer until the change shows without the banner (the rebuild's page).
            var answers: [String] = []
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                answers.append(try LocalHTTP.get(port, "/\(folder)/"))
                if answers.last!.contains("Drawn marker 5k2") && !answers.last!.contains("data-tracepress-preview=\"rebuilding\"") { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(answers.last!.contains("Drawn marker 5k2"), "the rebuild's page, once it ended")
            #expect(
                answers.contains { $0.contains("Drawn marker 5k2") && $0.contains("data-tracepress-preview=\"rebuilding\"") },
                "the page showed the change under the rebuilding banner before the rebuild ended")
        }
    }

    @Test("the first build: the preview answers at once, says how far the build is, and draws batch pages before it ends")
    func answersDuringFirstBuild() throws {
        // 600 batches: a debug build's first build takes seconds, well past the half second
        // after which batch pages are drawn.
        try withServer(batches: 600) { server in
            let port = server.port
            // Every answer until the home page is served: the building page, then the site.
            var homes: [String] = []
            var batchPages: [String] = []
            var counts: [String] = []
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                let home = try LocalHTTP.get(port, "/")
                homes.append(home)
                // (For a moment after the build put the site in place, the home page is served
                // under the drawing's banner, until the build's end reaches the preview.)
                if home.hasPrefix("HTTP/1.1 200") && !home.contains("data-tracepress-preview") { break }
                if home.hasPrefix("HTTP/1.1 503") { counts.append(try LocalHTTP.get(port, "/__tracepress/progress")) }
                if let link = home.range(of: #"<a href="/01/[^"]+/""#, options: .regularExpression) {
                    batchPages.append(try LocalHTTP.get(port, String(home[link].dropFirst(9).dropLast())))
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            let building = try #require(homes.first { $0.contains("data-tracepress-preview=\"building\"") }, "the building page while the first build ran")
            #expect(building.hasPrefix("HTTP/1.1 503"))
            #expect(building.contains("Building the site for the first time."))
            #expect(homes.contains { $0.contains("of 600 batches done.") }, "the build's progress on the building page")
            #expect(counts.contains { $0.hasPrefix("HTTP/1.1 200") && $0.contains("of 600 batches done.") }, "the count the page's script reads: \(counts.suffix(2))")
            #expect(building.contains("/__tracepress/progress"), "the script that keeps the count up to date")
            let drawn = try #require(batchPages.first, "a batch linked from the building page, opened before the build ended")
            #expect(drawn.hasPrefix("HTTP/1.1 200"))
            #expect(drawn.contains("<h2 id=\"journey\">"), "the batch page itself, drawn")
            #expect(drawn.contains("data-tracepress-preview=\"building\""), "under the banner that says it is drawn")
            let home = try #require(homes.last)
            #expect(home.hasPrefix("HTTP/1.1 200") && !home.contains("data-tracepress-preview"), "the home page, without a banner, once the build ended")
            // The products' batch links on the building page are the built site's folders.
            let folders = Set(Fixtures.batchFolders(in: server.directory.file("site")))
            let withLinks = try #require(homes.last { $0.contains("data-tracepress-preview=\"building\"") && $0.contains("<a href=") })
            let linked = withLinks.matches(of: #/<a href="/(01/[^"]+)/"/#).map { String($0.1) }
            #expect(!linked.isEmpty && linked.allSatisfy(folders.contains), "\(linked)")
        }
    }

    @Test("answers as a host reading _redirects would: a unit's serial and a GTIN-13 redirect, an unknown lot gets its product's 404, a withdrawn one 410")
    func hostRules() throws {
        try withServer(prepareStore: { try Fixtures.execute($0, HostExpectations.withdrawnLotSQL) }) { server in
            #expect(try LocalHTTP.waitFor(60) { try LocalHTTP.get(server.port, "/").hasPrefix("HTTP/1.1 200") })
            try HostExpectations.check(site: server.directory.file("site"), host: "tracepress serve") { try LocalHTTP.get(server.port, $0) }
        }
    }

    @Test("a port in use is said at once, before any build, in words, with exit status 1")
    func portInUse() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 2)
        // Hold a port the way another server would: bound and listening.
        let holder = try #require(LocalHTTP.boundSocket(listening: true))
        defer { close(holder.descriptor) }
        let port = holder.port

        let result = try ExternalTool.run(
            Repository.executable,
            ["serve", "--store", store, "--templates", Repository.templates, "--public", Repository.publicFolder, "--out", directory.file("site"),
             "--port", String(port)], timeout: 30)
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("error: port \(port) on 127.0.0.1 is in use"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("--port \(port &+ 1)"))
        #expect(!result.output.contains("serving"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("site")), "nothing is built for a server that cannot start")
    }
}

import Foundation
import Testing
import TracePressCore
import TracePublish
import TraceRender

@Suite("publishing: a failed or killed build leaves the previous site as it was")
struct AtomicPublishTests {
    @Test("a build that fails validation leaves the previous site byte for byte")
    func failedBuildKeepsSite() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 10)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let before = Fixtures.snapshot(out)

        try Fixtures.tamper(store, "UPDATE batch SET expires_on = '2000-01-01' WHERE id = 9")
        #expect(throws: BuildError.self) { try SiteBuilder(options: Fixtures.options(store: store, out: out)).build() }
        #expect(Fixtures.snapshot(out) == before)
        let leftovers = try Fixtures.buildLeftovers(in: directory.path)
        #expect(leftovers.isEmpty)
    }

    @Test(
        "a row the cross-row checks catch (checked while the build renders) fails the build, and the site stays",
        arguments: [
            ("UPDATE cold_chain_reading SET batch_id = 999999 WHERE id = 1", "cold_chain_reading row 1 field reference: refers to a batch row"),
            ("UPDATE process_step SET site_id = 999 WHERE id = 2", "process_step row 2 field reference: refers to a site row"),
            // The first build's check was clean, so the second checks only what moved since
            // (CrossRowCheckTests): these breakages must still be among it.
            // Deleting a batch with foreign keys off leaves its rows pointing at nothing.
            ("DELETE FROM batch WHERE id = 3", "refers to a batch row that does not exist"),
            // A new row that points at nothing changes no batch's revision.
            ("INSERT INTO media (batch_id, kind, title_zh, title_en, url) VALUES (999999, 'photo', '照片', 'Photo', 'https://example.com/p.jpg')",
             "media row"),
            // A site's id moving under the rows that name it.
            ("UPDATE site SET id = 777 WHERE id = 11", "refers to a site row that does not exist"),
        ])
    func crossRowProblemKeepsSite(_ breakage: (sql: String, expected: String)) throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 10)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        #expect(CheckedTables.load(site: out) != nil)
        let before = Fixtures.snapshot(out)

        try Fixtures.tamper(store, breakage.sql)
        do {
            _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
            Issue.record("the build succeeded")
        } catch BuildError.inconsistentStore(let problems) {
            #expect(problems.map(\.description).contains { $0.contains(breakage.expected) }, "got: \(problems)")
        }
        #expect(Fixtures.snapshot(out) == before)
    }

    @Test("a full render that fails after its batches are written leaves the site, its spare and nothing else")
    func failedFullRenderKeepsSpare() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 10)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let spare = directory.file(".tracepress-spare-site")
        let before = (site: Fixtures.snapshot(out), spare: Fixtures.snapshot(spare))
        #expect(!before.spare.isEmpty)

        // A row no batch reads, so every batch renders (and is linked into the spare the full
        // render grows) before the cross-row checks fail the build.
        try Fixtures.tamper(store, "INSERT INTO media (batch_id, kind, title_zh, title_en, url) VALUES (999999, 'photo', '照片', 'Photo', 'https://example.com/p.jpg')")
        var options = Fixtures.options(store: store, out: out)
        options.full = true
        #expect(throws: BuildError.self) { try SiteBuilder(options: options).build() }
        #expect(Fixtures.snapshot(out) == before.site)
        #expect(Fixtures.snapshot(spare) == before.spare)
        let leftovers = try Fixtures.buildLeftovers(in: directory.path)
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("a public folder that is not there fails the build and publishes nothing")
    func missingPublicFolder() throws {
        let directory = TemporaryDirectory()
        var options = Fixtures.options(store: try Fixtures.demoStore(in: directory, batches: 2), out: directory.file("site"))
        options.publicPath = directory.file("Pubilc")
        do {
            _ = try SiteBuilder(options: options).build()
            Issue.record("built without its public folder")
        } catch {
            #expect("\(error)" == "public folder '\(directory.file("Pubilc"))' does not exist: pass --public with the folder of the site's stylesheets and images, or write the default ones with `tracepress init`")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("site")))
    }

    @Test("a template typo fails the build and publishes nothing")
    func templateTypo() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 3)
        let templates = directory.file("Templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        let batch = templates + "/batch.mustache"
        let source = try String(contentsOfFile: batch, encoding: .utf8)
        try source.replacingOccurrences(of: "{{lot}}", with: "{{lott}}").write(toFile: batch, atomically: true, encoding: .utf8)
        var options = Fixtures.options(store: store, out: directory.file("site"))
        options.templatesPath = templates
        let line = source[..<source.range(of: "{{lot}}")!.lowerBound].count { $0 == "\n" } + 1
        #expect(throws: RenderError.unknownNames(template: "batch", names: ["lott"], places: ["{{lott}} on line \(line) of batch.mustache; did you mean 'lot'?"])) {
            try SiteBuilder(options: options).build()
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("site")))
    }

    @Test("a folder TracePress did not make is never replaced")
    func foreignFolder() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 1)
        let out = directory.file("documents")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out + "/thesis.txt"))
        #expect(throws: PublishError.notASite(out)) { try SiteBuilder(options: Fixtures.options(store: store, out: out)).build() }
        #expect(FileManager.default.contents(atPath: out + "/thesis.txt") == Data("keep me".utf8))
    }

    @Test("a store, templates or public folder inside the output folder, an output inside them, or an output that is a symbolic link is refused before anything is written")
    func overlappingFolders() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 2)
        let out = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: out)).build()
        let published = Fixtures.snapshot(out)

        // The store moved into the published site: the swap would have taken it away with the old site.
        let inside = out + "/trace.sqlite"
        try FileManager.default.copyItem(atPath: store, toPath: inside)
        for storePath in [inside, directory.file("site/../site/./trace.sqlite")] {
            var options = Fixtures.options(store: storePath, out: out)
            options.full = true
            #expect {
                try SiteBuilder(options: options).build()
            } throws: { "\($0)".hasPrefix("the store '\(storePath)' is inside the output folder") }
        }
        #expect(FileManager.default.fileExists(atPath: inside))
        try FileManager.default.removeItem(atPath: inside)
        #expect(Fixtures.snapshot(out) == published)

        // Public/ inside the output, and the output inside a copy of Public/ (or Templates/).
        let publicCopy = directory.file("Public")
        try FileManager.default.copyItem(atPath: Repository.publicFolder, toPath: publicCopy)
        var options = Fixtures.options(store: store, out: publicCopy + "/site")
        options.publicPath = publicCopy
        #expect { try SiteBuilder(options: options).build() } throws: { "\($0)".contains("is inside the public folder") }
        #expect(!FileManager.default.fileExists(atPath: publicCopy + "/site"))
        options = Fixtures.options(store: store, out: out)
        options.templatesPath = out + "/Templates"
        #expect { try SiteBuilder(options: options).build() } throws: { "\($0)".hasPrefix("the templates folder") }

        // An output that is a symbolic link is refused (renaming would move the link), naming the folder to pass.
        try FileManager.default.createSymbolicLink(atPath: directory.file("published"), withDestinationPath: "site")
        #expect {
            try SiteBuilder(options: Fixtures.options(store: store, out: directory.file("published"))).build()
        } throws: { "\($0)".hasPrefix("the output folder '\(directory.file("published"))' is a symbolic link to '") && "\($0)".hasSuffix("--out \(URL(fileURLWithPath: out).resolvingSymlinksInPath().path)") }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.file("published")) == "site")
        #expect(Fixtures.snapshot(out) == published)

        // A symbolic link is followed: a store reached through one is still inside.
        try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: out)
        try FileManager.default.copyItem(atPath: store, toPath: inside)
        #expect { try SiteBuilder(options: Fixtures.options(store: directory.file("link/trace.sqlite"), out: out)).build() } throws: {
            "\($0)".contains("is inside the output folder")
        }
    }

    @Test("SIGKILL in the middle of a build: the old site stays complete, the next build cleans up and succeeds")
    func killedBuild() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 1500)
        let out = directory.file("site")
        let first = try ExternalTool.run(Repository.executable, ["build", "--store", store, "--out", out, "--templates", Repository.templates, "--public", Repository.publicFolder])
        #expect(first.status == 0, "\(first.errorOutput)")
        let before = Fixtures.snapshot(out)

        // Change the data so the next build would write different pages, then kill it mid-way.
        try Fixtures.tamper(store, "UPDATE product SET name_zh = name_zh || '（新）'")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = ["build", "--store", store, "--out", out, "--templates", Repository.templates, "--public", Repository.publicFolder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let staging = "\(directory.path)/.tracepress-staging-site-\(process.processIdentifier)"
        var waited = 0
        while Fixtures.batchFolders(in: staging).count < 50 && waited < 2000 && process.isRunning {
            usleep(5000)
            waited += 1
        }
        #expect(process.isRunning, "the build finished before it could be killed; make the store bigger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(Fixtures.snapshot(out) == before)

        let again = try ExternalTool.run(Repository.executable, ["build", "--store", store, "--out", out, "--templates", Repository.templates, "--public", Repository.publicFolder])
        #expect(again.status == 0, "\(again.errorOutput)")
        #expect(Fixtures.batchFolders(in: out).count == 1500)
        let leftovers = try Fixtures.buildLeftovers(in: directory.path)
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}

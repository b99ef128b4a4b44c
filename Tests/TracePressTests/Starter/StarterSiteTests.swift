import Foundation
import Testing
import TracePressCore
@testable import TraceStarter

@Suite("tracepress init: the default templates and assets, carried in the binary")
struct StarterSiteTests {
    @Test("the embedded files are Templates/ and Public/ byte for byte")
    func embeddedCopyIsCurrent() throws {
        var onDisk: [String: Data] = [:]
        for folder in StarterSite.folders {
            // Hidden files (an editor's swap file) are not part of the theme, and not embedded.
            for (relative, bytes) in Fixtures.snapshot(Repository.root + "/" + folder)
            where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                onDisk[folder + "/" + relative] = bytes
            }
        }
        let embedded = Dictionary(uniqueKeysWithValues: StarterSite.files.map { ($0.path, $0.bytes) })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted())
        for (path, bytes) in onDisk where embedded[path] != nil {
            #expect(embedded[path] == bytes, "\(path) differs from its embedded copy")
        }
    }

    @Test("init writes a site whose build is byte-identical to one from the repository's folders")
    func initThenBuild() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 3)
        let result = try ExternalTool.run(Repository.executable, ["init", directory.file("brand")])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("wrote Templates/ (12 files) and Public/ (5 files) in \(directory.file("brand"))\n"))

        _ = try SiteBuilder(options: Fixtures.options(store: store, out: directory.file("reference"))).build()
        var options = Fixtures.options(store: store, out: directory.file("started"))
        options.templatesPath = directory.file("brand/Templates")
        options.publicPath = directory.file("brand/Public")
        _ = try SiteBuilder(options: options).build()
        let started = Fixtures.snapshot(directory.file("started"))
        #expect(started.count > 20)
        #expect(started == Fixtures.snapshot(directory.file("reference")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("brand")).sorted() == ["Public", "Templates"])
    }

    @Test("init never overwrites: a Templates/ with files stops it before it writes anything")
    func refusesToOverwrite() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("Templates"), withIntermediateDirectories: true)
        let edited = directory.file("Templates/batch.mustache")
        try Data("<p>{{lot}}</p>\n".utf8).write(to: URL(fileURLWithPath: edited))

        #expect(throws: StarterError.alreadyThere(directory.file("Templates"))) { try StarterSite.write(into: directory.path) }
        #expect(FileManager.default.contents(atPath: edited) == Data("<p>{{lot}}</p>\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Templates"])

        let result = try ExternalTool.run(Repository.executable, ["init", directory.path])
        #expect(result.status == 1)
        #expect(result.errorOutput.hasPrefix("error: '\(directory.file("Templates"))' already exists and is not empty; nothing was written"))
    }

    @Test("init onto a file says so and leaves it")
    func refusesAFile() throws {
        let directory = TemporaryDirectory()
        let file = directory.file("notes.txt")
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: StarterError.notAFolder(file)) { try StarterSite.write(into: file) }
        let result = try ExternalTool.run(Repository.executable, ["init", file])
        #expect(result.status == 1)
        #expect(result.errorOutput == "error: '\(file)' is a file, not a folder; nothing was written (give init a new or empty folder)\n")
        #expect(FileManager.default.contents(atPath: file) == Data("keep\n".utf8))
    }

    @Test("init fills empty Templates/ and Public/ folders")
    func fillsEmptyFolders() throws {
        let directory = TemporaryDirectory()
        for folder in StarterSite.folders {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        let written = try StarterSite.write(into: directory.path)
        #expect(written.map(\.folder) == ["Templates", "Public"])
        #expect(FileManager.default.fileExists(atPath: directory.file("Templates/batch.mustache")))
        #expect(FileManager.default.fileExists(atPath: directory.file("Public/style.css")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["Public", "Templates"])
    }

    @Test("a missing templates folder names the fix")
    func missingTemplatesSaysInit() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 1)
        let result = try ExternalTool.run(
            Repository.executable, ["build", "--store", store, "--out", directory.file("site"), "--templates", directory.file("Templates")])
        #expect(result.status == 1)
        #expect(result.errorOutput == "error: templates folder '\(directory.file("Templates"))' does not exist: pass --templates with the folder "
            + "of the site's Mustache templates, or write the default ones with `tracepress init`\n")
    }
}

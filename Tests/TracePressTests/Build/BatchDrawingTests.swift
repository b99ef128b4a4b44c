import FlyingFox
import Foundation
import Testing
import TracePressCore
@testable import TracePreview

@Suite("serve draws batch pages from the new sources while a long rebuild runs")
struct BatchDrawingTests {
    /// A built 12-batch demo site in `directory`, and a drawing from the same sources.
    static func drawingOfDemoSite(in directory: TemporaryDirectory) throws -> (drawing: BatchDrawing, site: String) {
        let (store, site) = try Fixtures.demoSite(in: directory, batches: 12)
        return (try BatchDrawing(options: Fixtures.options(store: store, out: site)), site)
    }

    @Test("every file of every batch, drawn on request, is byte for byte what the build wrote")
    func drawnFilesAreBuiltFiles() throws {
        let directory = TemporaryDirectory()
        let (drawing, site) = try Self.drawingOfDemoSite(in: directory)
        let folders = Fixtures.batchFolders(in: site)
        try #require(folders.count == 12)
        for folder in folders {
            for name in ["index.html", "en/index.html", "qr.svg", "qr.png", "linkset.json", "data.json"] {
                let built = try #require(FileManager.default.contents(atPath: "\(site)/\(folder)/\(name)"))
                let drawn = try #require(try drawing.file(at: "\(folder)/\(name)"), "\(folder)/\(name) not drawn")
                #expect(drawn.name == name)
                #expect(Data(drawn.bytes) == built, "\(folder)/\(name) differs from the built file")
            }
            // The ways a browser asks for a batch's pages.
            for (path, name) in [(folder, "index.html"), (folder + "/", "index.html"), (folder + "/en/", "en/index.html"), (folder + "/en", "en/index.html")] {
                #expect(try drawing.file(at: path)?.name == name, "\(path)")
            }
        }
        let first = folders[0]
        let lowerCase = first.prefix(through: first.lastIndex(of: "/")!) + first.split(separator: "/").last!.lowercased()
        #expect(try drawing.file(at: String(lowerCase))?.bytes == drawing.file(at: first)?.bytes, "a lot asked for in other case is the same batch")
        for other in ["", "index.html", "sites/central-lab/", "01/09521231000016/", "\(first)/readme.txt", "\(first)/en/qr.svg", "01/09521231000016/10/NOSUCHLOT/"] {
            #expect(try drawing.file(at: other) == nil, "\(other) is not a batch's file")
        }
        let stylesheet = try #require(try FileManager.default.contentsOfDirectory(atPath: site).first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        #expect(drawing.publicFile(at: stylesheet).map { Data($0) } == FileManager.default.contents(atPath: site + "/" + stylesheet))
    }

    @Test("the batches the building page links: the first lot of each product, in GTIN order, at most as many products as asked")
    func batchesToOpen() throws {
        let directory = TemporaryDirectory()
        let (drawing, site) = try Self.drawingOfDemoSite(in: directory)
        let folders = Fixtures.batchFolders(in: site)
        // Each product's lots in order, as its lot list shows them.
        let firstOfEach = Dictionary(grouping: folders) { $0.split(separator: "/")[1] }.values.map { $0.min()! }.sorted()
        try #require(firstOfEach.count > 2)
        let all = try drawing.batchesToOpen(limit: 24)
        #expect(all.map(\.path) == firstOfEach)
        #expect(all.allSatisfy { $0.path.hasSuffix("/10/" + $0.lot) && !$0.product.zh.isEmpty })
        #expect(try drawing.batchesToOpen(limit: 2).map(\.path) == Array(firstOfEach.prefix(2)))
    }

    @Test("while drawing, a batch page shows the template as saved and says so; other pages say they are the last build's; after the build, the built page")
    func handlerDrawsWhileRebuilding() async throws {
        let directory = TemporaryDirectory()
        let options = try Fixtures.editableOptions(in: directory, batches: 6)
        _ = try SiteBuilder(options: options).build()
        let folder = try #require(Fixtures.batchFolders(in: options.outputPath).first)
        try Fixtures.edit(options.templatesPath + "/batch.mustache", replacing: "<main>", with: "<main><p>NEW-BATCH-TEMPLATE</p>")

        let state = PreviewState()
        let handler = PreviewHandler(resolver: SitePathResolver(siteFolder: options.outputPath), state: state)
        /// `path` as a browser sends it (percent-encoded), answered by the handler.
        func get(_ path: String) async throws -> (status: Int, type: String, body: String) {
            let response = try await handler.handleRequest(HTTPRequest(method: .GET, version: .http11, target: .init(path: path, query: ""), headers: [:], body: HTTPBodySequence(data: Data())))
            let body = try await response.bodyData
            return (response.statusCode.code, response.headers[.contentType] ?? "", String(decoding: body, as: UTF8.self))
        }

        #expect(try await !get("/\(folder)/").body.contains("NEW-BATCH-TEMPLATE"), "before: the built page")
        let version = await state.version
        await state.rebuilding(drawing: try BatchDrawing(options: options))
        #expect(await state.version == version + 1, "open pages reload to show the drawn page")

        for path in ["/\(folder)/", "/\(folder)/en/"] {
            let page = try await get(path)
            #expect(page.status == 200 && page.type.hasPrefix("text/html"))
            #expect(page.body.contains("NEW-BATCH-TEMPLATE"), "\(path) drawn from the template as saved")
            #expect(page.body.contains("data-tracepress-preview=\"rebuilding\""))
            #expect(page.body.contains("/__tracepress/version"), "and reloads when the rebuild ends")
        }
        let image = try await get("/\(folder)/qr.png")
        #expect(image.status == 200 && image.type == "image/png")
        let home = try await get("/")
        #expect(home.status == 200 && home.body.contains("data-tracepress-preview=\"rebuilding\"") && home.body.contains("last build"))
        #expect(try await get("/%2e%2e/etc/passwd").status == 403, "a path outside the site is refused while drawing too")
        let unknown = try await get("/" + folder.split(separator: "/").prefix(3).joined(separator: "/") + "/NOSUCHLOT/")
        #expect(unknown.status == 404, "a lot the store lacks is the built site's 404")

        await state.built(failure: nil, warnings: [])
        let after = try await get("/\(folder)/")
        #expect(!after.body.contains("NEW-BATCH-TEMPLATE") && !after.body.contains("rebuilding"), "after the build: the files on disk again")

        // A template that parses but names nothing the page has: the last build's page, saying why.
        try Fixtures.edit(options.templatesPath + "/batch.mustache", replacing: "NEW-BATCH-TEMPLATE", with: "{{no_such_name_7q}}")
        await state.rebuilding(drawing: try BatchDrawing(options: options))
        let broken = try await get("/\(folder)/")
        #expect(broken.status == 200 && !broken.body.contains("NEW-BATCH-TEMPLATE"))
        #expect(broken.body.contains("could not be drawn") && broken.body.contains("no_such_name_7q"), "the render's error is on the page")
    }
}

import ArgumentParser
import Foundation
import TracePreview

/// `tracepress serve`: a local preview that rebuilds on save.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on 127.0.0.1 and rebuild when you save.",
        discussion: """
            Builds the site into --out, serves it at http://127.0.0.1:<port>/ as a static host would \
            (index.html for folders, 404.html for unknown paths, nothing outside the folder), and \
            watches the store, Templates/ and Public/: on a change it rebuilds incrementally and open \
            pages reload themselves. A failed rebuild prints its error and keeps the last good site, \
            with the error shown on top of its pages until a save fixes it. The preview answers from \
            the start: while a build runs (the first one too), batch pages are drawn on request from \
            your sources, so a large store's page shows in milliseconds, not after the build.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "TCP port on 127.0.0.1.")
    var port: UInt16 = 8080

    func validate() throws {
        guard port > 0 else { throw ValidationError("--port must be 1 to 65535 (0 would let the system pick one no one could find)") }
    }

    func run() async throws {
        let server = PreviewServer(options: try site.buildOptions(), port: port) { line in
            let handle = ["error:", "warning:", "left out:"].contains(where: line.hasPrefix) ? FileHandle.standardError : FileHandle.standardOutput
            handle.write(Data((line + "\n").utf8))
        }
        do { try await server.run() } catch { throw Console.fail(error) }
    }
}

import Foundation
import Testing

@Suite("tracepress serve: pages, 404, no traversal, rebuild on save", .serialized)
struct ServeTests {
    /// A free TCP port on 127.0.0.1.
    func freePort() -> UInt16 { UInt16.random(in: 20_000...40_000) }

    /// The raw HTTP response to a request line, sent as is (URL libraries would normalise `..`).
    func rawGet(_ port: UInt16, _ target: String) throws -> String {
        let result = try ExternalTool.run("curl", ["-s", "-i", "--path-as-is", "--max-time", "5", "http://127.0.0.1:\(port)\(target)"])
        return result.output
    }

    func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    @Test("answers a page, a 404 with the site's 404 page, refuses /../ and rebuilds when a template changes")
    func serve() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        let templates = directory.file("Templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        let port = freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = [
            "serve", "--store", store, "--templates", templates, "--public", Repository.publicFolder, "--out", directory.file("site"),
            "--port", String(port),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(try waitFor(60) { try rawGet(port, "/").hasPrefix("HTTP/1.1 200") })

        let home = try rawGet(port, "/")
        #expect(home.contains("Content-Type: text/html"))
        #expect(home.contains("/__tracepress/version"))
        let missing = try rawGet(port, "/01/09521231000016/10/NO-SUCH-LOT/")
        #expect(missing.hasPrefix("HTTP/1.1 404"))
        #expect(missing.contains("<html"))
        for attack in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/sites/..%2f..%2f..%2fetc/passwd"] {
            let answer = try rawGet(port, attack)
            #expect(answer.hasPrefix("HTTP/1.1 403") || answer.hasPrefix("HTTP/1.1 400"), "\(attack): \(answer.prefix(40))")
            #expect(!answer.contains("root:"))
        }
        let calendar = try rawGet(port, "/live.ics")
        #expect(calendar.contains("Content-Type: text/calendar"))

        let version = try rawGet(port, "/__tracepress/version").components(separatedBy: "\r\n\r\n").last ?? ""
        let home404 = templates + "/home.mustache"
        let original = try String(contentsOfFile: home404, encoding: .utf8)
        try original.replacingOccurrences(of: "<main>", with: "<main><p>Preview marker 7f3a</p>").write(
            toFile: home404, atomically: false, encoding: .utf8)
        #expect(try waitFor(60) { try rawGet(port, "/__tracepress/version").components(separatedBy: "\r\n\r\n").last != version })
        #expect(try rawGet(port, "/").contains("Preview marker 7f3a"))
    }
}

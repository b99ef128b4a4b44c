import Foundation
import Testing

@Suite("tracepress command line: one-line errors, clean exit codes")
struct CommandLineTests {
    @Test("a missing store is one error line and exit 1")
    func missingStore() throws {
        let result = try ExternalTool.run(Repository.executable, ["build", "--store", "/nonexistent/trace.sqlite"])
        #expect(result.status == 1)
        #expect(result.errorOutput == "error: no trace store at '/nonexistent/trace.sqlite' (create one with `tracepress demo --store /nonexistent/trace.sqlite`)\n")
    }

    @Test("serve --port 0 is refused in words: the system would pick a port no one is told")
    func servePortZero() throws {
        let result = try ExternalTool.run(Repository.executable, ["serve", "--port", "0", "--store", "/nonexistent/trace.sqlite"], timeout: 30)
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("--port must be 1 to 65535"))
    }

    @Test("check exits 1 and prints one line per problem; 0 when clean")
    func check() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 3)
        let clean = try ExternalTool.run(Repository.executable, ["check", "--store", store])
        #expect(clean.status == 0)
        try Fixtures.tamper(store, "UPDATE batch SET lot = 'a b' WHERE id = 1; UPDATE batch SET expires_on = '2000-01-01' WHERE id = 2")
        let broken = try ExternalTool.run(Repository.executable, ["check", "--store", store])
        #expect(broken.status == 1)
        let lines = broken.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("batch row 1 field lot:") })
        #expect(lines.contains { $0.hasPrefix("batch row 2 field expires_on:") })
        #expect(broken.errorOutput.hasPrefix("error: 2 problems in"))
    }

    @Test("a broken link in a template: a warning on stderr, counted in the summary, exit 0; with --strict an error, exit 1, nothing published")
    func brokenLink() throws {
        let directory = TemporaryDirectory()
        let options = try Fixtures.editableOptions(in: directory, batches: 2)
        try Fixtures.edit(options.templatesPath + "/batch.mustache", replacing: "<main>", with: "<main><img src=\"{{root}}images/calf.png\" alt=\"\">")
        let arguments = [
            "build", "--store", options.storePath, "--templates", options.templatesPath, "--public", options.publicPath, "--out", options.outputPath,
        ]
        let strict = try ExternalTool.run(Repository.executable, arguments + ["--strict"])
        #expect(strict.status == 1)
        let lines = strict.errorOutput.split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("broken link: Templates/batch.mustache: \"../../../../images/calf.png\" on 01/") == true)
        #expect(lines.last == "error: 1 broken link (above) with --strict: nothing was published")
        #expect(!FileManager.default.fileExists(atPath: options.outputPath))

        let lenient = try ExternalTool.run(Repository.executable, arguments)
        #expect(lenient.status == 0)
        #expect(lenient.errorOutput.hasPrefix("warning: broken link: Templates/batch.mustache: "))
        #expect(lenient.output.split(separator: "\n").first?.hasSuffix(" s; 1 warning") == true, "\(lenient.output)")
    }

    @Test("--help explains the commands; --version answers")
    func help() throws {
        let result = try ExternalTool.run(Repository.executable, ["--help"])
        #expect(result.status == 0)
        for word in ["init", "demo", "build", "check", "Digital Link"] { #expect(result.output.contains(word)) }
        // The discussion's example lines fit 80 columns, so the help prints them unwrapped.
        #expect(result.output.contains("  tracepress init     # write Templates/ and Public/ to edit\n"))
        let version = try ExternalTool.run(Repository.executable, ["--version"])
        #expect(version.status == 0)
        #expect(version.output.split(separator: ".").count == 3 && version.output.hasSuffix("\n"))
    }

    @Test("import and export: a summary line on success, every problem and exit 1 on bad input, JSON on stdout")
    func importExport() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("cli.sqlite")
        let csv = try ExternalTool.run(
            Repository.executable, ["import", "csv", ExchangeFixtures.csvTemplates, "--store", store, "--base-url", "https://trace.example.com"])
        #expect(csv.status == 0)
        #expect(csv.output.hasPrefix("imported 17 rows into \(store)"))
        let epcis = try ExternalTool.run(Repository.executable, ["import", "epcis", ExchangeFixtures.farmToCan, "--store", store])
        #expect(epcis.status == 0)
        #expect(epcis.output.hasPrefix("imported 11 events"))
        let bad = try ExchangeFixtures.write("{\"type\": \"EPCISDocument\"}", to: "bad.json", in: directory)
        let rejected = try ExternalTool.run(Repository.executable, ["import", "epcis", bad, "--store", store])
        #expect(rejected.status == 1)
        #expect(rejected.errorOutput.hasPrefix("error: 2 problems in the input; the store was not changed:"))
        #expect(rejected.errorOutput.contains("bad.json: /schemaVersion: is missing"))
        #expect(rejected.errorOutput.contains("bad.json: /epcisBody: is missing"))
        let exported = try ExternalTool.run(Repository.executable, ["export", "epcis", "--store", store])
        #expect(exported.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any]
        #expect(document?["type"] as? String == "EPCISDocument")
        let help = try ExternalTool.run(Repository.executable, ["import", "csv", "--help"])
        #expect(help.output.contains("GB18030") && help.output.contains("--encoding"))
    }
}

import ArgumentParser
import Foundation
import TraceExchange
import TraceStore

/// `tracepress export epcis`: the store as one EPCIS 2.0 document.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the trace store in an open format.", subcommands: [ExportEPCISCommand.self])
}

struct ExportEPCISCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis",
        abstract: "Write the store as one GS1 EPCIS 2.0 JSON-LD document.",
        discussion: """
            Sites and products become master data; imported events are written exactly as stored; \
            rows entered by hand (spreadsheets, the demo) become ObjectEvents with their fields in the \
            tp: namespace. `tracepress import epcis` reads the result back: into an empty store it \
            recreates the batches; into the store it came from it adds nothing. Photos and \
            livestreams have no place in EPCIS and are not exported.
            """)

    @Option(name: .long, help: "The SQLite trace store.")
    var store = "trace.sqlite"

    @Option(name: .long, help: "Where to write the document; standard output when omitted.")
    var out: String?

    func run() throws {
        let clock = Stopwatch()
        do {
            let exporter = EPCISExporter(store: try TraceStore(path: store, mode: .readOnly))
            if let out {
                let count = try exporter.export(to: out)
                print("exported \(count) events from \(store) to \(out) in \(String(format: "%.2f", clock.seconds)) s")
            } else {
                _ = try exporter.exportToStandardOutput()
            }
        } catch {
            throw Console.fail(error)
        }
    }
}

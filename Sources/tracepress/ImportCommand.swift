import ArgumentParser
import Foundation
import TraceExchange
import TraceStore

/// `tracepress import epcis|csv`: real trace data into the store, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import trace data: GS1 EPCIS 2.0 documents or one CSV file per table.",
        discussion: """
            Each run is one transaction: on any error nothing is written and every problem is listed \
            with its file and place (a JSON pointer, or a CSV line and column). Importing the same \
            input again changes nothing.
            """,
        subcommands: [ImportEPCISCommand.self, ImportCSVCommand.self])
}

struct ImportEPCISCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis",
        abstract: "Import EPCIS 2.0 JSON / JSON-LD documents (EPCISDocument or EPCISQueryDocument).",
        discussion: """
            Object, Aggregation, Transformation and Association events become the steps, origins, \
            cold-chain readings and lab checks of the batches they reach; TransformationEvents link \
            a canned lot to the raw-milk lots and farms it came from. Lots are read from GS1 Digital \
            Link URIs (https://…/01/{gtin}/10/{lot}) or LGTIN URNs; units (SGTINs) and containers \
            (SSCCs) through the commissioning ILMD and aggregation events that name them. Locations \
            are matched to sites by GLN; master data in the header creates missing sites. Lots of \
            GTINs that are not products in the store are kept as upstream lots. Fields EPCIS has no \
            place for (titles, limits, verdicts) travel in the https://ns.tracepress.dev/epcis/ \
            namespace (prefix tp:); see README.
            """)

    @Argument(help: "EPCIS documents (.json or .jsonld).")
    var files: [String]

    @Option(name: .long, help: "The SQLite trace store (created when missing; products come from master data, `import csv` or the demo).")
    var store = "trace.sqlite"

    func run() throws {
        let clock = Stopwatch()
        let report: ImportReport
        do {
            let traceStore = try TraceStore(path: store, mode: .create)
            report = try EPCISImporter(store: traceStore).importFiles(files)
        } catch {
            throw Console.fail(error)
        }
        ImportSummary.print(report, into: store, seconds: clock.seconds, unit: "event")
    }
}

/// The closing lines of an import: what changed, then the notes.
enum ImportSummary {
    static func print(_ report: ImportReport, into store: String, seconds: Double, unit: String) {
        let plural = { (count: Int, word: String) in "\(count) \(count == 1 ? word : word.hasSuffix("ch") ? word + "es" : word + "s")" }
        Swift.print(
            "imported \(plural(report.added, unit)) into \(store) (\(report.unchanged) already there), "
                + "\(plural(report.batchesUpdated, "batch")) updated, in \(String(format: "%.2f", seconds)) s")
        for note in report.notes { Console.note("note: \(note)") }
    }
}

public import ArgumentParser
public import TraceExchange
import TraceStore

extension TextEncoding: ExpressibleByArgument {}

struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import a folder of spreadsheets: one CSV file per table.",
        discussion: """
            Reads products.csv, sites.csv, batches.csv, origins.csv, steps.csv, checks.csv, \
            readings.csv and media.csv (any of them; the README lists their columns and Examples/csv/ \
            has templates that open in Excel and WPS). Products, sites and batches are matched on GTIN, \
            site code and GTIN + lot and updated in place; for each batch a child file lists, its rows \
            are replaced by the file's. Files may be UTF-8 (with or without BOM) or GB18030, which \
            Chinese-locale Excel writes; the encoding is detected unless --encoding says otherwise. \
            The store is created if it does not exist.
            """)

    @Argument(help: "The folder holding the CSV files.")
    var folder: String

    @Option(name: .long, help: "The SQLite trace store (created when missing).")
    var store = "trace.sqlite"

    @Option(name: .long, help: "Text encoding of the files: \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")).")
    var encoding = TextEncoding.auto

    @Option(name: .long, help: "Store this as the site's base URL (the host QR codes point to), e.g. https://trace.example.com.")
    var baseURL: String?

    func run() throws {
        let clock = Stopwatch()
        let report: ImportReport
        do {
            let traceStore = try TraceStore(path: store, mode: .create)
            report = try CSVImporter(store: traceStore, encoding: encoding, baseURL: baseURL).importFolder(folder)
        } catch {
            throw Console.fail(error)
        }
        ImportSummary.print(report, into: store, seconds: clock.seconds, unit: "row")
    }
}

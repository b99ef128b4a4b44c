import Foundation
import TraceModel
public import TraceStore

/// Imports a folder of spreadsheets, one CSV file per table (see `CSVSchema`), in one transaction.
///
/// Products, sites and batches are matched on their keys (GTIN, site code, GTIN + lot) and
/// updated in place. For every batch (or site) a child file lists, the rows entered by hand are
/// replaced by the file's rows, so the spreadsheet stays the truth for what it lists and a
/// re-import adds nothing. Rows derived from EPCIS events are never touched.
public struct CSVImporter {
    let store: TraceStore
    let encoding: TextEncoding

    let baseURL: String?

    /// - Parameters:
    ///   - encoding: How the files are encoded; `.auto` tells UTF-8 from GB18030.
    ///   - baseURL: When given, stored as the site's base URL (what QR codes point to).
    public init(store: TraceStore, encoding: TextEncoding = .auto, baseURL: String? = nil) {
        self.store = store
        self.encoding = encoding
        self.baseURL = baseURL
    }

    /// Reads and imports the folder.
    ///
    /// - Parameter folder: Holds some of `products.csv`, `sites.csv`, `batches.csv`, …
    /// - Returns: Rows written and notes (e.g. which encoding each file was read in).
    /// - Throws: `ImportError` listing every problem with file, line and column; nothing is written then.
    public func importFolder(_ folder: String) throws -> ImportReport {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw ImportError.unreadable(file: folder, reason: "not a folder")
        }
        var problems: [ImportProblem] = []
        var report = ImportReport()
        let known = Set(CSVSchema.tables.map(\.fileName))
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") && !known.contains(name) {
            problems.append(
                ImportProblem(
                    file: path(folder, name), place: "",
                    message: "not a TracePress table; expected one of \(CSVSchema.tables.map(\.fileName).joined(separator: ", "))"))
        }
        var tables: [(CSVSchema.Table, String, CSVTable)] = []
        for table in CSVSchema.tables where names.contains(table.fileName) {
            let file = path(folder, table.fileName)
            guard let data = FileManager.default.contents(atPath: file) else { throw ImportError.unreadable(file: file, reason: "permission denied") }
            do {
                let (text, used) = try encoding.decode(data)
                if used == .gb18030 { report.notes.append("\(file): read as GB18030") }
                let parsed = try CSVTable(text: text)
                let found = headerProblems(parsed.header, of: table, file: file)
                problems += found
                // Rows of a file missing a required column would only repeat that problem per line.
                if !found.contains(where: { $0.message.hasPrefix("missing column") }) { tables.append((table, file, parsed)) }
            } catch let error as TextDecodingError {
                problems.append(ImportProblem(file: file, place: "", message: error.message))
            } catch let error as CSVSyntaxError {
                problems.append(ImportProblem(file: file, place: "line \(error.line)", message: error.message))
            }
        }
        if tables.isEmpty && problems.isEmpty {
            throw ImportError.unreadable(
                file: folder, reason: "it holds none of \(CSVSchema.tables.map(\.fileName).joined(separator: ", "))")
        }
        try store.write { writer in
            var rows = CSVRowWriter(writer: writer)
            for (table, file, parsed) in tables { try rows.write(parsed, as: table, file: file) }
            if !(problems + rows.problems).isEmpty { throw ImportError.invalidInput(problems + rows.problems) }
            if let baseURL { try writer.setInfo("base_url", baseURL) }
            report.batchesUpdated = try rows.settleRevisions().count
            report.added = rows.written
        }
        return report
    }

    private func path(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private func headerProblems(_ header: [String], of table: CSVSchema.Table, file: String) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        for column in table.required where !header.contains(column) {
            problems.append(ImportProblem(file: file, place: "line 1", message: "missing column '\(column)'"))
        }
        for (index, column) in header.enumerated() where !table.allColumns.contains(column) {
            problems.append(
                ImportProblem(
                    file: file, place: "line 1, column \(index + 1)",
                    message: "unknown column '\(column)' (columns of \(table.fileName): \(table.allColumns.joined(separator: ", ")))"))
        }
        return problems
    }
}

import Foundation

/// One CSV file, parsed per RFC 4180 (quoted fields, doubled quotes, newlines inside quotes),
/// with the line each record starts on.
///
/// Written here rather than taken from a package: error messages must name the line and column
/// of a field, and a record with a quoted newline spans several lines; the CSV packages in the
/// mirror (SwiftCSV, CSV.swift) return fields without where they came from.
struct CSVTable {
    /// Header names, trimmed and lowercased.
    let header: [String]
    /// Records after the header, with the line each starts on; blank lines are skipped.
    let records: [(line: Int, fields: [String])]

    /// Parses the text; a quote left open is reported with the line it opened on.
    init(text: String) throws(CSVSyntaxError) {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var quoteOpenedOn = 0
        var line = 1
        var recordLine = 1
        var fieldWasQuoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldWasQuoted = true
                quoteOpenedOn = line
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw CSVSyntaxError(line: quoteOpenedOn, message: "a quoted field opened here is never closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let first = records.first else { throw CSVSyntaxError(line: 1, message: "the file is empty: it needs a header line") }
        header = first.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.records = Array(records.dropFirst())
    }
}

/// A CSV that cannot be split into records.
struct CSVSyntaxError: Error {
    let line: Int
    let message: String
}

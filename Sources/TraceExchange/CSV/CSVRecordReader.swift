import Foundation
import TraceModel

/// Typed reading of one record of named text fields, reporting each bad field with its place:
/// a CSV line and column, or the JSON pointer of an EPCIS master-data attribute.
struct CSVRecordReader {
    let file: String
    let fields: [String]
    let columns: [String: Int]
    /// Where a column's field is, in words.
    let place: (String) -> String
    var problems: [ImportProblem] = []

    /// A CSV record: fields by position, places as `line 4, column 2 (lot)`.
    init(file: String, line: Int, fields: [String], columns: [String: Int]) {
        self.file = file
        self.fields = fields
        self.columns = columns
        self.place = { column in "line \(line), column \(columns[column].map { $0 + 1 } ?? 0) (\(column))" }
    }

    /// Named values from elsewhere (EPCIS master data), each with its own place.
    init(file: String, values: [String: (text: String, place: String)], wholePlace: String) {
        self.file = file
        let names = values.keys.sorted()
        self.fields = names.map { values[$0]!.text }
        self.columns = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.place = { column in values[column]?.place ?? "\(wholePlace) (\(column))" }
    }

    mutating func report(_ column: String, _ message: String) {
        problems.append(ImportProblem(file: file, place: place(column), message: message))
    }

    /// The field, trimmed; nil when the column is absent or the field is empty.
    func raw(_ column: String) -> String? {
        guard let index = columns[column], index < fields.count else { return nil }
        let value = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    mutating func text(_ column: String) -> String {
        guard let value = raw(column) else {
            report(column, "is empty")
            return ""
        }
        return value
    }

    mutating func number(_ column: String) -> Double? {
        guard let value = raw(column) else { return nil }
        guard let number = Double(value), number.isFinite else {
            report(column, "'\(value)' is not a number")
            return nil
        }
        return number
    }

    mutating func integer(_ column: String) -> Int? {
        guard let value = raw(column) else { return nil }
        guard let number = Int(value) else {
            report(column, "'\(value)' is not a whole number")
            return nil
        }
        return number
    }

    mutating func gtin(_ column: String = "gtin") -> GTIN? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        do { return try GTIN(value) } catch {
            report(column, "\(error)")
            return nil
        }
    }

    mutating func lot(_ column: String = "lot") -> Lot? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        do { return try Lot(value) } catch {
            report(column, "\(error)")
            return nil
        }
    }

    mutating func date(_ column: String, required: Bool = true) -> CalendarDate? {
        guard let value = raw(column) else {
            if required { report(column, "is empty") }
            return nil
        }
        do { return try CalendarDate(parsing: value) } catch {
            report(column, "'\(value)' is not a date such as 2026-03-01")
            return nil
        }
    }

    mutating func timestamp(_ column: String, required: Bool = true) -> Timestamp? {
        guard let value = raw(column) else {
            if required { report(column, "is empty") }
            return nil
        }
        do { return try Timestamp(parsing: value) } catch {
            report(column, "'\(value)' is not a time with its UTC offset, such as 2026-03-01T06:30:00+08:00")
            return nil
        }
    }

    /// One of a fixed set of words.
    mutating func choice<T: RawRepresentable>(_ column: String, as type: T.Type, default fallback: T? = nil) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let value = raw(column) else {
            if fallback == nil { report(column, "is empty") }
            return fallback
        }
        guard let parsed = T(rawValue: value) else {
            report(column, "'\(value)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return parsed
    }

    mutating func localized(_ stem: String, required: Bool = true) -> LocalizedText {
        let zh = required ? text(stem + "_zh") : raw(stem + "_zh") ?? ""
        let en = required ? text(stem + "_en") : raw(stem + "_en") ?? ""
        return LocalizedText(zh: zh, en: en)
    }

    mutating func webLink(_ column: String) -> String? {
        guard let value = raw(column) else { return nil }
        guard isWebLink(value) else {  // the rule `check` applies to links in the store
            report(column, "'\(value)' is not an http(s) link")
            return nil
        }
        return value
    }
}

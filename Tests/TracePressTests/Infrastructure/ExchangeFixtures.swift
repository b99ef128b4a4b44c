import Foundation
import GRDB

/// Example files under `Examples/`, and small readers of store rows for assertions.
enum ExchangeFixtures {
    static var farmToCan: String { Repository.root + "/Examples/epcis/farm-to-can.jsonld" }
    static var csvTemplates: String { Repository.root + "/Examples/csv" }

    /// Writes `text` to a file in `directory` and returns its path.
    static func write(_ text: String, to name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Rows of a query as arrays of text, for compact expectations.
    static func rows(_ store: String, _ sql: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: store)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.isNull ? "" : String(describing: $0.storage.value!) } }
        }
    }

    /// One value of a query as text.
    static func value(_ store: String, _ sql: String) throws -> String {
        try rows(store, sql).first?.first ?? ""
    }

    /// An EPCIS document around the given events (JSON text of each).
    static func document(_ events: [String], type: String = "EPCISDocument") -> String {
        let list = "[" + events.joined(separator: ",") + "]"
        let body = type == "EPCISQueryDocument"
            ? "{\"queryResults\":{\"queryName\":\"SimpleEventQuery\",\"resultsBody\":{\"eventList\":\(list)}}}"
            : "{\"eventList\":\(list)}"
        return """
            {"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",{"tp":"https://ns.tracepress.dev/epcis/"}],
             "type":"\(type)","schemaVersion":"2.0","creationDate":"2026-03-06T09:00:00+08:00","epcisBody":\(body)}
            """
    }
}

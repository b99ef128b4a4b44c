public import Foundation

/// Reads EPCIS 2.0 JSON / JSON-LD documents (`EPCISDocument`, `EPCISQueryDocument`).
///
/// Every problem in a file is collected with its JSON pointer; the caller gets either the whole
/// document or the whole list of problems, never half a document.
public struct EPCISReader {
    /// The namespace of TracePress's own extension fields (`tp:title`, `tp:limitMax`, …).
    public static let namespace = "https://ns.tracepress.dev/epcis/"
    /// The GS1 EPCIS 2.0 JSON-LD context.
    public static let gs1Context = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"

    var json: JSONReading
    /// Prefixes bound to `namespace` in the document's `@context` (always includes `tp`).
    var extensionPrefixes: Set<String> = ["tp"]

    /// Reads one file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The name used in messages.
    /// - Returns: The document, or every problem found in it.
    public static func read(_ data: Data, file: String) -> Result<EPCISDocument, ImportError> {
        var reader = EPCISReader(json: JSONReading(file: file))
        switch reader.parseJSON(data) {
        case .failure(let problem): return .failure(.invalidInput([problem]))
        case .success(let (root, bytes, events)):
            let document = reader.readDocument(root, bytes: bytes, eventRanges: events)
            if !reader.json.problems.isEmpty { return .failure(.invalidInput(reader.json.problems)) }
            return .success(document)
        }
    }

    /// Where event lists sit in capture and query documents; their events are parsed one at a time.
    static let eventListPaths = [["epcisBody", "eventList"], ["epcisBody", "queryResults", "resultsBody", "eventList"]]

    private func parseJSON(_ data: Data) -> Result<(JSONValue, [UInt8], [[String]: [Range<Int>]]), ImportProblem> {
        let file = json.file
        let firstByte = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        guard let firstByte else { return .failure(ImportProblem(file: file, place: "", message: "the file is empty")) }
        if firstByte == UInt8(ascii: "<") {
            return .failure(
                ImportProblem(
                    file: file, place: "",
                    message: "this is XML (an EPCIS 1.2-era document?); TracePress reads EPCIS 2.0 JSON or JSON-LD: convert it first, e.g. with GS1's EPCIS 2.0 XML/JSON translator"))
        }
        do {
            let bytes = [UInt8](data)
            let (root, events) = try JSONParser.parse(bytes, deferring: EPCISReader.eventListPaths)
            return .success((root, bytes, events))
        } catch {
            if let comment = JSONComments.firstComment(in: data) {
                return .failure(
                    ImportProblem(
                        file: file, place: "line \(comment.line), column \(comment.column)",
                        message: "JSON does not allow comments; remove the comment starting here"))
            }
            return .failure(ImportProblem(file: file, place: "line \(error.line), column \(error.column)", message: "not valid JSON: \(error.message)"))
        }
    }

    private mutating func readDocument(_ root: JSONValue, bytes: [UInt8], eventRanges: [[String]: [Range<Int>]]) -> EPCISDocument {
        var document = EPCISDocument(events: [], masterData: [])
        guard root.isObject else {
            json.report("", "the document should be a JSON object, found \(root.kindName)")
            return document
        }
        readContext(root)
        let type = json.string(root, "type", at: "", required: true)
        if let type, type != "EPCISDocument" && type != "EPCISQueryDocument" {
            json.report("/type", "is '\(type)'; expected 'EPCISDocument' or 'EPCISQueryDocument'")
        }
        if let version = json.string(root, "schemaVersion", at: "", required: true), !version.hasPrefix("2") {
            json.report("/schemaVersion", "is '\(version)'; TracePress reads EPCIS 2.0 documents")
        }
        if let header = json.object(root, "epcisHeader", at: "") {
            document.masterData = readMasterData(header, at: "/epcisHeader")
        }
        guard let body = json.object(root, "epcisBody", at: "") else {
            if root["epcisBody"] == nil { json.report("/epcisBody", "is missing") }
            return document
        }
        var listOwner = body
        var listPointer = "/epcisBody"
        if type == "EPCISQueryDocument" {
            guard let results = json.object(body, "queryResults", at: listPointer),
                let resultsBody = json.object(results, "resultsBody", at: listPointer + "/queryResults")
            else {
                json.report("/epcisBody/queryResults/resultsBody", "is missing")
                return document
            }
            listOwner = resultsBody
            listPointer += "/queryResults/resultsBody"
        }
        if listOwner["eventList"] == nil { json.report(listPointer + "/eventList", "is missing") }
        _ = json.array(listOwner, "eventList", at: listPointer)  // reports a list that is not an array
        let path = type == "EPCISQueryDocument" ? EPCISReader.eventListPaths[1] : EPCISReader.eventListPaths[0]
        for (index, range) in (eventRanges[path] ?? []).enumerated() {
            let pointer = JSONReading.pointer(listPointer + "/eventList", index)
            do {
                // One event's tree at a time: it is read, turned into text and dropped.
                if let parsed = readEvent(try JSONParser.parse(bytes, range: range), at: pointer) { document.events.append(parsed) }
            } catch {
                json.report(pointer, "not valid JSON at line \(error.line), column \(error.column): \(error.message)")
            }
        }
        return document
    }

    /// Finds the prefixes bound to TracePress's namespace, wherever `@context` sits in the object.
    private mutating func readContext(_ root: JSONValue) {
        var contexts: [JSONValue] = []
        switch root["@context"] {
        case .array(let items)?: contexts = items
        case let single?: contexts = [single]
        case nil: break
        }
        for case .object(let bindings) in contexts {
            for (prefix, value) in bindings where value.stringValue == EPCISReader.namespace {
                extensionPrefixes.insert(prefix)
            }
        }
    }

    /// The value of a TracePress extension field, under any prefix bound to its namespace.
    func annotation(_ object: JSONValue, _ name: String) -> (value: JSONValue, key: String)? {
        if let value = object[EPCISReader.namespace + name] { return (value, EPCISReader.namespace + name) }
        for prefix in extensionPrefixes.sorted() {
            if let value = object[prefix + ":" + name] { return (value, prefix + ":" + name) }
        }
        return nil
    }

    /// A TracePress text field, kind-checked like any other field (see `JSONReading`).
    mutating func annotationText(_ object: JSONValue, _ name: String, at base: String) -> String? {
        annotation(object, name).flatMap { json.string(object, $0.key, at: base) }
    }

    /// A TracePress number field.
    mutating func annotationNumber(_ object: JSONValue, _ name: String, at base: String) -> Double? {
        annotation(object, name).flatMap { json.number(object, $0.key, at: base) }
    }

    /// A TracePress true/false field.
    mutating func annotationBool(_ object: JSONValue, _ name: String, at base: String) -> Bool? {
        annotation(object, name).flatMap { json.bool(object, $0.key, at: base) }
    }

    /// The JSON pointer of a TracePress field that is present.
    func annotationPointer(_ object: JSONValue, _ name: String, at base: String) -> String? {
        annotation(object, name).map { JSONReading.pointer(base, $0.key) }
    }
}

/// Finds a `//` or `/*` outside strings, to tell "JSON with comments" from other syntax errors.
enum JSONComments {
    static func firstComment(in data: Data) -> (line: Int, column: Int)? {
        var line = 1
        var column = 0
        var inString = false
        var escaped = false
        var previous: UInt8 = 0
        for byte in data {
            column += 1
            if byte == 0x0A {
                line += 1
                column = 0
            }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if previous == UInt8(ascii: "/"), byte == UInt8(ascii: "/") || byte == UInt8(ascii: "*") {
                return (line, column - 1)
            }
            previous = inString ? 0 : byte
        }
        return nil
    }
}

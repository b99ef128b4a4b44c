import Foundation
import TraceModel
public import TraceStore

/// Writes a store out as one EPCIS 2.0 JSON-LD document, so trace data is never locked in.
///
/// The document holds master data for every site and product, every imported event exactly as
/// stored, and events synthesised from rows entered by hand (spreadsheets, the demo), marked
/// with the store's generation so importing the export into the same store adds nothing.
/// Objects are written with sorted keys and events in a fixed order: the same store always gives
/// the same bytes. Media (photos, livestreams) have no place in EPCIS and are not exported.
public struct EPCISExporter {
    let store: TraceStore

    public init(store: TraceStore) { self.store = store }

    /// Writes the document to `path` (through a temporary file, so a failure leaves no half file).
    ///
    /// - Returns: The number of events written.
    public func export(to path: String) throws -> Int {
        let temporary = path + ".tracepress-partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ImportError.unreadable(file: path, reason: "cannot create the file")
        }
        var succeeded = false
        defer {
            try? handle.close()
            if !succeeded { try? FileManager.default.removeItem(atPath: temporary) }
        }
        var output = BufferedOutput(handle: handle)
        let count = try write(to: &output)
        try output.flush()
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        succeeded = true
        return count
    }

    /// Writes the document to standard output.
    public func exportToStandardOutput() throws -> Int {
        var output = BufferedOutput(handle: FileHandle.standardOutput)
        let count = try write(to: &output)
        try output.flush()
        return count
    }

    private func write(to output: inout BufferedOutput) throws -> Int {
        let (reference, _) = try store.loadReference()
        let generation = try store.info("generation") ?? ""
        let synthesis = EventSynthesis(reference: reference, glns: try store.siteGLNs(), generation: generation)
        let derived = try store.derivedRows()
        let context: JSONValue = .array([.string(EPCISReader.gs1Context), .object(["tp": .string(EPCISReader.namespace)])])
        let header: JSONValue = .object([
            "tp:exportedFromStore": .string(generation),
            "epcisMasterData": .object(["vocabularyList": .array(synthesis.masterData())]),
        ])
        output.append("{\"@context\":\(context.canonicalText),\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",")
        output.append("\"creationDate\":\(JSONValue.string(try store.info("data_as_of") ?? "1970-01-01T00:00:00Z").canonicalText),")
        output.append("\"epcisHeader\":\(header.canonicalText),\n\"epcisBody\":{\"eventList\":[")
        var count = 0
        func emit(_ text: String) throws {
            output.append(count == 0 ? "\n" : ",\n")
            output.append(text)
            count += 1
            if output.isFull { try output.flush() }
        }
        try store.forEachEventDocument { try emit($0) }
        try store.forEachBatchChunk { chunk in
            for record in chunk.records {
                for event in synthesis.events(for: record, skipping: derived) { try emit(event.canonicalText) }
            }
        }
        output.append("\n]}}\n")
        return count
    }
}

/// Collects output in memory and writes it in large pieces.
struct BufferedOutput {
    let handle: FileHandle
    private var buffer = Data()

    init(handle: FileHandle) { self.handle = handle }

    var isFull: Bool { buffer.count > 1 << 20 }

    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

import Foundation
import TraceModel
public import TraceStore

/// Imports EPCIS 2.0 documents into a trace store: all files in one transaction, all or nothing.
///
/// Events are kept whole in `epcis_event`; the rows pages show (steps, checks, readings, origins,
/// new batches) are derived from every stored event that reaches a product's lot, through
/// TransformationEvents and across earlier imports, and replaced each time that lot is touched.
/// Re-importing a document therefore changes nothing.
public struct EPCISImporter {
    let store: TraceStore

    public init(store: TraceStore) { self.store = store }

    /// Reads and imports the files.
    ///
    /// - Parameter files: Paths of EPCIS JSON / JSON-LD documents.
    /// - Returns: What was added, what was already there, and notes.
    /// - Throws: `ImportError` listing every problem of every file; the store is then unchanged.
    public func importFiles(_ files: [String]) throws -> ImportReport {
        var documents: [(file: String, document: EPCISDocument)] = []
        var problems: [ImportProblem] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ImportError.unreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
            }
            switch EPCISReader.read(data, file: file) {
            case .success(let document): documents.append((file, document))
            case .failure(.invalidInput(let found)): problems += found
            case .failure(let other): throw other
            }
        }
        guard problems.isEmpty else { throw ImportError.invalidInput(problems) }
        let generation = try store.info("generation")
        var report = ImportReport()
        var derivationProblems: [ImportProblem] = []
        try store.write { writer in
            var session = ImportSession(writer: writer, storeGeneration: generation)
            try session.run(&documents)
            report = session.report
            derivationProblems = session.problems
            if !derivationProblems.isEmpty { throw ImportError.invalidInput(derivationProblems) }
        }
        return report
    }
}

/// One import inside its transaction: records events, then derives the rows of affected batches.
struct ImportSession {
    let writer: StoreWriter
    let storeGeneration: String?
    var report = ImportReport()
    var problems: [ImportProblem] = []
    /// Where each lot was first named, for messages about the lot.
    var firstMention: [LotKey: (file: String, pointer: String)] = [:]
    var sites: SiteDirectory

    init(writer: StoreWriter, storeGeneration: String?) {
        self.writer = writer
        self.storeGeneration = storeGeneration
        self.sites = SiteDirectory(writer: writer)
    }

    /// Records every event, then derives.
    mutating func run(_ documents: inout [(file: String, document: EPCISDocument)]) throws {
        var touched: Set<LotKey> = []
        let resolver = LotResolver(writer: writer)
        do {
            let events = documents.flatMap(\.document.events)  // shares the trees; gone after this block
            try resolver.learnUnits(from: events)
            problems += try sites.learn(documents, events: events)
        }
        var recorded: [String: EPCISEvent] = [:]
        var unusedFields: [String: Int] = [:]
        for documentIndex in documents.indices {
            let file = documents[documentIndex].file
            for index in documents[documentIndex].document.events.indices {
                let event = documents[documentIndex].document.events[index]
                defer { if event.errorDeclarationReason == nil { recorded[event.id] = event } }
                if let exported = event.annotations.exportedFromStore, exported == storeGeneration {
                    report.unchanged += 1  // its rows were entered by hand in this very store
                    continue
                }
                let pointer = "/epcisBody/eventList/\(index)"
                let document = event.documentText
                let stored = try writer.eventDocument(id: event.id)
                if let stored {
                    if stored == document {
                        report.unchanged += 1
                        continue
                    }
                    if event.errorDeclarationReason == nil {
                        problems.append(
                            ImportProblem(
                                file: file, place: pointer,
                                message: "event \(event.id) was imported before with different content; EPCIS events do not change: declare an error (errorDeclaration) and send a corrective event"))
                        continue
                    }
                }
                for field in event.unusedFields { unusedFields[field, default: 0] += 1 }
                let lots = try resolver.lots(of: event, notes: &report.notes)
                for (lot, _) in lots where firstMention[lot] == nil { firstMention[lot] = (file, pointer) }
                try writer.record(StoredEvent(event, lots: lots, document: document), isNew: stored == nil)
                report.added += 1
                touched.formUnion(lots.map(\.0))
            }
        }
        documents.removeAll()
        if !unusedFields.isEmpty {
            let list = unusedFields.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) event\($0.value == 1 ? "" : "s"))" }
            report.notes.append("kept in the stored events but not shown on pages: \(list.joined(separator: ", "))")
        }
        try derive(affectedBy: touched, parsed: recorded)
    }

    /// Finds the product lots downstream of what changed and derives their rows again.
    private mutating func derive(affectedBy touched: Set<LotKey>, parsed: [String: EPCISEvent]) throws {
        var queue = Array(touched)
        var seen = touched
        var productLots: [LotKey] = []
        var upstreamOnly: Set<String> = []
        while let lot = queue.popLast() {
            if try writer.shelfLifeDays(of: lot.gtin.digits) != nil {
                productLots.append(lot)
            } else {
                upstreamOnly.insert(lot.gtin.digits)
            }
            for output in try writer.outputs(of: lot.gtin.digits, lot.lot) {
                guard let gtin = try? GTIN(output.gtin) else { continue }
                let key = LotKey(gtin: gtin, lot: output.lot)
                if seen.insert(key).inserted { queue.append(key) }
            }
        }
        for gtin in upstreamOnly.sorted() {
            report.notes.append("GTIN \(gtin) is not a product in the store: its lots are kept as upstream lots (origins, lineage), not pages")
        }
        var derivation = BatchDerivation(writer: writer, sites: sites, parsed: parsed)
        for lot in productLots.sorted() {
            do {
                if try derivation.derive(lot) { report.batchesUpdated += 1 }
            } catch let problem as DerivationProblem {
                let place = firstMention[lot] ?? (file: "store", pointer: "")
                problems.append(ImportProblem(file: place.file, place: place.pointer, message: problem.message))
            }
        }
        report.notes += derivation.notes
    }
}

extension StoredEvent {
    init(_ event: EPCISEvent, lots: [(LotKey, EPCISEvent.Role)], document: String) {
        self.init(
            id: event.id, type: event.kind.rawValue, time: event.time.description, bizStep: event.bizStep,
            disposition: event.disposition, readPoint: event.readPoint, bizLocation: event.bizLocation,
            voided: event.errorDeclarationReason != nil, document: document,
            lots: lots.map { (gtin: $0.0.gtin.digits, lot: $0.0.lot, role: $0.1.rawValue) },
            sensorReports: event.sensorReports.map {
                (
                    type: $0.isLabResult ? ($0.analyte ?? $0.type ?? "lab") : ($0.type ?? "unknown"), value: $0.value,
                    min: $0.minValue, max: $0.maxValue, mean: $0.meanValue, uom: $0.uom, time: $0.time?.description,
                    exception: $0.exception
                )
            })
    }
}

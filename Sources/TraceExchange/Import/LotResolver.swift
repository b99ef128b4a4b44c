import TraceModel
import TraceStore

/// Turns what an event names into lots: lot classes as they are, units (SGTINs) through the lot
/// their commissioning ILMD or Digital Link URI gave them, containers (SSCCs) through the
/// AggregationEvents that filled them. What it learns is stored, so later imports resolve too.
struct LotResolver {
    let writer: StoreWriter

    /// Records unit → lot from ILMD lot numbers and Digital Link URIs, then container → lots from
    /// aggregations (in time order, so a pallet of cases of cans resolves to the cans' lots).
    func learnUnits(from events: [EPCISEvent]) throws {
        for event in events {
            for case (.unit(let epc, let gtin, let lot), _) in event.objects {
                if let lot = lot ?? event.lotNumberFromMasterData {
                    try writer.recordUnit(epc: epc, gtin: gtin.digits, lot: lot)
                }
            }
        }
        for event in events.sorted(by: { $0.time < $1.time }) where event.kind == .aggregation && event.action != "DELETE" {
            guard let parent = event.objects.first(where: { $0.1 == .parent })?.0, case .container(let parentEPC) = parent else { continue }
            for (child, role) in event.objects where role == .child {
                for lot in try lots(of: child) { try writer.recordUnit(epc: parentEPC, gtin: lot.gtin.digits, lot: lot.lot) }
            }
        }
    }

    /// The lots an event is about, each with its role; units and containers whose lots are
    /// unknown are left out with a note.
    func lots(of event: EPCISEvent, notes: inout [String]) throws -> [(LotKey, EPCISEvent.Role)] {
        var result: [(LotKey, EPCISEvent.Role)] = []
        var seen: Set<String> = []
        for (object, role) in event.objects {
            let found = try lots(of: object)
            // An association's parent is a device or asset (a data logger), not goods.
            if found.isEmpty && !(event.kind == .association && role == .parent) {
                notes.append("event \(event.id): no lot is known for \(object.text); it is kept in the event but reaches no batch")
            }
            for lot in found where seen.insert("\(lot)|\(role.rawValue)").inserted { result.append((lot, role)) }
        }
        return result
    }

    private func lots(of object: EPCReference) throws -> [LotKey] {
        switch object {
        case .lot(let lot): return [lot]
        case .unit(let epc, let gtin, let lot):
            if let lot { return [LotKey(gtin: gtin, lot: lot)] }
            return try writer.lotsHeld(by: epc).compactMap(LotResolver.key)
        case .container(let epc):
            return try writer.lotsHeld(by: epc).compactMap(LotResolver.key)
        }
    }

    static func key(_ row: (gtin: String, lot: String)) -> LotKey? {
        (try? GTIN(row.gtin)).map { LotKey(gtin: $0, lot: row.lot) }
    }
}

extension EPCReference {
    var text: String {
        switch self {
        case .lot(let lot): lot.digitalLinkURI
        case .unit(let epc, _, _), .container(let epc): epc
        }
    }
}

import Crypto
import Foundation
import TraceModel

extension EPCISReader {
    /// Reads one event of `eventList`; nil (with problems reported) when it cannot be used.
    mutating func readEvent(_ event: JSONValue, at base: String) -> EPCISEvent? {
        guard event.isObject else {
            json.report(base, "an event should be an object, found \(event.kindName)")
            return nil
        }
        let before = json.problems.count
        let typeName = json.string(event, "type", at: base, required: true)
        let kind = typeName.flatMap(EPCISEvent.Kind.init(rawValue:))
        if let typeName, kind == nil {
            json.report(
                base + "/type",
                "'\(typeName)' is not an event type TracePress reads (ObjectEvent, AggregationEvent, TransformationEvent, AssociationEvent)")
        }
        let time = readTime(event, at: base)
        let action = json.string(event, "action", at: base, required: kind != nil && kind != .transformation)
        if let action, !["ADD", "OBSERVE", "DELETE"].contains(action) {
            json.report(base + "/action", "is '\(action)'; expected ADD, OBSERVE or DELETE")
        }
        let bizStep = json.string(event, "bizStep", at: base).map { CBVVocabulary.normalise($0, kind: "BizStep") }
        let disposition = json.string(event, "disposition", at: base).map { CBVVocabulary.normalise($0, kind: "Disp") }
        let readPoint = readLocation(event, "readPoint", at: base)
        let bizLocation = readLocation(event, "bizLocation", at: base)
        let objects = kind.map { readObjects(event, kind: $0, at: base) } ?? []
        var sensorReports: [SensorReading] = []
        for (element, pointer) in json.array(event, "sensorElementList", at: base) {
            sensorReports += readSensorElement(element, at: pointer)
        }
        var certificationInfo: [String] = []
        switch event["certificationInfo"] {
        case .string(let link)?: certificationInfo = [link]
        case .array?: certificationInfo = json.array(event, "certificationInfo", at: base).compactMap { $0.0.stringValue }
        case nil, .null?: break
        case let other?: json.report(base + "/certificationInfo", "should be a string or an array of strings, found \(other.kindName)")
        }
        var declarationReason: String?
        if let declaration = json.object(event, "errorDeclaration", at: base) {
            _ = json.string(declaration, "declarationTime", at: base + "/errorDeclaration", required: true)
            declarationReason = json.string(declaration, "reason", at: base + "/errorDeclaration") ?? "error declared"
        }
        let (expiry, lotNumber) = readLotMasterData(event, at: base)
        let annotations = readAnnotations(event, at: base)
        let id = json.string(event, "eventID", at: base) ?? EPCISReader.contentHashID(of: event)

        guard let kind, let time, json.problems.count == before else { return nil }
        if objects.isEmpty {
            json.report(base, "the event names no objects (epcList, quantityList, parentID, childEPCs, inputs or outputs)")
            return nil
        }
        var unused: [String] = []
        if case .object(let members) = event {
            for key in members.keys.sorted() where !EPCISReader.eventFields.contains(key) {
                if let colon = key.firstIndex(of: ":"), extensionPrefixes.contains(String(key[..<colon])) { continue }
                if key.hasPrefix(EPCISReader.namespace) { continue }
                unused.append(key)
            }
        }
        var parsed = EPCISEvent(
            kind: kind, id: id, time: time, action: action, bizStep: bizStep, disposition: disposition,
            readPoint: readPoint?.id, bizLocation: bizLocation?.id, location: bizLocation?.key ?? readPoint?.key,
            objects: objects, sensorReports: sensorReports, certificationInfo: certificationInfo,
            errorDeclarationReason: declarationReason, lotExpiry: expiry, lotNumberFromMasterData: lotNumber,
            annotations: annotations, documentText: storable(event, id: id).canonicalText)
        parsed.unusedFields = unused
        return parsed
    }

    /// Event fields EPCIS 2.0 defines (shown or not); anything else is an extension.
    static let eventFields: Set<String> = [
        "type", "eventID", "eventTime", "eventTimeZoneOffset", "recordTime", "action", "bizStep", "disposition",
        "persistentDisposition", "readPoint", "bizLocation", "epcList", "quantityList", "parentID", "childEPCs",
        "childQuantityList", "inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList", "transformationID",
        "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "ilmd", "certificationInfo",
        "errorDeclaration", "@context",
    ]

    /// The event as the store keeps it: with its id written in (a content-hash id is then stable
    /// whatever happens to prefixes) and TracePress fields under `tp:`.
    private func storable(_ event: JSONValue, id: String) -> JSONValue {
        guard case .object(var members) = withCanonicalPrefixes(event) else { return event }
        members["eventID"] = .string(id)
        return .object(members)
    }

    /// The event with TracePress fields under the `tp:` prefix, whatever prefix the document bound,
    /// so a stored event reads back the same without its document's `@context`.
    func withCanonicalPrefixes(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(withCanonicalPrefixes))
        case .object(let members):
            var renamed: [String: JSONValue] = [:]
            for (key, member) in members {
                var name = key
                if key.hasPrefix(EPCISReader.namespace) {
                    name = "tp:" + key.dropFirst(EPCISReader.namespace.count)
                } else if let colon = key.firstIndex(of: ":"), extensionPrefixes.contains(String(key[..<colon])) {
                    name = "tp" + key[colon...]
                }
                renamed[name] = withCanonicalPrefixes(member)
            }
            return .object(renamed)
        default: return value
        }
    }

    /// Reads an event back from the store (its document was written by `readEvent`).
    static func storedEvent(_ text: String) -> EPCISEvent? {
        guard let value = try? JSONValue.parse(Array(text.utf8)) else { return nil }
        var reader = EPCISReader(json: JSONReading(file: "store"))
        return reader.readEvent(value, at: "")
    }

    /// `ni:///sha-256;…` over the event's canonical JSON, for events without an `eventID`: the
    /// same event imported twice gets the same id. (Not GS1's canonical event-hash algorithm,
    /// which normalises far more; it only has to be stable for the same bytes of meaning.)
    static func contentHashID(of event: JSONValue) -> String {
        var members: [String: JSONValue] = [:]
        if case .object(let all) = event { members = all }
        members["recordTime"] = nil
        let digest = SHA256.hash(data: Data(JSONValue.object(members).canonicalText.utf8))
        return "ni:///sha-256;" + digest.map { String(format: "%02x", $0) }.joined() + "?ver=CBV2.0"
    }

    /// `eventTime`, shown in `eventTimeZoneOffset` (the offset where it happened) when given.
    private mutating func readTime(_ event: JSONValue, at base: String) -> Timestamp? {
        guard let text = json.string(event, "eventTime", at: base, required: true) else { return nil }
        let parsed: Timestamp
        do { parsed = try Timestamp(parsing: text) } catch {
            json.report(base + "/eventTime", "'\(text)' is not a time such as 2026-03-01T06:30:00.000+08:00 (\(error))")
            return nil
        }
        guard let offsetText = json.string(event, "eventTimeZoneOffset", at: base) else { return parsed }
        guard let offset = EPCISReader.offsetMinutes(offsetText) else {
            json.report(base + "/eventTimeZoneOffset", "'\(offsetText)' should look like +08:00 or -05:30")
            return nil
        }
        return Timestamp(secondsSinceEpoch: parsed.secondsSinceEpoch, nanoseconds: parsed.nanoseconds, utcOffsetMinutes: offset)
    }

    static func offsetMinutes(_ text: String) -> Int? {
        if text == "Z" { return 0 }
        let scalars = Array(text.utf8)
        guard scalars.count == 6, scalars[0] == UInt8(ascii: "+") || scalars[0] == UInt8(ascii: "-"), scalars[3] == UInt8(ascii: ":"),
            let hours = Int(text.dropFirst().prefix(2)), let minutes = Int(text.suffix(2)), hours <= 14, minutes < 60
        else { return nil }
        return (scalars[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }

    private mutating func readLocation(_ event: JSONValue, _ key: String, at base: String) -> (id: String, key: LocationKey?)? {
        guard let location = json.object(event, key, at: base),
            let id = json.string(location, "id", at: base + "/" + key, required: true)
        else { return nil }
        do { return (id, try LocationIdentifier.key(of: id)) } catch {
            json.report(base + "/\(key)/id", error.message)
            return nil
        }
    }

    /// Every EPC and class the event names, by role.
    private mutating func readObjects(_ event: JSONValue, kind: EPCISEvent.Kind, at base: String) -> [(EPCReference, EPCISEvent.Role)] {
        var objects: [(EPCReference, EPCISEvent.Role)] = []
        func list(_ key: String, _ role: EPCISEvent.Role) {
            for (item, pointer) in json.array(event, key, at: base) {
                guard case .string(let text) = item else {
                    json.report(pointer, "should be an EPC string, found \(item.kindName)")
                    continue
                }
                if let parsed = identifier(text, asClass: false, at: pointer) { objects.append((parsed, role)) }
            }
        }
        func quantities(_ key: String, _ role: EPCISEvent.Role) {
            for (item, pointer) in json.array(event, key, at: base) {
                guard let text = json.string(item, "epcClass", at: pointer, required: true) else { continue }
                _ = json.number(item, "quantity", at: pointer)
                _ = json.string(item, "uom", at: pointer)
                if let parsed = identifier(text, asClass: true, at: pointer + "/epcClass") { objects.append((parsed, role)) }
            }
        }
        func parent() {
            guard let text = json.string(event, "parentID", at: base) else { return }
            if let parsed = identifier(text, asClass: false, at: base + "/parentID") { objects.append((parsed, .parent)) }
        }
        switch kind {
        case .object:
            list("epcList", .subject)
            quantities("quantityList", .subject)
        case .aggregation, .association:
            parent()
            list("childEPCs", .child)
            quantities("childQuantityList", .child)
        case .transformation:
            list("inputEPCList", .input)
            quantities("inputQuantityList", .input)
            list("outputEPCList", .output)
            quantities("outputQuantityList", .output)
        }
        return objects
    }

    private mutating func identifier(_ text: String, asClass: Bool, at pointer: String) -> EPCReference? {
        do { return try EPCReference.parse(text, asClass: asClass) } catch {
            json.report(pointer, error.message)
            return nil
        }
    }

    /// Expiry and lot number from `ilmd` (CBV master-data attributes, any spelling of the prefix).
    private mutating func readLotMasterData(_ event: JSONValue, at base: String) -> (CalendarDate?, String?) {
        guard case .object(let members)? = json.object(event, "ilmd", at: base) else { return (nil, nil) }
        var expiry: CalendarDate?
        var lotNumber: String?
        for (key, value) in members {
            let word = CBVVocabulary.lastWord(of: key)
            let pointer = JSONReading.pointer(base + "/ilmd", key)
            switch word {
            case "itemExpirationDate", "bestBeforeDate":
                guard let text = value.stringValue else {
                    json.report(pointer, "should be a date string such as 2027-05-31, found \(value.kindName)")
                    continue
                }
                do { expiry = try CalendarDate(parsing: String(text.prefix(10))) } catch {
                    json.report(pointer, "'\(text)' is not a date such as 2027-05-31")
                }
            case "lotNumber":
                lotNumber = value.stringValue
            default: continue
            }
        }
        return (expiry, lotNumber)
    }
}

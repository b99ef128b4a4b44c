import TraceModel

/// TracePress fields in the `https://ns.tracepress.dev/epcis/` namespace, on events.
extension EPCISReader {
    /// `{"zh": …, "en": …}` or one string for both languages.
    mutating func localizedText(_ value: JSONValue, at pointer: String) -> LocalizedText? {
        if let text = value.stringValue { return LocalizedText(zh: text, en: text) }
        guard value.isObject else {
            json.report(pointer, "should be {\"zh\": …, \"en\": …} or a string, found \(value.kindName)")
            return nil
        }
        let zh = json.string(value, "zh", at: pointer)
        let en = json.string(value, "en", at: pointer)
        guard let either = zh ?? en else {
            json.report(pointer, "has neither \"zh\" nor \"en\"")
            return nil
        }
        return LocalizedText(zh: zh ?? either, en: en ?? either)
    }

    /// Event-level `tp:` fields. Unknown `tp:` names get a problem: a typo in `tp:limitMax`
    /// would otherwise silently publish a check without its limit.
    mutating func readAnnotations(_ event: JSONValue, at base: String) -> EventAnnotations {
        var annotations = EventAnnotations()
        func localized(_ name: String) -> LocalizedText? {
            annotation(event, name).flatMap { localizedText($0.value, at: JSONReading.pointer(base, $0.key)) }
        }
        annotations.title = localized("title")
        annotations.detail = localized("detail")
        annotations.statusReason = localized("statusReason")
        annotations.maximumCelsius = annotationNumber(event, "maximumCelsius", at: base)
        annotations.responsible = annotationText(event, "responsible", at: base)
        annotations.leg = annotationText(event, "leg", at: base)
        annotations.tankerPlate = annotationText(event, "tankerPlate", at: base)
        annotations.exportedFromStore = annotationText(event, "exportedFromStore", at: base)
        annotations.isStep = annotationBool(event, "step", at: base) ?? true
        if let (value, key) = annotation(event, "origin") { annotations.origin = readOrigin(value, at: JSONReading.pointer(base, key)) }
        let known: Set<String> = [
            "title", "detail", "statusReason", "maximumCelsius", "responsible", "leg", "tankerPlate", "exportedFromStore", "origin", "step",
        ]
        if case .object(let members) = event {
            for key in members.keys.sorted() {
                guard let colon = key.firstIndex(of: ":"), extensionPrefixes.contains(String(key[..<colon])) else { continue }
                let name = String(key[key.index(after: colon)...])
                if !known.contains(name) {
                    json.report(JSONReading.pointer(base, key), "unknown TracePress field '\(name)' (known: \(known.sorted().joined(separator: ", ")))")
                }
            }
        }
        return annotations
    }
}

extension EPCISReader {
    /// `tp:origin`: `{"farm": location id, "rawMilkLot": …, "tankerPlate": …, "arrivalCelsius": …}`.
    mutating func readOrigin(_ value: JSONValue, at pointer: String) -> OriginAnnotation? {
        guard value.isObject else {
            json.report(pointer, "should be an object, found \(value.kindName)")
            return nil
        }
        let farmID = json.string(value, "farm", at: pointer, required: true)
        let rawMilkLot = json.string(value, "rawMilkLot", at: pointer, required: true)
        let tankerPlate = json.string(value, "tankerPlate", at: pointer)
        let celsius = json.number(value, "arrivalCelsius", at: pointer)
        guard let farmID, let rawMilkLot else { return nil }
        do {
            guard let farm = try LocationIdentifier.key(of: farmID) else {
                json.report(pointer + "/farm", "'\(farmID)' is neither a GLN nor urn:tracepress:site:{code}")
                return nil
            }
            return OriginAnnotation(farm: farm, rawMilkLot: rawMilkLot, tankerPlate: tankerPlate, arrivalCelsius: celsius)
        } catch {
            json.report(pointer + "/farm", error.message)
            return nil
        }
    }
}

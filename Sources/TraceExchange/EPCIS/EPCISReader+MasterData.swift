extension EPCISReader {
    /// Location names and places from `epcisMasterData.vocabularyList` (BusinessLocation and
    /// ReadPoint vocabularies); other vocabularies are kept in the document but not used.
    mutating func readMasterData(_ header: JSONValue, at base: String) -> [String: LocationMasterData] {
        guard let masterData = json.object(header, "epcisMasterData", at: base) else { return [:] }
        var locations: [String: LocationMasterData] = [:]
        let dataPointer = base + "/epcisMasterData"
        for (vocabulary, pointer) in json.array(masterData, "vocabularyList", at: dataPointer) {
            guard let type = json.string(vocabulary, "type", at: pointer, required: true),
                type.hasSuffix("BusinessLocation") || type.hasSuffix("ReadPoint")
            else { continue }
            for (element, elementPointer) in json.array(vocabulary, "vocabularyElementList", at: pointer) {
                guard let id = json.string(element, "id", at: elementPointer, required: true) else { continue }
                let gln: String?
                do { gln = try LocationIdentifier.gln(of: id) } catch {
                    json.report(JSONReading.pointer(elementPointer, "id"), error.message)
                    continue
                }
                guard let gln else { continue }
                var location = locations[gln] ?? LocationMasterData(gln: gln)
                for (attribute, attributePointer) in json.array(element, "attributes", at: elementPointer) {
                    guard let name = json.string(attribute, "id", at: attributePointer, required: true) else { continue }
                    readAttribute(name: name, attribute, at: attributePointer, into: &location)
                }
                locations[gln] = location
            }
        }
        return locations
    }

    private mutating func readAttribute(name: String, _ attribute: JSONValue, at pointer: String, into location: inout LocationMasterData) {
        // `cbvmda:name`, `urn:epcglobal:cbv:mda#name` and `https://ref.gs1.org/cbv/…#name` all end in the word.
        let word = String(name.split(whereSeparator: { $0 == "#" || $0 == ":" || $0 == "/" }).last ?? "")
        let text = attribute["attribute"]?.stringValue
        let number: Double? = {
            if case .number(let value)? = attribute["attribute"] { return value }
            return text.flatMap(Double.init)
        }()
        switch word {
        case "name": location.name = text
        case "nameEnglish", "name_en": location.nameEnglish = text
        case "city", "state", "countryCode", "streetAddressOne":
            if let text, !text.isEmpty { location.region = [location.region, text].compactMap { $0 }.joined(separator: ", ") }
        case "latitude": location.latitude = number
        case "longitude": location.longitude = number
        case "siteKind": location.siteKind = text
        default: break
        }
    }
}

extension LocationMasterData {
    init(gln: String) { self.gln = gln }
}

extension EPCISReader {
    /// Locations (BusinessLocation, ReadPoint) and product classes (EPCClass) from
    /// `epcisMasterData.vocabularyList`; other vocabularies stay in the document unused.
    mutating func readMasterData(_ header: JSONValue, at base: String) -> [MasterDataElement] {
        guard let masterData = json.object(header, "epcisMasterData", at: base) else { return [] }
        var elements: [MasterDataElement] = []
        let dataPointer = base + "/epcisMasterData"
        for (vocabulary, pointer) in json.array(masterData, "vocabularyList", at: dataPointer) {
            guard let type = json.string(vocabulary, "type", at: pointer, required: true) else { continue }
            let isLocation = type.hasSuffix("BusinessLocation") || type.hasSuffix("ReadPoint")
            guard isLocation || type.hasSuffix("EPCClass") else { continue }
            for (element, elementPointer) in json.array(vocabulary, "vocabularyElementList", at: pointer) {
                guard let id = json.string(element, "id", at: elementPointer, required: true) else { continue }
                var kind: MasterDataElement.Kind
                if isLocation {
                    do {
                        guard let key = try LocationIdentifier.key(of: id) else { continue }
                        kind = .location(key)
                    } catch {
                        json.report(JSONReading.pointer(elementPointer, "id"), error.message)
                        continue
                    }
                } else {
                    let segments = id.split(separator: "/").map(String.init)
                    guard let index = segments.firstIndex(of: "01"), index + 1 < segments.count else { continue }
                    kind = .productClass(segments[index + 1])
                }
                var attributes: [String: (text: String, place: String)] = [:]
                for (attribute, attributePointer) in json.array(element, "attributes", at: elementPointer) {
                    guard let name = json.string(attribute, "id", at: attributePointer, required: true) else { continue }
                    let word = CBVVocabulary.lastWord(of: name)
                    let place = JSONReading.pointer(attributePointer, "attribute")
                    switch attribute["attribute"] {
                    case .string(let text)?: attributes[word] = (text, place)
                    case .number(let number)?: attributes[word] = (JSONValue.numberText(number), place)
                    case .bool(let flag)?: attributes[word] = (flag ? "true" : "false", place)
                    default: continue
                    }
                }
                elements.append(MasterDataElement(kind: kind, pointer: elementPointer, attributes: attributes))
            }
        }
        return elements
    }
}

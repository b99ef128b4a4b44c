import Testing
import TraceView

/// `ViewObject` keeps its own field table (see its doc comment); these pin down that it behaves
/// as the dictionary it replaced, below and above the size where it starts an index.
@Suite("view objects: fields by name, as a dictionary would hold them")
struct ViewObjectTests {
    @Test("lookup, replace, remove and merge agree with a Dictionary", arguments: [3, 12, 13, 40, 200])
    func behavesLikeADictionary(fieldCount: Int) {
        var object = ViewObject()
        var expected: [String: ViewValue] = [:]
        for number in 0..<fieldCount {
            object["field_\(number)"] = .text("v\(number)")
            expected["field_\(number)"] = .text("v\(number)")
        }
        object["field_1"] = .flag(true)
        expected["field_1"] = .flag(true)
        object["field_2"] = nil
        expected["field_2"] = nil

        var other: ViewObject = ["field_0": "merged", "new_one": .list([]), "t": .object(["ok": "好"])]
        other.reserveCapacity(64)
        other["added_after_reserving"] = "yes"
        object.merge(other)
        for (name, value) in other.fields { expected[name] = value }

        #expect(object.fields == expected)
        for (name, value) in expected {
            #expect(object[name] == value, "\(name)")
            #expect(object[ViewName(name)] == value, "\(name) by hashed name")
        }
        #expect(object["field_2"] == nil)
        #expect(object["absent"] == nil)
        #expect(other["added_after_reserving"] == .text("yes"))
    }

    @Test("a literal with a repeated name keeps the last value")
    func repeatedLiteralName() {
        let object: ViewObject = ["a": "first", "b": "other", "a": "last"]
        #expect(object["a"] == .text("last"))
        #expect(object.fields.count == 2)
    }

    @Test("one view for both languages keeps what they share and localizes what differs; each language resolves back")
    func bilingualMerge() {
        func page(_ language: Language) -> ViewObject {
            let chinese = language == .chinese
            return [
                "lang": .text(language.rawValue), "lot": "A1", "recalled": .flag(true),
                "rows": .objects([["name": chinese ? "牧场" : "Farm", "code": "F1"], ["name": "同", "code": "F2"]]),
                "t": .object(["hello": chinese ? "你好" : "Hello"]),
            ]
        }
        let both = ViewObject.bilingual(zh: page(.chinese), en: page(.english))
        #expect(both["lot"] == .text("A1"))
        #expect(both["recalled"] == .flag(true))
        #expect(both["lang"] == .localized(zh: "zh-CN", en: "en"))
        guard case .list(let rows)? = both["rows"], case .object(let first) = rows[0], case .object(let second) = rows[1] else {
            Issue.record("rows are not a list of objects")
            return
        }
        #expect(first["name"] == .localized(zh: "牧场", en: "Farm"))
        #expect(second["name"] == .text("同"))
        for language in Language.allCases { #expect(both.resolved(language) == page(language)) }
    }
}

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
}

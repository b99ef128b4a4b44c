import Foundation

/// Typed access to a parsed JSON document that collects every problem with its JSON pointer
/// (RFC 6901) instead of stopping at the first.
struct JSONReading {
    let file: String
    private(set) var problems: [ImportProblem] = []

    init(file: String) { self.file = file }

    mutating func report(_ pointer: String, _ message: String) {
        problems.append(ImportProblem(file: file, place: pointer.isEmpty ? "/" : pointer, message: message))
    }

    /// `/a/b` + `c~d/e` → `/a/b/c~0d~1e` (RFC 6901 escaping).
    static func pointer(_ base: String, _ key: String) -> String {
        base + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func pointer(_ base: String, _ index: Int) -> String { base + "/\(index)" }

    /// The string at `key`; nil, with a problem when `required` or when it is of another kind.
    mutating func string(_ object: JSONValue, _ key: String, at base: String, required: Bool = false) -> String? {
        let here = JSONReading.pointer(base, key)
        switch object[key] {
        case .string(let text)?:
            if text.isEmpty && required { report(here, "is empty") }
            return text
        case nil, .null?:
            if required { report(here, "is missing") }
            return nil
        case let other?:
            report(here, "should be a string, found \(other.kindName)")
            return nil
        }
    }

    /// The number at `key`; strings holding numbers are refused (a quantity of "12" is a typo, not data).
    mutating func number(_ object: JSONValue, _ key: String, at base: String, required: Bool = false) -> Double? {
        let here = JSONReading.pointer(base, key)
        switch object[key] {
        case .number(let value)?: return value
        case nil, .null?:
            if required { report(here, "is missing") }
            return nil
        case let other?:
            report(here, "should be a number, found \(other.kindName)")
            return nil
        }
    }

    mutating func bool(_ object: JSONValue, _ key: String, at base: String) -> Bool? {
        switch object[key] {
        case .bool(let value)?: return value
        case nil, .null?: return nil
        case let other?:
            report(JSONReading.pointer(base, key), "should be true or false, found \(other.kindName)")
            return nil
        }
    }

    /// The array at `key` (empty when absent), each element with its pointer.
    mutating func array(_ object: JSONValue, _ key: String, at base: String) -> [(JSONValue, String)] {
        let here = JSONReading.pointer(base, key)
        switch object[key] {
        case .array(let items)?: return items.enumerated().map { ($1, JSONReading.pointer(here, $0)) }
        case nil, .null?: return []
        case let other?:
            report(here, "should be an array, found \(other.kindName)")
            return []
        }
    }

    /// The object at `key`, or nil (with a problem when it is of another kind).
    mutating func object(_ object: JSONValue, _ key: String, at base: String) -> JSONValue? {
        switch object[key] {
        case let value? where value.isObject: return value
        case nil, .null?: return nil
        case let other?:
            report(JSONReading.pointer(base, key), "should be an object, found \(other.kindName)")
            return nil
        }
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

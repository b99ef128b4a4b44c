import Foundation
import Testing
import TraceView

@Suite("strings.json: a translator's mistakes are pointed at")
struct UIStringsTests {
    func error(parsing json: String) -> UIStringsError? {
        do {
            _ = try UIStrings(json: Data(json.utf8), file: "T/strings.json")
            Issue.record("accepted \(json)")
        } catch {
            return error
        }
        return nil
    }

    @Test("a JSON syntax error gives the line and the column in characters, not a byte offset")
    func syntaxError() {
        // The comma after "状态" is missing: "en" starts on line 3 at column 28, counted in
        // characters (the two Chinese ones before it are six bytes).
        let json = "{\"strings\": {\n  \"lot\": {\"zh-CN\": \"批号\", \"en\": \"Lot\"},\n  \"status\": {\"zh-CN\": \"状态\" \"en\": \"Status\"}\n}}"
        let found = error(parsing: json)
        guard case .malformed(let file, let reason)? = found else {
            Issue.record("wrong error \(String(describing: found))")
            return
        }
        #expect(file == "T/strings.json")
        #expect(reason.hasPrefix("not valid JSON near line 3, column "), "\(reason)")
        // The column points at or just before the "en" that should follow a comma.
        let column = Int(reason.split(separator: "column ")[1].prefix { $0.isNumber }) ?? 0
        #expect((26...30).contains(column), "\(reason)")
    }

    @Test("valid JSON of the wrong shape says what shape is expected")
    func wrongShape() {
        #expect(error(parsing: "[\"lot\"]") == .malformed(file: "T/strings.json", reason: "expected an object with a \"strings\" object"))
    }

    @Test("a key without one of the languages is named with the language")
    func missingLanguage() {
        #expect(error(parsing: "{\"strings\": {\"lot\": {\"zh-CN\": \"批号\"}}}") == .missing(file: "T/strings.json", key: "lot", language: "en"))
    }
}

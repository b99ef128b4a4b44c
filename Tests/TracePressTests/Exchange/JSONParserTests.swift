import Foundation
import Testing
@testable import TraceExchange

@Suite("JSON parser")
struct JSONParserTests {
    @Test("values, escapes and surrogate pairs read as Foundation reads them")
    func agreesWithFoundation() throws {
        let text = #"{"a":[1,-2.5e3,0.125,true,false,null],"s":"\"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\udc04 中文","o":{}}"#
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(value["a"] == .array([.number(1), .number(-2500), .number(0.125), .bool(true), .bool(false), .null]))
        #expect(value["s"] == .string("\"q\" \\ / \u{08}\u{0C}\n\r\t é 🐄 中文"))
        #expect(value["o"] == .object([:]))
        // The whole example document gives what Foundation gives, member for member.
        let data = try Data(contentsOf: URL(fileURLWithPath: ExchangeFixtures.farmToCan))
        let ours = try JSONValue.parse([UInt8](data)).canonicalText
        let theirs = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: data), options: [.sortedKeys])
        let reparsed = try JSONValue.parse([UInt8](theirs)).canonicalText
        #expect(ours == reparsed)
    }

    static let broken: [(String, String, Int, Int)] = [
        ("{\"a\": tru}", "expected true", 1, 7),
        ("{\n  \"a\": 1,\n  \"b\": x\n}", "unexpected character 'x'", 3, 8),
        ("[1, 2", "ends inside an array", 1, 6),
        ("{\"a\" 1}", "expected ':'", 1, 6),
        ("\"open", "never closed", 1, 6),
        ("[01]", "may not start with 0", 1, 4),
        ("[1] [2]", "after the document", 1, 5),
    ]

    @Test("syntax errors say what and where", arguments: broken)
    func syntaxErrors(_ text: String, _ message: String, _ line: Int, _ column: Int) {
        do {
            _ = try JSONValue.parse(Array(text.utf8))
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.message.contains(message), "\(text): \(error.message)")
            #expect((error.line, error.column) == (line, column), "\(text): \(error.line):\(error.column)")
        }
    }

    @Test("an event list can be left unbuilt and its events parsed one at a time, with positions of the whole file")
    func deferredEventList() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: ExchangeFixtures.farmToCan))
        let bytes = [UInt8](data)
        let whole = try JSONValue.parse(bytes)
        let (root, deferred) = try JSONParser.parse(bytes, deferring: [["epcisBody", "eventList"]])
        #expect(root["epcisBody"]?["eventList"] == .array([]))
        let ranges = try #require(deferred[["epcisBody", "eventList"]])
        let events = try ranges.map { try JSONParser.parse(bytes, range: $0) }
        #expect(.array(events) == whole["epcisBody"]?["eventList"])

        let broken = Array("{\"epcisBody\": {\"eventList\": [\n  {\"a\": 1},\n  {\"a\": tru}\n]}}".utf8)
        let (_, lists) = try JSONParser.parse(broken, deferring: [["epcisBody", "eventList"]])
        let second = try #require(lists[["epcisBody", "eventList"]]?.last)
        do {
            _ = try JSONParser.parse(broken, range: second)
            Issue.record("parsed")
        } catch {
            #expect((error.line, error.column) == (3, 9))
        }
    }
}

import Foundation
import Testing
import TraceView

@Suite("JSON documents: what the writer escapes reads back exactly")
struct JSONWriterTests {
    @Test("strings with quotes, backslashes, control characters, < and Chinese read back unchanged", arguments: [
        "plain", "\"quoted\"", "back\\slash", "line\nbreak\r\ttab", "\u{01}\u{1F}", "</script><b>", "中文 “引号” ‹›", "", "\\\"<\n",
    ])
    func stringsRoundTrip(_ text: String) throws {
        var json = JSONWriter()
        json.object { root in
            root.string("value", text)
            root.array("list") { list in
                list.string(nil, text)
                list.object { $0.string(JSONKey(text), "as a key") }
            }
        }
        let bytes = json.bytes
        #expect(!bytes.contains(UInt8(ascii: "<")), "< is always escaped, so a document can sit in a <script>")
        #expect(!bytes.contains(where: { $0 < 0x20 }), "control characters are always escaped")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(parsed["value"] as? String == text)
        let list = try #require(parsed["list"] as? [Any])
        #expect(list.count == 2)
        #expect(list[0] as? String == text)
        #expect((list[1] as? [String: String])?[text] == "as a key")
    }

    @Test("members of nested containers are separated by commas at every depth")
    func nesting() throws {
        var json = JSONWriter()
        json.object { root in
            root.integer("a", 1)
            root.object("b") { b in
                b.array("c") { c in
                    c.object { $0.bool("d", true) }
                    c.object { _ in }
                    c.integer(nil, 2)
                }
                b.number("e", 0.5)
            }
            root.string("f", nil)
            root.string("g", "h")
        }
        json.newline()
        #expect(String(decoding: json.bytes, as: UTF8.self) == "{\"a\":1,\"b\":{\"c\":[{\"d\":true},{},2],\"e\":0.5},\"g\":\"h\"}\n")
    }
}

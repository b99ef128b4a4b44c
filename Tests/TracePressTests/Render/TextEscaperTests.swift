import Foundation
import Testing
import TraceView

@Suite("escapers replace every reserved byte wherever it falls, and nothing else")
struct TextEscaperTests {
    /// The replacement of each reserved character, one at a time: what the escapers must do.
    static func reference(_ text: String, json: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch (scalar, json) {
            case ("<", false): out += "&lt;"
            case (">", false): out += "&gt;"
            case ("&", false): out += "&amp;"
            case ("\"", false): out += "&quot;"
            case ("'", false): out += "&#39;"
            case ("\"", true): out += "\\\""
            case ("\\", true): out += "\\\\"
            case ("<", true): out += "\\u003c"
            case ("\n", true): out += "\\n"
            case ("\r", true): out += "\\r"
            case ("\t", true): out += "\\t"
            case (_, true) where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test("one reserved character at every position of Chinese, Latin and numeric text")
    func everyPosition() {
        // Chinese (bytes of 0x80 and up), letters (0x40 and up, where only JSON's `\` is
        // reserved), digits and spaces (below 0x40, where the other reserved bytes live).
        let bases = ["牧场奶源全程冷链检验合格", "abcdefghijklmnopqrstuvwxyzABCDEFGH", "2026-11-07 05:11:00 4.1", "中a文b 1\\2"]
        for base in bases {
            let characters = Array(base)
            for position in 0...characters.count {
                for special in ["<", ">", "&", "\"", "'", "\\", "\n", "\u{01}", "\u{1F}", "@", "`"] {
                    var text = characters
                    text.insert(Character(special), at: position)
                    let string = String(text)
                    #expect(TextEscaper.html.escaped(string) == Self.reference(string, json: false), "\(string.debugDescription)")
                    #expect(TextEscaper.json.escaped(string) == Self.reference(string, json: true), "\(string.debugDescription)")
                }
            }
        }
    }

    @Test("texts with no reserved byte come out as they went in, and reserved bytes side by side all go")
    func runs() {
        for text in ["", "a", "中", "abcdefgh", "abcdefghi", String(repeating: "检验", count: 40), String(repeating: "<&>", count: 11)] {
            #expect(TextEscaper.html.escaped(text) == Self.reference(text, json: false))
            #expect(TextEscaper.json.escaped(text) == Self.reference(text, json: true))
        }
    }
}

public import Foundation

/// The interface texts of the templates, from `Templates/strings.json`: one file a marketing team
/// can translate, every key in every language.
public struct UIStrings: Sendable {
    private let strings: [Language: [String: ViewValue]]
    /// The same texts as template objects, made once: every page carries them as `t`.
    private let objects: [Language: ViewObject]

    /// Parses `strings.json`.
    ///
    /// - Throws: `UIStringsError` naming the key and language that is missing or malformed.
    public init(json data: Data, file: String = "Templates/strings.json") throws(UIStringsError) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .malformed(file: file, reason: "not valid JSON " + Self.place(of: error, in: data))
        }
        guard let root = parsed as? [String: Any], let table = root["strings"] as? [String: Any] else {
            throw .malformed(file: file, reason: "expected an object with a \"strings\" object")
        }
        var strings: [Language: [String: ViewValue]] = [:]
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            guard let translations = value as? [String: Any] else {
                throw .malformed(file: file, reason: "\"\(key)\" must map languages to texts")
            }
            for language in Language.allCases {
                guard let text = translations[language.rawValue] as? String, !text.isEmpty else {
                    throw .missing(file: file, key: key, language: language.rawValue)
                }
                strings[language, default: [:]][key] = .text(text)
            }
        }
        self.strings = strings
        objects = strings.mapValues { ViewObject($0) }
    }

    /// Where a JSON syntax error is, as "near line L, column C" (Foundation says only "around
    /// character N", an offset a translator cannot find in an editor), or its own words.
    static func place(of error: any Error, in data: Data) -> String {
        let said = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        guard let range = said.range(of: "around character "),
            let offset = Int(said[range.upperBound...].prefix { $0.isNumber }), offset <= data.count
        else { return "(\(said))" }
        let before = data.prefix(offset)
        let line = before.count { $0 == 0x0A } + 1
        // Columns in characters, not bytes: the file is mostly Chinese.
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return "near line \(line), column \(column) (a missing comma or quote is the usual cause)"
    }

    /// Reads `strings.json` from a templates folder.
    public init(folder: String) throws(UIStringsError) {
        let path = folder + "/strings.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw .malformed(file: path, reason: "file is missing") }
        try self.init(json: data, file: path)
    }

    /// The texts of one language, as the `t` object templates read.
    public func texts(for language: Language) -> ViewObject { objects[language] ?? [:] }

    /// `keys` with their texts in every language, as one text that changes whenever one of
    /// them does: what a render key covers of the strings, for pages that read only these.
    public func digest(of keys: Set<String>) -> String {
        var lines: [String] = []
        for key in keys.sorted() {
            for language in Language.allCases { lines.append("\(key)\t\(language.rawValue)\t\(text(key, language))") }
        }
        return lines.joined(separator: "\n")
    }

    /// One text, for code that builds text itself.
    public func text(_ key: String, _ language: Language) -> String { strings[language]?[key]?.textValue ?? key }
}

/// Why `strings.json` could not be used.
public enum UIStringsError: Error, Equatable, CustomStringConvertible {
    case malformed(file: String, reason: String)
    case missing(file: String, key: String, language: String)

    public var description: String {
        switch self {
        case .malformed(let file, let reason): "'\(file)': \(reason)"
        case .missing(let file, let key, let language): "'\(file)': \"\(key)\" has no \(language) text"
        }
    }
}

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
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let table = root["strings"] as? [String: Any]
        else { throw .malformed(file: file, reason: "expected an object with a \"strings\" object") }
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

    /// Reads `strings.json` from a templates folder.
    public init(folder: String) throws(UIStringsError) {
        let path = folder + "/strings.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw .malformed(file: path, reason: "file is missing") }
        try self.init(json: data, file: path)
    }

    /// The texts of one language, as the `t` object templates read.
    public func texts(for language: Language) -> ViewObject { objects[language] ?? [:] }

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

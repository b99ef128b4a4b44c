public import TraceModel

/// A language the site is published in. Chinese pages sit at a batch's folder; English pages
/// at `en/` inside it, a stable path of their own.
public enum Language: String, CaseIterable, Sendable {
    case chinese = "zh-CN"
    case english = "en"

    /// The text in this language.
    public func pick(_ text: LocalizedText) -> String { self == .chinese ? text.zh : text.en }

    /// Subfolder of the page in this language, relative to the Chinese page: `""` or `"en/"`.
    public var folder: String { self == .chinese ? "" : "en/" }

    /// The other language, for the switch at the top of every page.
    public var other: Language { self == .chinese ? .english : .chinese }
}

/// A text in Simplified Chinese and English; Chinese comes first on every page.
public struct LocalizedText: Hashable, Sendable {
    /// Simplified Chinese.
    public var zh: String
    /// English.
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

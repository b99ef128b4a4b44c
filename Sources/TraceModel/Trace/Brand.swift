/// The brand that publishes the site, and whom consumers contact.
public struct Brand: Hashable, Sendable {
    public var id: Int64
    public var name: LocalizedText
    /// Consumer hotline printed on recall banners and the 404 page.
    public var hotline: String
    /// Public website or contact page (http or https).
    public var website: String

    public init(id: Int64, name: LocalizedText, hotline: String, website: String) {
        self.id = id
        self.name = name
        self.hotline = hotline
        self.website = website
    }
}

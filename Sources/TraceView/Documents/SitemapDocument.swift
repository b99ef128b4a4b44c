/// One `urlset` sitemap, written as bytes while its URLs arrive.
///
/// A 100,000-batch site lists some 240,000 URLs; making a `String` for each and then the XML from
/// the list was a tenth of the CPU of a rebuild where one batch changed.
public struct SitemapDocument {
    private static let head = Array(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8)
    private var bytes = SitemapDocument.head
    /// URLs added so far.
    public private(set) var count = 0

    public init() {}

    /// Adds the URL made of `parts` one after the other, escaped for XML.
    public mutating func add(_ parts: String...) {
        bytes.append(contentsOf: "<url><loc>".utf8)
        for part in parts { SiteFiles.appendXMLEscaped(part, to: &bytes) }
        bytes.append(contentsOf: "</loc></url>\n".utf8)
        count += 1
    }

    /// The finished document; the builder starts over, empty.
    public mutating func take() -> [UInt8] {
        var document = SitemapDocument.head
        swap(&document, &bytes)
        document.append(contentsOf: "</urlset>\n".utf8)
        count = 0
        return document
    }
}

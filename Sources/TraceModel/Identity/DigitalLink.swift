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
    }

    /// The path below the base, which is also the batch's folder in the output: `01/{gtin}/10/{lot}`.
    public var path: String { "01/\(gtin.digits)/10/\(lot.text)" }

    /// The full URL printed in the QR code.
    public var url: String { "\(base)/\(path)" }

    public var description: String { url }
}

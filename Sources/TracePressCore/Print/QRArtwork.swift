import TraceModel
public import TraceQR
import TraceStore

/// One QR code as print artwork for packaging: a product's Digital Link (`{base}/01/{gtin}`,
/// for a pack printed once for every batch) or a batch's (`{base}/01/{gtin}/10/{lot}`, for a
/// lot's run), in the format a designer or a printer asks for, at its physical size.
public struct QRArtwork {
    /// The file formats: vector (SVG, EPS, PDF) at the printed size, or PNG at whole pixels a module.
    public enum Format: String, CaseIterable, Sendable {
        case svg, png, eps, pdf
    }

    /// What the code encodes, exactly.
    public let url: String
    /// The symbol.
    public let code: QRCode

    /// - Parameters:
    ///   - base: The site's base URL (checked as a build checks it).
    ///   - gtin: 8, 12, 13 or 14 digits, padded to 14 as the build pads them.
    ///   - lot: The batch, or nil for the product's code.
    /// - Throws: `BuildError.badBaseURL`, `IdentifierError` for a GTIN or lot a build would refuse,
    ///   `QRError` when the URL does not fit a QR code at that level.
    public init(base: String, gtin: String, lot: String?, errorCorrection: ErrorCorrection) throws {
        let base = try BaseURL.validated(base)
        let gtin = try GTIN(gtin)
        if let lot {
            url = DigitalLink(base: base, gtin: gtin, lot: try Lot(lot)).url
        } else {
            url = "\(base)/01/\(gtin.digits)"
        }
        code = try QRCode(encoding: url, errorCorrection: errorCorrection)
    }

    /// The base URL to use: the one given, else the store's `base_url`.
    /// - Throws: `BuildError.noBaseURL` when neither says, `StoreError` when the store cannot be read.
    public static func baseURL(given: String?, storePath: String) throws -> String {
        if let given { return given }
        let store = try TraceStore(path: storePath, mode: .readOnly)
        guard let stored = try store.info("base_url") else { throw BuildError.noBaseURL }
        return stored
    }

    /// The artwork's bytes.
    public func bytes(_ format: Format, print: PrintSize, pngScale: Int) throws -> [UInt8] {
        switch format {
        case .svg: code.svg(print: print)
        case .png: try code.png(scale: pngScale)
        case .eps: code.eps(print: print, title: url)
        case .pdf: code.pdf(print: print, title: url)
        }
    }

    /// The printed side, quiet zone included, in millimetres.
    public func millimetres(print: PrintSize) -> Double { Double(code.width + 2 * QRCode.quietZone) * print.moduleMillimetres }
}

import CQREncode
import CQRMask

/// A QR code symbol: a square of dark and light modules, without quiet zone.
public struct QRCode: Sendable {
    /// Modules per side (21 for version 1, 33 for version 4…).
    public let width: Int
    /// `width * width` bytes, row by row; 1 is dark, 0 is light.
    public let modules: [UInt8]

    /// Encodes text with libqrencode in 8-bit mode, case-sensitive, smallest version that fits.
    ///
    /// The symbol is `QRcode_encodeString`'s, byte for byte; its mask is chosen by `tp_qr_encode`
    /// (`Sources/CQRMask`), which scores the eight masks on bit rows: libqrencode's own choice
    /// was nine tenths of its time per code and 14% of a build's CPU.
    ///
    /// - Parameters:
    ///   - text: The exact bytes to encode (a Digital Link URL).
    ///   - errorCorrection: Level L, M, Q or H.
    /// - Throws: `QRError.tooLong` when the text does not fit version 40 at this level.
    public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws(QRError) {
        guard let symbol = tp_qr_encode(text, errorCorrection.libraryLevel) else {
            throw .tooLong(characters: text.utf8.count, level: errorCorrection)
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let raw = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        // libqrencode sets other bits for its own bookkeeping; bit 0 alone says dark or light.
        self.width = width
        self.modules = raw.map { $0 & 1 }
    }

    /// Whether the module at `column`, `row` is dark.
    public func isDark(column: Int, row: Int) -> Bool { modules[row * width + column] != 0 }

    /// The light margin ISO/IEC 18004 requires on every side, in modules.
    public static let quietZone = 4
}

/// QR error correction level: how much of the symbol may be damaged and still read.
public enum ErrorCorrection: String, CaseIterable, Sendable {
    /// About 7% recoverable.
    case low = "L"
    /// About 15%: the default for retail packaging.
    case medium = "M"
    /// About 25%: scuffed, curved or inkjet-printed can bottoms.
    case quartile = "Q"
    /// About 30%: only when something is printed over the code.
    case high = "H"

    var libraryLevel: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}

/// Why a QR code or its image could not be made.
public enum QRError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLong(characters: Int, level: ErrorCorrection)
    case moduleTooSmall(millimetres: Double)
    case pngEncodingFailed

    public var description: String {
        switch self {
        case .tooLong(let characters, let level):
            "a \(characters)-character URL does not fit in a QR code at level \(level.rawValue)"
        case .moduleTooSmall(let millimetres):
            "QR module size \(millimetres) mm is below GS1's 0.396 mm minimum for retail scanning"
        case .pngEncodingFailed:
            "libpng could not encode the QR image"
        }
    }
}

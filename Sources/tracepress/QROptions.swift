import ArgumentParser
import TraceQR

/// The QR code's options, the same in `build`, `merge`, `serve` and `qr`.
struct QROptions: ParsableArguments {
    @Option(name: .customLong("qr-ecc"), help: "QR error correction: L, M, Q or H.")
    var errorCorrection: String = "M"

    @Option(name: .customLong("qr-module-mm"), help: "Printed size of one QR module in mm (GS1 minimum 0.396).")
    var moduleMillimetres = 0.5

    @Option(name: .customLong("qr-png-scale"), help: "Pixels per module in a PNG.")
    var pngScale = 8

    func validate() throws {
        guard (1...64).contains(pngScale) else { throw ValidationError("--qr-png-scale must be 1 to 64, not \(pngScale)") }
    }

    /// The error correction level given.
    func level() throws -> ErrorCorrection {
        guard let level = ErrorCorrection(rawValue: errorCorrection.uppercased()) else {
            throw ValidationError("--qr-ecc must be L, M, Q or H, not '\(errorCorrection)'")
        }
        return level
    }

    /// The module size given, checked against GS1's minimum.
    func printSize() throws -> PrintSize { try PrintSize(moduleMillimetres: moduleMillimetres) }
}

/// The printed size of one QR module (the X-dimension).
public struct PrintSize: Hashable, Sendable {
    /// GS1 General Specifications' minimum X-dimension for codes scanned at retail.
    public static let minimumModuleMillimetres = 0.396

    /// Millimetres per module.
    public let moduleMillimetres: Double

    /// - Parameter moduleMillimetres: At least 0.396 mm.
    /// - Throws: `QRError.moduleTooSmall` below GS1's minimum.
    public init(moduleMillimetres: Double = 0.5) throws(QRError) {
        guard moduleMillimetres >= Self.minimumModuleMillimetres, moduleMillimetres.isFinite else {
            throw .moduleTooSmall(millimetres: moduleMillimetres)
        }
        self.moduleMillimetres = moduleMillimetres
    }

    /// `modules × X` in millimetres, printed with at most three decimals.
    func millimetres(forModules modules: Int) -> String { Self.decimal(Double(modules) * moduleMillimetres, places: 3) }

    /// A number rounded to `places` decimals, trailing zeros dropped, never an exponent (SVG,
    /// PostScript and PDF numbers).
    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        var fraction = String(scaled % scale)
        guard fraction != "0" else { return String(scaled / scale) }
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(scaled / scale).\(fraction)"
    }

    /// `modules × X` in PostScript points (1/72 inch).
    public func points(forModules modules: Int) -> Double { Double(modules) * moduleMillimetres * 72 / 25.4 }

    /// A number with at most four decimals (points: a ten-thousandth is far below any printer's dot).
    static func decimal(_ value: Double) -> String { decimal(value, places: 4) }
}

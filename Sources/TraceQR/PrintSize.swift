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
    func millimetres(forModules modules: Int) -> String {
        let thousandths = Int((Double(modules) * moduleMillimetres * 1000).rounded())
        let whole = thousandths / 1000
        var fraction = String(thousandths % 1000)
        guard fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}

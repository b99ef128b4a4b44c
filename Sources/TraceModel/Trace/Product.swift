/// A trade item: one GTIN, e.g. stage-1 infant formula in an 800 g can.
public struct Product: Hashable, Sendable {
    /// Whether text is a food production licence number: `SC` followed by 14 digits.
    public static func isProductionLicence(_ text: String) -> Bool {
        let digits = text.dropFirst(2)
        return text.hasPrefix("SC") && digits.count == 14 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public var gtin: GTIN
    public var name: LocalizedText
    /// Net content as printed, e.g. `800 g` or `250 mL`.
    public var spec: String
    /// Category or stage, e.g. 婴儿配方奶粉（0–6月龄，1段）.
    public var category: LocalizedText
    /// Product standard, e.g. `GB 10765-2021`.
    public var productStandard: String
    /// SAMR formula registration number (infant formula only).
    public var formulaRegistration: String?
    /// Food production licence: `SC` + 14 digits.
    public var productionLicence: String
    /// Shelf life in days.
    public var shelfLifeDays: Int

    public init(
        gtin: GTIN, name: LocalizedText, spec: String, category: LocalizedText, productStandard: String,
        formulaRegistration: String?, productionLicence: String, shelfLifeDays: Int
    ) {
        self.gtin = gtin
        self.name = name
        self.spec = spec
        self.category = category
        self.productStandard = productStandard
        self.formulaRegistration = formulaRegistration
        self.productionLicence = productionLicence
        self.shelfLifeDays = shelfLifeDays
    }
}

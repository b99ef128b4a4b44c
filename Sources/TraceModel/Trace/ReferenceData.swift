/// The small, shared part of the store that every page may refer to: brand, products, sites, and
/// their media and certificates. Loaded once per build; batches stream past it.
public struct ReferenceData: Sendable {
    public var brand: Brand
    public var products: [GTIN: Product]
    public var sites: [Int64: Site]
    public var siteMedia: [Int64: [MediaItem]]
    public var siteCertificates: [Int64: [Certificate]]
    /// When the trace data was last changed (from the store, never the build clock).
    public var dataAsOf: Timestamp?

    public init(
        brand: Brand, products: [GTIN: Product], sites: [Int64: Site], siteMedia: [Int64: [MediaItem]] = [:],
        siteCertificates: [Int64: [Certificate]] = [:], dataAsOf: Timestamp? = nil
    ) {
        self.brand = brand
        self.products = products
        self.sites = sites
        self.siteMedia = siteMedia
        self.siteCertificates = siteCertificates
        self.dataAsOf = dataAsOf
    }

    /// Products in GTIN order, for deterministic listings.
    public var productsInOrder: [Product] { products.values.sorted { $0.gtin < $1.gtin } }
}

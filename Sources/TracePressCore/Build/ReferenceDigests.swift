import TraceModel
import TracePublish

/// The store's reference data hashed by the parts a page reads: a product by its GTIN, a site
/// with its media (livestreams, photos) and certificates by its id.
///
/// A batch's input key covers its product and the sites its rows name (`BatchRecord.siteIDs`),
/// not all of the reference data, so a farm's description edited, a livestream added at a farm
/// or a certificate renewed draws again the batches sourced there and leaves the others alone;
/// before, any of these drew every batch of the site (some 40 s at 100,000 batches). A rebuild
/// does not read an unchanged batch's rows, so the manifest records the sites they named
/// (`ManifestBatchEntry.sites`): a batch's rows are covered by its revision, and while it stands
/// the sites they name stand too. The brand and the data's "as of" time, which every page shows,
/// stay in the key every batch shares (`InputKeys.common`).
///
/// Listing pages are keyed the same way: a product's listing by its product (`productPagePart`),
/// a site's by the site and every product's name its rows may show (`sitePagePart`), so a farm
/// edited draws that farm's pages and not the 5,000 other listing pages of a 100,000-batch site.
struct ReferenceDigests: Sendable {
    private let products: [String: String]
    private let sites: [Int64: String]
    /// Every product's name, by GTIN: what a site page's rows show of the products.
    private let productNames: String
    /// All of the reference data but the brand: every product and site (`InputKeys.data`).
    let all: String

    init(_ reference: ReferenceData) {
        var products: [String: String] = [:]
        for (gtin, product) in reference.products {
            var hash = RunningHash()
            // Value types print deterministically with String(reflecting:).
            hash.add(String(reflecting: product))
            products[gtin.digits] = hash.hex
        }
        var sites: [Int64: String] = [:]
        for (id, site) in reference.sites {
            var hash = RunningHash()
            hash.add(String(reflecting: site))
            hash.add(String(reflecting: reference.siteMedia[id] ?? []))
            hash.add(String(reflecting: reference.siteCertificates[id] ?? []))
            sites[id] = hash.hex
        }
        self.products = products
        self.sites = sites
        var names = RunningHash()
        for product in reference.productsInOrder { names.add("\(product.gtin.digits) \(String(reflecting: product.name))") }
        productNames = names.hex
        // In sorted key order, so the hashing order is fixed.
        var all = RunningHash()
        for (gtin, digest) in products.sorted(by: { $0.key < $1.key }) { all.add("p \(gtin)=\(digest)") }
        for (id, digest) in sites.sorted(by: { $0.key < $1.key }) { all.add("s \(id)=\(digest)") }
        self.all = all.hex
    }

    /// What a product's listing pages read of the reference data, hashed: the product alone.
    func productPagePart(gtin: String) -> String { part(gtin: gtin, sites: []) }

    /// What a site's listing pages read of the reference data, hashed: the site with its media
    /// and certificates, and the products' names their rows show.
    func sitePagePart(site id: Int64) -> String {
        var hash = RunningHash()
        hash.add("s=" + (sites[id] ?? "-") + " names=" + productNames)
        return hash.hex
    }

    /// What a batch of `gtin` whose rows name `siteIDs` reads of the reference data, hashed, for
    /// its input key; a product or site the store lacks is said so (`-`), so one added or
    /// removed changes the key too.
    func part(gtin: String, sites siteIDs: [Int64]) -> String {
        var text = "p=" + (products[gtin] ?? "-")
        for id in siteIDs { text += " \(id)=" + (sites[id] ?? "-") }
        var hash = RunningHash()
        hash.add(text)
        return hash.hex
    }

    /// `part` for a batch whose previous build recorded `entry` (no sites when nil), remembered
    /// in `cache` by GTIN and sites as recorded: a rebuild asks for every batch, and the
    /// batches of a store share a few products and sets of sites.
    func part(gtin: String, recorded entry: ManifestBatchEntry?, cache: inout PartCache) -> String {
        let sitesText = entry?.sitesText ?? ""
        if let part = cache.parts[gtin]?[sitesText] { return part }
        let part = part(gtin: gtin, sites: entry?.sites ?? [])
        // Bounded, so a store whose every batch names other sites keeps memory flat.
        if cache.count >= PartCache.limit { cache = PartCache() }
        cache.parts[gtin, default: [:]][sitesText] = part
        cache.count += 1
        return part
    }

    /// Parts already made, by GTIN and sites as a manifest records them: one per thread that keys batches.
    struct PartCache {
        static let limit = 4096
        fileprivate var parts: [String: [String: String]] = [:]
        fileprivate var count = 0
    }
}

import Foundation
import TraceModel
import TraceStore

/// Writes a realistic, deterministic demo trace store: the same options always give the same rows.
///
/// Batch 2 is recalled, batch 3 is on hold, batch 5 (stage-1 formula) has a failed nitrate check (and is on hold
/// because of it), and every 17th batch has a tanker temperature excursion.
public struct DemoStoreGenerator: Sendable {
    /// How many batches to generate.
    public var batchCount: Int
    /// The seed; the same seed gives byte-identical rows.
    public var seed: UInt64

    /// The `store_info` marker that lets `demo` overwrite a store it made, and nothing else.
    public static let generatorMarker = "tracepress demo"

    /// Where the demo site pretends to live; `build --base-url` overrides it.
    public static let baseURL = "https://trace.example.com"

    public init(batchCount: Int = 60, seed: UInt64 = 2026) {
        self.batchCount = batchCount
        self.seed = seed
    }

    /// Generates the store at `path`, replacing an earlier demo store there.
    ///
    /// The rows are written to a temporary file beside `path` that is renamed into place at the
    /// end, so a failure leaves whatever was at `path` as it was.
    /// - Parameters:
    ///   - path: Where the store goes.
    ///   - progress: Called with the number of batches written so far.
    /// - Throws: `DemoError` when `path` holds something that is not a demo store; `StoreError`.
    public func write(to path: String, progress: (Int) -> Void = { _ in }) throws {
        guard batchCount >= 0 else { throw DemoError.negativeBatchCount(batchCount) }
        if FileManager.default.fileExists(atPath: path) {
            let existing = try? TraceStore(path: path, mode: .readOnly)
            guard let marker = try existing?.info("generator"), marker == Self.generatorMarker else {
                throw DemoError.wouldOverwrite(path: path)
            }
        }
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            let store = try TraceStore(path: temporary, mode: .create, bulkLoad: true)
            try store.write { writer in try populate(writer, progress: progress) }
        }
        guard rename(temporary, path) == 0 else {
            throw DemoError.cannotMove(from: temporary, to: path, reason: String(cString: strerror(errno)))
        }
    }

    private func populate(_ writer: StoreWriter, progress: (Int) -> Void) throws {
        var random = SeededGenerator(seed: seed)
        try writer.setInfo("generator", Self.generatorMarker)
        try writer.setInfo("data_as_of", DemoCatalog.now.description)
        try writer.setInfo("base_url", Self.baseURL)
        // A generation derived from the options, not random: the same demo twice is the same store.
        try writer.setInfo("generation", "demo-\(seed)-\(batchCount)")
        let brandID = try writer.insert(DemoCatalog.brand)
        for entry in DemoCatalog.products { try writer.insert(entry.product, brandID: brandID) }
        for site in DemoCatalog.sites { try writer.insert(site) }
        for (site, item) in DemoCatalog.siteMedia() { try writer.insert(item, owner: .site(site)) }
        for (site, certificate) in DemoCatalog.certificates() { try writer.insert(certificate, siteID: site) }

        let productCount = DemoCatalog.products.count
        // Spread batches over the days before `now`: at least one per product per day, at most
        // 24 (three lines, eight runs each), so 100,000 batches cover about three years.
        let perDay = max(1, min(24, (batchCount + productCount * 365 - 1) / (productCount * 365)))
        let perProduct = (batchCount + productCount - 1) / productCount
        let days = (perProduct + perDay - 1) / perDay
        let firstDay = DemoCatalog.now.local.date.adding(days: -days - 10)

        for index in 0..<batchCount {
            let batchID = Int64(index + 1)
            let entry = DemoCatalog.products[index % productCount]
            let run = index / productCount
            let producedOn = firstDay.adding(days: run / perDay)
            let line = ["A", "B", "C"][(run % perDay) / 8]
            let lot = "\(compact(producedOn))\(line)\(zeroPad(run % perDay % 8 + 1))"
            let failsNitrate = batchID == 5 && entry.isFormula
            let status: BatchStatus =
                switch batchID {
                case 2: .recalled(
                    reason: LocalizedText(zh: "抽检发现个别罐体封口不严，可能影响产品质量。请停止食用，凭罐底批号联系客服退换。",
                                          en: "Spot checks found cans whose seal may not be tight. Stop using this product and contact us with the lot number for a refund."),
                    since: DemoCatalog.now.local.date.adding(days: -3))
                case 3: .onHold(
                    reason: LocalizedText(zh: "等待第三方实验室复检结果，复检合格前暂停销售。", en: "Awaiting a third-party lab re-test; sales are paused until it passes."),
                    since: DemoCatalog.now.local.date.adding(days: -5))
                case 5 where failsNitrate: .onHold(
                    reason: LocalizedText(zh: "成品硝酸盐检测结果超出限量，批次已冻结，不会上市销售。", en: "The finished-product nitrate result is above the limit; the batch is frozen and will not be sold."),
                    since: producedOn.adding(days: 4))
                default: .released
                }
            let batch = Batch(
                id: batchID, gtin: entry.product.gtin, lot: try Lot(lot), producedOn: producedOn,
                expiresOn: producedOn.adding(days: entry.product.shelfLifeDays - 1),
                quantity: entry.isFormula ? 12_000 + Int.random(in: 0...6000, using: &random) : 60_000 + Int.random(in: 0...20_000, using: &random),
                status: status, factorySiteID: DemoCatalog.factory)
            try writer.insert(batch)

            let journey = DemoJourney(
                batchID: batchID, producedOn: producedOn, isFormula: entry.isFormula, hasExcursion: batchID % 17 == 5,
                passesRelease: !failsNitrate
            ).build(using: &random)
            for origin in journey.origins { try writer.insert(origin, batchID: batchID) }
            for step in journey.steps { try writer.insert(step, batchID: batchID) }
            for reading in journey.readings { try writer.insert(reading, batchID: batchID) }
            let checks = DemoLabChecks(batchID: batchID, producedOn: producedOn, isFormula: entry.isFormula, failNitrate: failsNitrate)
                .build(using: &random)
            for check in checks { try writer.insert(check, batchID: batchID) }
            if index % 1000 == 999 { progress(index + 1) }
        }
        progress(batchCount)
    }

    private func zeroPad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Why the demo store could not be written.
public enum DemoError: Error, CustomStringConvertible {
    /// The path holds a store (or file) that `demo` did not make: refuse to destroy it.
    case wouldOverwrite(path: String)
    case negativeBatchCount(Int)
    case cannotMove(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let path):
            "'\(path)' exists and is not a demo store; refusing to overwrite it (choose another --store path)"
        case .negativeBatchCount(let count): "--batches must be 0 or more, not \(count)"
        case .cannotMove(let from, let to, let reason): "cannot move '\(from)' to '\(to)': \(reason)"
        }
    }
}

import Foundation
public import TraceQR

/// Everything `tracepress build` can be told.
public struct BuildOptions: Sendable {
    /// The SQLite trace store.
    public var storePath = "trace.sqlite"
    /// Mustache templates: `batch`, `product`, `home`, `404` and partials.
    public var templatesPath = "Templates"
    /// Static assets copied as they are.
    public var publicPath = "Public"
    /// The folder to publish; replaced whole when the build succeeds.
    public var outputPath = "_site"
    /// Base of every Digital Link; nil takes the store's `base_url`.
    public var baseURL: String?
    public var errorCorrection: ErrorCorrection = .medium
    public var printSize: PrintSize = try! PrintSize(moduleMillimetres: 0.5)
    /// Pixels per module in `qr.png`.
    public var pngScale = 8
    /// Batches read from the store at a time: bounds memory, whatever the store's size.
    public var chunkSize = 512
    /// Render threads; defaults to every core.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Render everything, ignoring the previous build's manifest.
    public var full = false
    /// Leave a spare tree of hard links beside the output, where the next build starts.
    public var keepSpare = true
    /// Publish nothing when a page links to a file the site does not have (`LinkCheckStep`);
    /// otherwise the build warns.
    public var strictLinks = false
    /// Build only this slice of the batches (`tracepress merge` joins the slices).
    public var shard: Shard?
    /// Bytes of the sitemap and change records the batch pass holds in memory while the listing
    /// pages are drawn beside it, before the rest goes to a scratch file (`HeldRecords`); about
    /// 100 bytes a batch. Lower in tests.
    var heldRecordBytes = 1 << 20

    public init() {}
}

public import TraceModel
import TraceStore
import TraceView

/// One batch's files drawn on request from the sources as they are now, byte for byte what a
/// build would write for it: what `serve` answers a batch page with while a rebuild runs.
///
/// Why: a change to `Templates/batch.mustache` changes every batch page, and on a store of
/// 100,000 batches the rebuild that follows takes half a minute; the person who saved the
/// template is looking at one batch page. Drawing that page from the store (one batch read, one
/// render, a few milliseconds) shows the change at once, as Hugo's server re-renders the page
/// being viewed first, while the rebuild brings the rest of the site up to date.
public final class BatchDrawing: Sendable {
    private let store: TraceStore
    private let artifacts: BatchArtifacts
    private let publicFiles: [(path: String, bytes: [UInt8])]
    private let shard: Shard?

    /// Reads the templates, `Public/` and the store's reference data as a build does, without
    /// the store's cross-row checks (a drawing publishes nothing).
    ///
    /// - Throws: What a build throws for the same inputs (a template that does not parse, say).
    public init(options: BuildOptions) throws {
        let inputs = try BuildInputs(options: options, checkingIntegrity: false)
        store = inputs.store
        publicFiles = inputs.assets.files
        artifacts = BatchArtifacts(site: inputs.site, templates: inputs.templates, options: options)
        shard = options.shard
    }

    /// The file at `path` (relative to the site root, percent-decoded: `01/{gtin}/10/{lot}/`,
    /// its `en/`, `qr.svg`, `qr.png`, `linkset.json` or `data.json`) of a batch the build
    /// publishes, drawn now; nil for any other path, a batch the store lacks or the build leaves
    /// out (a row that does not decode, another shard's).
    ///
    /// - Returns: The file's name in its batch folder (`index.html`, `en/index.html`, `qr.svg`…)
    ///   and its bytes.
    /// - Throws: What rendering the batch throws (a template naming nothing, say).
    public func file(at path: String) throws -> (name: String, bytes: [UInt8])? {
        guard let (gtin, lot, name) = Self.batchFile(path) else { return nil }
        guard let id = try store.batchID(gtin: gtin, lot: lot) else { return nil }
        var record: BatchRecord?
        try store.forEachBatchChunk(ids: id...id, chunkSize: 1) { chunk in record = chunk.records.first }
        guard let record else { return nil }
        if let shard, !shard.contains(gtin: record.batch.gtin.digits, lot: record.batch.lot.text) { return nil }
        guard let rendered = try artifacts.render([record][...]).first else { return nil }
        return rendered.files.first { $0.name == name }.map { ($0.name, $0.bytes) }
    }

    /// One batch of each product, the first of its lot list, to open while the first build runs
    /// (nothing else of the site is there yet): the product's name in both languages and the
    /// batch folder's path (`01/{gtin}/10/{lot}`), in GTIN order, for the first `limit` products.
    /// Products without a batch, or whose first batch another shard publishes, are left out.
    public func batchesToOpen(limit: Int) throws -> [(product: LocalizedText, lot: String, path: String)] {
        try artifacts.site.reference.productsInOrder.prefix(limit).compactMap { product in
            guard let lot = try store.firstLot(of: product.gtin) else { return nil }
            if let shard, !shard.contains(gtin: product.gtin.digits, lot: lot) { return nil }
            return (product.name, lot, "01/\(product.gtin.digits)/10/\(lot)")
        }
    }

    /// A file of `Public/` by the name the site gives it (`style.<fingerprint>.css` for the
    /// stylesheet): a page drawn after `style.css` changed links a name the last build did not
    /// write yet.
    public func publicFile(at path: String) -> [UInt8]? {
        publicFiles.first { $0.path == path }?.bytes
    }

    /// `path` split into a batch's GTIN, lot and file name (`index.html`, `en/index.html`…),
    /// or nil when it names no file of a batch folder.
    static func batchFile(_ path: String) -> (gtin: String, lot: String, name: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 4, parts[0] == "01", parts[2] == "10", (try? Lot(parts[3])) != nil else { return nil }
        let name: String
        switch parts.dropFirst(4).joined(separator: "/") {
        case "", "index.html": name = "index.html"
        case "en", "en/index.html": name = "en/index.html"
        case let file where ["qr.svg", "qr.png", "linkset.json", "data.json"].contains(file): name = file
        default: return nil
        }
        return (parts[1], parts[3], name)
    }
}

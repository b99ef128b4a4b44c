public import TraceModel
import TraceQR
public import TraceRender
public import TraceView

/// The files of batches, rendered in memory: `index.html` (Chinese), `en/index.html`,
/// `qr.svg`, `qr.png`, `linkset.json` and `data.json` for each.
///
/// Pure, so render threads run it side by side; writing is the caller's job. Public for
/// `Benchmarks/render`, which times it as a build runs it.
public struct BatchArtifacts: Sendable {
    /// One batch's files, in the order above, and its Digital Link (whose path is its folder).
    public typealias Rendered = (link: DigitalLink, files: [(name: String, bytes: [UInt8])])

    let site: SiteContext
    let templates: TemplateSet
    let options: BuildOptions

    /// Renders with `site`'s data, `templates` and the image options of `options`.
    public init(site: SiteContext, templates: TemplateSet, options: BuildOptions) {
        self.site = site
        self.templates = templates
        self.options = options
    }

    /// How many batches a render thread takes at a time (`render(_:)`), rendering them stage by
    /// stage and then writing them one after another.
    ///
    /// Measured in one build, chunks alternating between the two ways (thread CPU time per batch,
    /// 20,000 batches, three builds): batch by batch, one at a time, 412–500 µs rendering and
    /// 154–169 µs writing; 16 at a time, stage by stage, 387–431 and 141–151 µs. Each stage's
    /// code stays in the core's caches for 16 batches instead of being pushed out by the next
    /// stage and by the kernel's file writing. Groups of 4 or 8 gained less, 32 no more.
    public static let batchesPerGroup = 16

    /// The files of each of `records`, in order: every batch's facts, then QR codes, QR images
    /// and documents, then each batch's view and pages (a view is large, and rendered at once
    /// while it is fresh: building a group's views first was slower, measured with groups of 8).
    public func render(_ records: ArraySlice<BatchRecord>) throws -> [Rendered] {
        let facts = records.map { BatchFacts($0, in: site) }
        let codes = try facts.map { try QRCode(encoding: $0.link.url, errorCorrection: options.errorCorrection) }
        let svgs = codes.map { $0.svg(print: options.printSize) }
        let pngs = try codes.map { try $0.png(scale: options.pngScale) }
        let linksets = zip(records, facts).map { Linkset.document(for: $0, in: site, link: $1.link) }
        let documents = zip(records, facts).map { BatchDataDocument.document(for: $0, in: site, facts: $1) }
        return try zip(records, facts).enumerated().map { index, batch in
            let pages = try templates.renderBothLanguages(BatchPage.bilingualView(of: batch.0, in: site, facts: batch.1), with: "batch")
            return (batch.1.link, [
                ("index.html", pages.chinese),
                ("en/index.html", pages.english),
                ("qr.svg", svgs[index]),
                ("qr.png", pngs[index]),
                ("linkset.json", linksets[index]),
                ("data.json", documents[index]),
            ])
        }
    }
}

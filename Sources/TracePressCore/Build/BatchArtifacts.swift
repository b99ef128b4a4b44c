import TraceModel
import TraceQR
import TraceRender
import TraceView

/// The files of one batch, rendered in memory: `index.html` (Chinese), `en/index.html`,
/// `qr.svg`, `qr.png`, `linkset.json` and `data.json`.
///
/// Pure, so render threads run it side by side; writing is the caller's job.
struct BatchArtifacts: Sendable {
    let site: SiteContext
    let templates: TemplateSet
    let options: BuildOptions

    func render(_ record: BatchRecord) throws -> [(name: String, bytes: [UInt8])] {
        let facts = BatchFacts(record, in: site)
        let link = facts.link
        let view = BatchPage.bilingualView(of: record, in: site, facts: facts)
        let code = try QRCode(encoding: link.url, errorCorrection: options.errorCorrection)
        let pages = try templates.renderBothLanguages(view, with: "batch")
        return [
            ("index.html", pages.chinese),
            ("en/index.html", pages.english),
            ("qr.svg", code.svg(print: options.printSize)),
            ("qr.png", try code.png(scale: options.pngScale)),
            ("linkset.json", Linkset.document(for: record, in: site, link: link)),
            ("data.json", BatchDataDocument.document(for: record, in: site, facts: facts)),
        ]
    }
}

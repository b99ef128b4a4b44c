import TraceModel
import TracePublish
import TraceQR
import TraceRender
import TraceView

/// The three files of one batch: `index.html`, `qr.svg` and `qr.png`, rendered and written.
///
/// Pure apart from the write at the end, so render threads can run it side by side.
struct BatchArtifacts {
    let site: SiteContext
    let templates: TemplateSet
    let options: BuildOptions

    func publish(_ record: BatchRecord, into staging: SiteStaging) throws {
        let link = DigitalLink(base: site.baseURL, gtin: record.batch.gtin, lot: record.batch.lot)
        let folder = try SitePath(link.path)
        let html = try templates.render(BatchPage.view(of: record, in: site), with: "batch")
        let code = try QRCode(encoding: link.url, errorCorrection: options.errorCorrection)
        try staging.makeFolder(folder)
        try staging.write(html, to: folder.appending("index.html"))
        try staging.write(code.svg(print: options.printSize), to: folder.appending("qr.svg"))
        try staging.write(try code.png(scale: options.pngScale), to: folder.appending("qr.png"))
    }
}

import ArgumentParser
import TracePressCore
import TraceQR

/// Options `build` and `merge` share: they must agree for shards to merge.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite trace store.")
    var store = "trace.sqlite"

    @Option(name: .long, help: "Mustache templates folder (batch, product, home, 404, partials/).")
    var templates = "Templates"

    @Option(name: .customLong("public"), help: "Static assets copied into the site (stylesheets get fingerprinted names).")
    var publicFolder = "Public"

    @Option(name: .long, help: "Output folder, replaced whole when the build succeeds.")
    var out = "_site"

    @Option(name: .customLong("base-url"), help: "Base of every Digital Link (default: the store's base_url).")
    var baseURL: String?

    @Option(name: .customLong("qr-ecc"), help: "QR error correction: L, M, Q or H.")
    var errorCorrection: String = "M"

    @Option(name: .customLong("qr-module-mm"), help: "Printed size of one QR module in mm (GS1 minimum 0.396).")
    var moduleMillimetres = 0.5

    @Option(name: .customLong("qr-png-scale"), help: "Pixels per module in qr.png.")
    var pngScale = 8

    func buildOptions() throws -> BuildOptions {
        var options = BuildOptions()
        options.storePath = store
        options.templatesPath = templates
        options.publicPath = publicFolder
        options.outputPath = out
        options.baseURL = baseURL
        guard let level = ErrorCorrection(rawValue: errorCorrection.uppercased()) else {
            throw ValidationError("--qr-ecc must be L, M, Q or H, not '\(errorCorrection)'")
        }
        options.errorCorrection = level
        options.printSize = try PrintSize(moduleMillimetres: moduleMillimetres)
        options.pngScale = pngScale
        return options
    }
}

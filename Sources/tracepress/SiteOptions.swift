import ArgumentParser
import TracePressCore
import TraceQR

/// Where a site's inputs are: the store, the templates and the public folder.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite trace store.")
    var store = "trace.sqlite"

    @Option(name: .long, help: "Mustache templates folder (batch, product, home, 404, partials/).")
    var templates = "Templates"

    @Option(name: .customLong("public"), help: "Static assets copied into the site (stylesheets get fingerprinted names).")
    var publicFolder = "Public"

    /// Build options with these inputs and every other setting at its default.
    func buildOptions() -> BuildOptions {
        var options = BuildOptions()
        options.storePath = store
        options.templatesPath = templates
        options.publicPath = publicFolder
        return options
    }
}

/// Options `build` and `merge` share: they must agree for shards to merge.
struct SiteOptions: ParsableArguments {
    @OptionGroup var sources: SourceOptions

    @Option(name: .long, help: "Output folder, replaced whole when the build succeeds.")
    var out = "_site"

    @Option(name: .customLong("base-url"), help: "Base of every Digital Link (default: the store's base_url).")
    var baseURL: String?

    @OptionGroup var qr: QROptions

    @Flag(name: .long, help: ArgumentHelp(
        "Publish nothing when a page links to a file the site does not have; without it, each such link is a warning.",
        discussion: "Before publishing, the build follows the links of every page but the batch and listing pages, of each product's and site's first listing page, and of one batch page per product, in both languages: a sample with every template in it (a mistyped image name in a template, a file removed from Public/ that a template still links). Links to other hosts are not fetched."))
    var strict = false

    func buildOptions() throws -> BuildOptions {
        var options = sources.buildOptions()
        options.outputPath = out
        options.baseURL = baseURL
        options.errorCorrection = try qr.level()
        options.printSize = try qr.printSize()
        options.pngScale = qr.pngScale
        options.strictLinks = strict
        return options
    }
}

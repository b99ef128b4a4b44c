import TraceModel
import TracePublish
import TraceQR
import TraceRender
import TraceStore

/// Keys that say whether a page must be rendered again.
///
/// The shared key covers what every page is rendered from: this tool's version, every template,
/// the options that change output, the reference data (brand, products, sites, their media and
/// certificates), the assets and the store's generation. A batch key adds the batch's id, folder
/// and revision, which SQLite triggers bump on any change to the batch or its rows, to the same
/// inputs with only the templates a batch folder is drawn from (`batch` and its partials), only
/// the strings they and the batch view's code read, and of the reference data only the brand,
/// its own product and the sites its rows name (`ReferenceDigests`). Listing pages are keyed
/// alike, by their template, the strings they read, and the products and sites they show.
///
/// Why not the shared key for batches too: a marketing team that edits the home or product
/// template had every batch page drawn again, all 100,000 of them (some 40 s), for pages that
/// came out byte for byte the same; a string changed for the home page did the same.
enum InputKeys {
    /// Bumped when a TracePress change alters rendered output for the same inputs.
    static let renderVersion = "tracepress-render-5"

    /// A key of the templates (`only` these, by name, partials included; all when nil), the
    /// strings (`UIStrings.digest` of some; all of `strings.json` when nil) and `data`.
    static func shared(templates: TemplateSet, only names: Set<String>? = nil, strings: String? = nil, data: String) -> String {
        var hash = RunningHash()
        hash.add(renderVersion)
        for (name, source) in templates.sources.sorted(by: { $0.key < $1.key }) where names?.contains(name) ?? true {
            hash.add(name)
            hash.add(source)
        }
        hash.add(strings ?? templates.strings)
        hash.add(data)
        return hash.hex
    }

    /// What every page is rendered from besides templates, strings, products and sites, hashed
    /// once per build for all the keys made from it: base URL, options, assets, the store's
    /// generation, the brand and the data's "as of" time. Batch and listing keys add their own
    /// products and sites (`ReferenceDigests`), other pages all of them (`data`).
    static func common(options: BuildOptions, baseURL: String, reference: ReferenceData, assets: [String: String], generation: String) -> String {
        var hash = RunningHash()
        hash.add(baseURL)
        hash.add(options.errorCorrection.rawValue)
        hash.add(String(options.printSize.moduleMillimetres))
        hash.add(String(options.pngScale))
        for (name, published) in assets.sorted(by: { $0.key < $1.key }) { hash.add(name + "=" + published) }
        hash.add(generation)
        // Value types print deterministically with String(reflecting:).
        hash.add(String(reflecting: reference.brand))
        hash.add(String(reflecting: reference.dataAsOf))
        return hash.hex
    }

    /// `common` and all the reference data (`ReferenceDigests.all`, the same digests batch and
    /// listing keys take their parts of): what pages other than batch and listing pages are
    /// rendered from besides templates and strings (a home page shows every product).
    static func data(common: String, references: ReferenceDigests) -> String {
        var hash = RunningHash()
        hash.add(common)
        hash.add(references.all)
        return hash.hex
    }

    /// The folder the batch is published at, as stored (checked when the batch is decoded).
    static func folder(of header: BatchHeader) -> String { "01/\(header.gtin)/10/\(header.lot)" }

    /// A batch folder's key: what all batches share (`BuildInputs.batchKey`), the batch's
    /// identity and revision, and `references`, what it reads of the products and sites
    /// (`ReferenceDigests.part`).
    static func batch(shared: String, header: BatchHeader, references: String) -> String {
        var hash = RunningHash()
        hash.add(shared)
        hash.add(String(header.id))
        hash.add(header.gtin)
        hash.add(header.lot)
        hash.add(String(header.revision))
        hash.add(references)
        return hash.hex
    }
}

import ArgumentParser
import Foundation
import TracePressCore
import TraceQR

/// `tracepress qr`: one QR code as artwork for packaging.
struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Write one QR code as print artwork (SVG, PNG, EPS or PDF).",
        discussion: """
            The code encodes the GS1 Digital Link a build publishes: <base-url>/01/<GTIN-14>/10/<lot>, \
            or <base-url>/01/<GTIN-14> without a lot, for a pack printed once for every batch (its \
            page is the product's). Vector formats come at the printed size, quiet zone included: \
            (modules + 8) × --qr-module-mm. Decode a proof back before anything is printed.

            Examples:
              tracepress qr 09521231000016 261105A01 --format pdf
              tracepress qr 9521231000016 --format eps --qr-ecc Q
            """)

    @Argument(help: "The product's GTIN (8, 12, 13 or 14 digits).")
    var gtin: String

    @Argument(help: "The batch's lot; leave out for the product's code.")
    var lot: String?

    @Option(name: .long, help: "svg, png, eps or pdf.")
    var format = "svg"

    @Option(name: .long, help: "The file to write (default: <GTIN-14>[-<lot>].<format>).")
    var out: String?

    @Option(name: .long, help: "The store whose base_url to use when --base-url is not given.")
    var store = "trace.sqlite"

    @Option(name: .customLong("base-url"), help: "Base of the Digital Link (default: the store's base_url).")
    var baseURL: String?

    @OptionGroup var qr: QROptions

    func run() throws {
        guard let format = QRArtwork.Format(rawValue: format.lowercased()) else {
            throw ValidationError("--format must be svg, png, eps or pdf, not '\(format)'")
        }
        let level = try qr.level()
        do {
            let print = try qr.printSize()
            let base = try QRArtwork.baseURL(given: baseURL, storePath: store)
            let artwork = try QRArtwork(base: base, gtin: gtin, lot: lot, errorCorrection: level)
            let digits = artwork.url.split(separator: "/01/").last.map { String($0.prefix(14)) } ?? gtin
            let path = out ?? digits + (lot.map { "-" + $0 } ?? "") + "." + format.rawValue
            let bytes = try artwork.bytes(format, print: print, pngScale: qr.pngScale)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw ValidationError("could not write '\(path)'")
            }
            let side = artwork.code.width
            let size = format == .png
                ? "\((side + 8) * qr.pngScale) px square"
                : String(format: "%.1f mm square", artwork.millimetres(print: print))
            Swift.print("wrote \(path): \(artwork.url) (\(side)×\(side) modules, level \(level.rawValue), \(size) with the quiet zone)")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw Console.fail(error)
        }
    }
}

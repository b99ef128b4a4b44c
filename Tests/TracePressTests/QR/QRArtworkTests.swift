import Foundation
import Testing

/// `tracepress qr`: artwork a real decoder reads back from every format, at its printed size.
@Suite("tracepress qr: print artwork in SVG, PNG, EPS and PDF")
struct QRArtworkTests {
    static let base = "https://trace.example.com"

    /// Writes the artwork with the command, then renders it as a printer's RIP would (rsvg for
    /// SVG, Ghostscript for EPS and PDF, at 300 dpi) and decodes it with zbarimg.
    func writeAndDecode(_ arguments: [String], format: String, in directory: TemporaryDirectory) throws -> (file: String, decoded: String) {
        let file = directory.file("code.\(format)")
        let result = try ExternalTool.run(
            Repository.executable, ["qr"] + arguments + ["--base-url", Self.base, "--format", format, "--out", file], timeout: 60)
        try #require(result.status == 0, "\(result.errorOutput)")
        let image = format == "png" ? file : directory.file("code-\(format).png")
        switch format {
        case "svg": _ = try ExternalTool.run("rsvg-convert", ["--dpi-x", "300", "--dpi-y", "300", file, "-o", image])
        case "eps", "pdf":
            _ = try ExternalTool.run(
                "gs", ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", "-r300"] + (format == "eps" ? ["-dEPSCrop"] : [])
                    + ["-sOutputFile=" + image, file])
        default: break
        }
        return (file, try ExternalTool.run("zbarimg", ["--quiet", "--raw", image]).output)
    }

    @Test("a batch's code and a product's code decode back from every format", arguments: ["svg", "png", "eps", "pdf"])
    func decodes(_ format: String) throws {
        let directory = TemporaryDirectory()
        let batch = try writeAndDecode(["09521231000016", "261105A01"], format: format, in: directory)
        #expect(batch.decoded == "\(Self.base)/01/09521231000016/10/261105A01\n")
        // A GTIN-13 is padded as the build pads it; level H for a code under a label.
        let product = try writeAndDecode(["9521231000016", "--qr-ecc", "H"], format: format, in: directory)
        #expect(product.decoded == "\(Self.base)/01/09521231000016\n")
    }

    @Test("vector artwork is the printed size, (modules + 8) × X, and the same code gives the same bytes")
    func printedSize() throws {
        let directory = TemporaryDirectory()
        // 33 modules at level M, 41 with the quiet zone: 20.5 mm at 0.5 mm, 58.1102 pt.
        let eps = try String(contentsOfFile: try writeAndDecode(["09521231000016", "261105A01"], format: "eps", in: directory).file, encoding: .utf8)
        #expect(eps.contains("%%HiResBoundingBox: 0 0 58.1102 58.1102\n"))
        #expect(eps.contains("%%BoundingBox: 0 0 59 59\n"))
        let pdfFile = try writeAndDecode(["09521231000016", "261105A01"], format: "pdf", in: directory).file
        let pdf = try #require(FileManager.default.contents(atPath: pdfFile))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/MediaBox [0 0 58.1102 58.1102]"))
        // Every cross-reference entry points at its object, and startxref at the table.
        let lines = text.components(separatedBy: "\n")
        let table = try #require(lines.firstIndex(of: "xref"))
        for object in 1...5 {
            let offset = try #require(Int(lines[table + 2 + object].prefix(10)))
            #expect(text.utf8.dropFirst(offset).starts(with: "\(object) 0 obj".utf8), "object \(object) at \(offset)")
        }
        let startxref = try #require(lines.firstIndex(of: "startxref"))
        let bytes = [UInt8](pdf)
        let marker = Array("\nxref\n".utf8)
        let tableOffset = try #require((0..<(bytes.count - marker.count)).first { Array(bytes[$0..<$0 + marker.count]) == marker }) + 1
        #expect(Int(lines[startxref + 1]) == tableOffset)
        let again = try ExternalTool.run(
            Repository.executable,
            ["qr", "09521231000016", "261105A01", "--base-url", Self.base, "--format", "pdf", "--out", directory.file("again.pdf")])
        #expect(again.output.contains("(33×33 modules, level M, 20.5 mm square with the quiet zone)"))
        #expect(FileManager.default.contents(atPath: directory.file("again.pdf")) == pdf)
    }

    @Test("a GTIN, lot, base URL or format a build would refuse is refused in words, nothing written")
    func refusals() throws {
        let directory = TemporaryDirectory()
        for (arguments, message) in [
            (["09521231000017", "A1"], "wrong check digit"),
            (["09521231000016", "a/b"], "contains '/'"),
            (["09521231000016", "--format", "tiff"], "--format must be svg, png, eps or pdf"),
            (["09521231000016", "--format", "png", "--qr-png-scale", "0"], "--qr-png-scale must be 1 to 64"),
            (["09521231000016", "--qr-module-mm", "0.3"], "below GS1's 0.396 mm minimum"),
        ] {
            let result = try ExternalTool.run(
                Repository.executable, ["qr"] + arguments + ["--base-url", Self.base, "--out", directory.file("x")])
            #expect(result.status != 0)
            #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
        }
        let noBase = try ExternalTool.run(Repository.executable, ["qr", "09521231000016", "--store", directory.file("none.sqlite")])
        #expect(noBase.status == 1 && noBase.errorOutput.contains("no trace store"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("x")))
    }
}

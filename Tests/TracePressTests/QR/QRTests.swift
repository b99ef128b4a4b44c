import Foundation
import Testing
import TraceQR

@Suite("QR codes: libqrencode symbols, SVG and PNG that decoders read")
struct QRTests {
    static let url = "https://trace.example.com/01/09521231000016/10/261026A01"

    @Test("a 56-character URL at level M is a 33-module symbol")
    func version() throws {
        #expect(try QRCode(encoding: Self.url, errorCorrection: .medium).width == 33)
        #expect(try QRCode(encoding: Self.url, errorCorrection: .high).width > 33)
    }

    @Test("SVG: one path of runs, viewBox in modules, size in millimetres")
    func svgShape() throws {
        let svg = String(decoding: try QRCode(encoding: Self.url).svg(print: PrintSize(moduleMillimetres: 0.5)), as: UTF8.self)
        #expect(svg.contains("viewBox=\"0 0 41 41\""))
        #expect(svg.contains("width=\"20.5mm\" height=\"20.5mm\""))
        #expect(svg.components(separatedBy: "<path").count == 3)  // background + one path of runs
        #expect(svg.utf8.count < 3000)
    }

    @Test("modules below GS1's 0.396 mm are refused")
    func tooSmall() {
        #expect(throws: QRError.moduleTooSmall(millimetres: 0.39)) { try PrintSize(moduleMillimetres: 0.39) }
    }

    @Test("PNG and SVG decode back to the exact URL", arguments: ErrorCorrection.allCases)
    func decodes(_ level: ErrorCorrection) throws {
        let directory = TemporaryDirectory()
        let code = try QRCode(encoding: Self.url, errorCorrection: level)
        let png = directory.file("qr.png")
        try Data(try code.png(scale: 4)).write(to: URL(fileURLWithPath: png))
        let decoded = try ExternalTool.run("zbarimg", ["--quiet", "--raw", png])
        #expect(decoded.output == Self.url + "\n", "\(decoded.errorOutput)")

        let svg = directory.file("qr.svg")
        try Data(code.svg(print: PrintSize())).write(to: URL(fileURLWithPath: svg))
        let rasterised = directory.file("svg.png")
        let converted = try ExternalTool.run("rsvg-convert", ["--width", "400", "--background-color", "white", "-o", rasterised, svg])
        #expect(converted.status == 0, "\(converted.errorOutput)")
        #expect(try ExternalTool.run("zbarimg", ["--quiet", "--raw", rasterised]).output == Self.url + "\n")
    }

    @Test("the PNG is 1-bit grayscale with whole pixels per module and the quiet zone")
    func pngFormat() throws {
        let bytes = try QRCode(encoding: Self.url).png(scale: 8)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == (33 + 8) * 8)
        #expect(bytes[24] == 1)  // bit depth
        #expect(bytes[25] == 0)  // colour type: grayscale
    }

    /// The PNG's image data is compressed by TracePress's own deflate writer, so an independent
    /// reader (Python's zlib, CRCs and Adler-32 checked) must get back exactly the symbol: every
    /// module as `scale` x `scale` pixels inside a light quiet zone, at scales that do and do not
    /// fill whole bytes.
    @Test("the PNG's pixels, read back by another decoder, are the symbol's modules", arguments: [1, 2, 3, 8, 11])
    func pngPixels(_ scale: Int) throws {
        for level in [ErrorCorrection.low, .high] {
            let code = try QRCode(encoding: Self.url + "?17=281116", errorCorrection: level)
            let directory = TemporaryDirectory()
            let png = directory.file("qr.png")
            try Data(try code.png(scale: scale)).write(to: URL(fileURLWithPath: png))
            let read = try ExternalTool.run("python3", [Repository.root + "/Tests/png/read_png.py", png])
            #expect(read.status == 0, "\(read.errorOutput)")
            let side = code.width + 2 * QRCode.quietZone
            let expected = (0..<side * scale).map { y in
                String((0..<side * scale).map { x -> Character in
                    let (column, row) = (x / scale - QRCode.quietZone, y / scale - QRCode.quietZone)
                    let inside = (0..<code.width).contains(column) && (0..<code.width).contains(row)
                    return inside && code.isDark(column: column, row: row) ? "#" : "."
                })
            }
            #expect(read.output.split(separator: "\n").map(String.init) == expected, "scale \(scale), level \(level.rawValue)")
        }
    }
}

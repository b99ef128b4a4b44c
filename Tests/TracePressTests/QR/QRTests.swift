import CQREncode
import CQRMask
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
        // About a bit a module with the block's own Huffman codes; fixed codes took twice that.
        #expect(bytes.count < 700, "\(bytes.count) bytes")
    }

    /// The PNG's image data is compressed by TracePress's own deflate writer, so an independent
    /// reader (Python's zlib, CRCs and Adler-32 checked) must get back exactly the symbol: every
    /// module as `scale` x `scale` pixels inside a light quiet zone, at scales that do and do not
    /// fill whole bytes. At scale 1 and level Q this symbol's bytes are varied enough that the
    /// writer's own Huffman codes would need too long a code-length code, so it falls back to
    /// the fixed codes: both kinds of block are read back.
    @Test("the PNG's pixels, read back by another decoder, are the symbol's modules", arguments: [1, 2, 3, 8, 11])
    func pngPixels(_ scale: Int) throws {
        for level in ErrorCorrection.allCases {
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

    /// libqrencode's levels, in `ErrorCorrection.allCases` order.
    private static let levels = [QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H]

    @Test("the mask chooser gives libqrencode's own symbol, byte for byte, at every level and version", arguments: levels.indices)
    func maskChoiceMatchesLibqrencode(_ levelIndex: Int) throws {
        // Debian's libqrencode exports the two functions the fast path needs; without them every
        // code would silently take libqrencode's slow path and this test would compare it with itself.
        #expect(tp_qr_fast_path_available() == 1, "libqrencode does not export QRcode_encodeMask / Split_splitStringToQRinput")
        let level = Self.levels[levelIndex]
        let alphabet = Array("abcXYZ0123456789-._~/%?=&")
        var checked = 0
        var masks: Set<Int> = []
        var widths: Set<Int32> = []
        // Short texts (version 1 up), Digital Link URLs of every length a lot allows, then long
        // texts up to version 40 at level L.
        for length in Array(1...120) + Array(stride(from: 121, through: levelIndex == 0 ? 2_900 : 1_200, by: 37)) {
            for variant in 0..<(length <= 120 ? 12 : 2) {
                var text = length < 60 ? "" : "https://trace.example.com/01/09521231000016/10/"
                while text.utf8.count < length { text.append(alphabet[(text.utf8.count * 7 + variant * 13) % alphabet.count]) }
                let fast = tp_qr_encode(text, level)
                let reference = QRcode_encodeString(text, 0, level, QR_MODE_8, 1)
                defer {
                    QRcode_free(fast)
                    QRcode_free(reference)
                }
                guard let fast, let reference else {
                    #expect(fast == nil && reference == nil, "\(length) characters: only one of them encoded")
                    continue
                }
                let width = Int(reference.pointee.width)
                #expect(fast.pointee.width == reference.pointee.width && fast.pointee.version == reference.pointee.version)
                let same = memcmp(fast.pointee.data, reference.pointee.data, width * width) == 0
                #expect(same, "\(length) characters, variant \(variant): the symbols differ")
                if !same { return }
                // The mask, from the format bits next to the top-left finder (bits 10-12, XORed).
                var format = 0
                for bit in 0..<6 { format |= Int(reference.pointee.data[bit * width + 8] & 1) << bit }
                format |= Int(reference.pointee.data[7 * width + 8] & 1) << 6
                format |= Int(reference.pointee.data[8 * width + 8] & 1) << 7
                format |= Int(reference.pointee.data[8 * width + 7] & 1) << 8
                for bit in 9..<15 { format |= Int(reference.pointee.data[8 * width + 14 - bit] & 1) << bit }
                masks.insert(((format ^ 0x5412) >> 10) & 7)
                widths.insert(reference.pointee.width)
                checked += 1
            }
        }
        #expect(checked > 1_400)
        #expect(masks.count == 8, "every mask should win somewhere; won: \(masks.sorted())")
        #expect(widths.contains(21) || widths.contains(25))
        #expect(widths.contains { $0 > 64 }, "wider than one 64-bit word")
    }
}

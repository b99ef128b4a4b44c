extension QRCode {
    /// The symbol as an Encapsulated PostScript file for packaging artwork: black rectangles for
    /// each run of dark modules on a white square that includes the quiet zone, the bounding box
    /// the printed size in points. No dates or fonts, so the same code always gives the same bytes.
    ///
    /// Written by hand: a few lines of PostScript need no library, and none on Linux writes EPS.
    /// - Parameters:
    ///   - print: Module size in millimetres.
    ///   - title: Put in the `%%Title` comment (the encoded URL, for the designer's file list).
    public func eps(print: PrintSize, title: String) -> [UInt8] {
        let side = width + 2 * QRCode.quietZone
        let points = print.points(forModules: side)
        var text = "%!PS-Adobe-3.0 EPSF-3.0\n"
        text += "%%BoundingBox: 0 0 \(Int(points.rounded(.up))) \(Int(points.rounded(.up)))\n"
        text += "%%HiResBoundingBox: 0 0 \(PrintSize.decimal(points)) \(PrintSize.decimal(points))\n"
        text += "%%Title: \(Self.printable(title))\n%%Creator: TracePress\n%%Pages: 1\n%%EndComments\n"
        text += "gsave\n\(PrintSize.decimal(print.points(forModules: 1))) dup scale\n"
        text += "1 setgray 0 0 \(side) \(side) rectfill\n0 setgray\n"
        for run in darkRuns() { text += "\(run.start) \(run.y) \(run.length) 1 rectfill\n" }
        text += "grestore\nshowpage\n%%EOF\n"
        return Array(text.utf8)
    }

    /// The symbol as a one-page PDF whose page is exactly the printed code (quiet zone
    /// included): the same rectangles as `eps`, in a content stream. No dates, so the same code
    /// always gives the same bytes.
    ///
    /// Written by hand for the same reason as `eps`: five objects and a cross-reference table.
    public func pdf(print: PrintSize, title: String) -> [UInt8] {
        let side = width + 2 * QRCode.quietZone
        let page = PrintSize.decimal(print.points(forModules: side))
        var content = "q \(PrintSize.decimal(print.points(forModules: 1))) 0 0 \(PrintSize.decimal(print.points(forModules: 1))) 0 0 cm\n"
        content += "1 g 0 0 \(side) \(side) re f\n0 g\n"
        for run in darkRuns() { content += "\(run.start) \(run.y) \(run.length) 1 re\n" }
        content += "f\nQ\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(page) \(page)] /Contents 4 0 R /Resources << >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Title (\(Self.pdfString(title))) /Creator (TracePress) >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let table = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            pdf += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        return Array(pdf.utf8)
    }

    /// Each horizontal run of dark modules, in module units with the quiet zone, `y` counted
    /// from the bottom as PostScript and PDF count it.
    func darkRuns() -> [(start: Int, y: Int, length: Int)] {
        let side = width + 2 * QRCode.quietZone
        var runs: [(start: Int, y: Int, length: Int)] = []
        for row in 0..<width {
            var column = 0
            while column < width {
                guard isDark(column: column, row: row) else {
                    column += 1
                    continue
                }
                let start = column
                while column < width && isDark(column: column, row: row) { column += 1 }
                runs.append((start + QRCode.quietZone, side - 1 - (row + QRCode.quietZone), column - start))
            }
        }
        return runs
    }

    /// Text safe in a DSC comment line: printable ASCII only.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.isASCII && $0.value >= 32 && $0.value < 127 }.map(Character.init))
    }

    /// Text for a PDF literal string: printable ASCII, with `\`, `(` and `)` escaped.
    static func pdfString(_ text: String) -> String {
        var escaped = ""
        for character in printable(text) {
            if character == "\\" || character == "(" || character == ")" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension QRCode {
    /// The symbol as a compact SVG: one `<path>` of horizontal runs, `viewBox` in modules and
    /// width/height in millimetres so designers get the real print size.
    ///
    /// Built as bytes into a buffer sized for the worst case, not through string interpolation
    /// or `Array.append(contentsOf:)`: this runs once per batch, and appending each run's few
    /// characters was 2.5% of a full build's CPU (`Benchmarks/profile/run.sh`).
    /// - Parameter print: Module size in millimetres.
    /// - Returns: UTF-8 bytes of a standalone SVG document.
    public func svg(print: PrintSize) -> [UInt8] {
        let side = width + 2 * QRCode.quietZone
        let physical = print.millimetres(forModules: side)
        let head = Array(
            ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(physical)mm\" height=\"\(physical)mm\" shape-rendering=\"crispEdges\">"
                + "<path fill=\"#fff\" d=\"M0 0h\(side)v\(side)H0z\"/><path stroke=\"#000\" d=\"").utf8)
        let tail: StaticString = "\"/></svg>\n"
        // A row has at most width / 2 + 1 runs; the longest command is `M123 123.5h123` (14 bytes).
        let capacity = head.count + width * (width / 2 + 1) * 14 + tail.utf8CodeUnitCount
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var out = ByteCursor(buffer.baseAddress!)
            head.withUnsafeBufferPointer { out.put($0) }
            modules.withUnsafeBufferPointer { modules in
                for row in 0..<width {
                    let line = UnsafeBufferPointer(rebasing: modules[row * width..<(row + 1) * width])
                    var column = 0
                    var penColumn: Int?  // where the pen is in this row, after the last run drawn
                    while column < width {
                        guard line[column] != 0 else {
                            column += 1
                            continue
                        }
                        let start = column
                        while column < width && line[column] != 0 { column += 1 }
                        if let pen = penColumn {
                            out.put(UInt8(ascii: "m"))
                            out.putDecimal(start - pen)
                            out.put(" 0h")
                        } else {
                            out.put(UInt8(ascii: "M"))
                            out.putDecimal(start + QRCode.quietZone)
                            out.put(UInt8(ascii: " "))
                            out.putDecimal(row + QRCode.quietZone)
                            out.put(".5h")
                        }
                        out.putDecimal(column - start)
                        penColumn = column
                    }
                }
            }
            out.put(tail)
            count = out.written(since: buffer.baseAddress!)
        }
    }
}

/// Writes bytes forward from an address; the caller sized the buffer for the worst case.
private struct ByteCursor {
    private var next: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { next = start }

    mutating func put(_ byte: UInt8) {
        next.pointee = byte
        next += 1
    }

    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        next.update(from: bytes.baseAddress!, count: bytes.count)
        next += bytes.count
    }

    mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A non-negative number below 1,000 (QR codes are at most 177 modules wide).
    mutating func putDecimal(_ value: Int) {
        if value >= 100 { put(UInt8(48 + value / 100)) }
        if value >= 10 { put(UInt8(48 + value / 10 % 10)) }
        put(UInt8(48 + value % 10))
    }

    func written(since start: UnsafeMutablePointer<UInt8>) -> Int { next - start }
}

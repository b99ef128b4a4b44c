import CPNGWriter

extension QRCode {
    /// The symbol as a 1-bit grayscale PNG with the quiet zone, `scale` pixels per module.
    ///
    /// - Parameter scale: Whole pixels per module (8 gives 328 px for a 33-module code).
    /// - Throws: `QRError.pngEncodingFailed` if libpng fails.
    public func png(scale: Int) throws(QRError) -> [UInt8] {
        var buffer = tp_png_buffer()
        let status = modules.withUnsafeBufferPointer { modules in
            tp_png_encode_qr(modules.baseAddress, Int32(width), Int32(scale), Int32(QRCode.quietZone), &buffer)
        }
        guard status == 0, let bytes = buffer.bytes else { throw .pngEncodingFailed }
        defer { tp_png_buffer_free(&buffer) }
        return Array(UnsafeBufferPointer(start: bytes, count: buffer.length))
    }
}

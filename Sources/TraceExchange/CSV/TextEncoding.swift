public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The text encodings spreadsheet exports arrive in.
public enum TextEncoding: String, CaseIterable, Sendable {
    /// UTF-8, with or without a BOM (Excel's "CSV UTF-8", WPS, LibreOffice).
    case utf8 = "utf-8"
    /// GB 18030, a superset of GBK/GB2312, which Chinese-locale Excel writes for plain "CSV".
    case gb18030
    /// UTF-8 when the bytes are valid UTF-8, else GB 18030.
    case auto

    /// Decodes a file's bytes.
    ///
    /// - Returns: The text without a byte-order mark, and the encoding actually used.
    /// - Throws: A one-line reason when the bytes are not text in the chosen encoding.
    public func decode(_ data: Data) throws(TextDecodingError) -> (text: String, encoding: TextEncoding) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw TextDecodingError(message: "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" instead")
        }
        switch self {
        case .utf8, .auto:
            if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
            if self == .utf8 {
                throw TextDecodingError(message: "the file is not valid UTF-8 (Chinese Excel saves GB18030: try --encoding gb18030)")
            }
            return (try TextEncoding.decodeGB18030(bytes), .gb18030)
        case .gb18030:
            return (try TextEncoding.decodeGB18030(bytes), .gb18030)
        }
    }

    /// GB 18030 through the C library's iconv, which every Linux has: no Swift package decodes
    /// GB 18030, and Foundation on Linux does not offer it either.
    private static func decodeGB18030(_ bytes: [UInt8]) throws(TextDecodingError) -> String {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else {
            throw TextDecodingError(message: "this system's iconv cannot read GB18030")
        }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        var written = 0
        let failed: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                written = outBuffer.count - outLeft
                return result == -1 || inLeft != 0
            }
        }
        guard !failed, let text = String(validating: output.prefix(written).map { UInt8(bitPattern: $0) }, as: UTF8.self) else {
            throw TextDecodingError(message: "the file is neither UTF-8 nor GB18030 text; choose the encoding with --encoding")
        }
        return text
    }
}

/// Why bytes could not be read as text.
public struct TextDecodingError: Error, Sendable {
    public let message: String
}

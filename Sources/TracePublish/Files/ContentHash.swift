import Crypto

/// SHA-256 of file contents, its first 128 bits as lowercase hex: what the manifest records
/// and compares.
///
/// Why 128 bits: the manifest holds seven of these per batch and every rebuild reads it three
/// times; full-length hashes made it 55 MB at 100,000 batches, and reading it was a third of a
/// one-batch-changed rebuild. 128 bits of SHA-256 still make an accidental match between two
/// different files of a site (the only thing the comparison guards against) beyond reach.
public enum ContentHash {
    /// Hex characters in a hash.
    public static let length = 32

    /// - Returns: `length` hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hexString(hasher.finalize())
    }

    /// Hex of the SHA-256 of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }

    static func hexString(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(length)
        for byte in digest.prefix(length / 2) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A running SHA-256 over many pieces (input keys, manifest checksums).
public struct RunningHash {
    private var hasher = SHA256()

    public init() {}

    /// Adds a field; fields are separated so `ab`+`c` and `a`+`bc` differ.
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        hasher.update(data: [0x1F])
    }

    public mutating func add(bytes: [UInt8]) { hasher.update(data: bytes) }

    /// Adds integers by their bytes (a listing page's ids and revisions), with no text between.
    public mutating func add(integers: [Int64]) {
        integers.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(data: [0x1F])
    }

    public var hex: String { ContentHash.hexString(hasher.finalize()) }
}

import CXXHash
import Crypto

/// What the manifest records and compares for a file's contents: XXH3's 128-bit hash
/// (libxxhash), as lowercase hex.
///
/// Why XXH3 and not SHA-256: the comparison only guards against an accidental match between two
/// versions of one file of a site, which 128 bits of a well-mixed non-cryptographic hash put out
/// of reach as surely as 128 bits of SHA-256; and SHA-256 of every file (60 KB per batch) was 4–5%
/// of a full build's CPU (`Benchmarks/profile/run.sh`), XXH3 about 5 µs per batch (a tenth).
/// Names that must not change between TracePress versions (the stylesheet's fingerprint) use
/// `fingerprint`, SHA-256.
///
/// Why 128 bits: the manifest holds seven of these per batch and every rebuild reads it three
/// times; full-length SHA-256 hashes made it 55 MB at 100,000 batches, and reading it was a third
/// of a one-batch-changed rebuild.
public enum ContentHash {
    /// Hex characters in a hash.
    public static let length = 32

    /// - Returns: `length` hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        let hash = bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
        // High half first, each most significant digit first: XXH128_canonicalFromHash's order.
        // Written straight into the string: through a byte array, a digit table and a copy it
        // was four allocations per file (`perf record` on `malloc`).
        return String(unsafeUninitializedCapacity: length) { buffer in
            func put(_ word: UInt64, at start: Int) {
                for position in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * position)) & 0x0F
                    buffer[start + position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                }
            }
            put(hash.high64, at: 0)
            put(hash.low64, at: 16)
            return length
        }
    }

    /// Hex of the hash of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }

    /// The first `length` hex characters of the SHA-256 of `bytes`: for names derived from
    /// content (a fingerprinted stylesheet), which stay the same from one TracePress to the next.
    public static func fingerprint(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hexString(hasher.finalize())
    }

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

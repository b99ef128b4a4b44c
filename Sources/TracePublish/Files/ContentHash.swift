import Crypto

/// SHA-256 of file contents, as lowercase hex: what the manifest records and compares.
public enum ContentHash {
    /// - Returns: 64 hex characters.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hexString(hasher.finalize())
    }

    /// Hex of the SHA-256 of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }

    static func hexString(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
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
        hasher.update(data: Array(text.utf8))
        hasher.update(data: [0x1F])
    }

    public mutating func add(bytes: [UInt8]) { hasher.update(data: bytes) }

    public var hex: String { ContentHash.hexString(hasher.finalize()) }
}
